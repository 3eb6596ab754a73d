/**
 * Microsoft: Graph connectors and Dataverse against the identity-platform replica
 * (sandbox/providers/vendors/microsoft.js). The test directory registers one app on the
 * Single-Page Application platform (public client) and one on the Web platform (with a secret).
 */
import { providerTests, type AuthPlan } from './flow';

const SPA_APP = '11111111-2222-4333-8444-555555555555';
const WEB_APP = '66666666-7777-4888-9999-000000000000';
const TENANT = '5f3c1b2a-8d7e-4c6f-9a1b-2e3d4c5b6a79';
const ACCOUNT = 'adele@contoso.example';
const USER_ID = '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d';
const NO_REVOCATION = 'the Microsoft identity platform has no token revocation endpoint';
const WEB_PLATFORM =
	'the Web platform redeems codes only from a server (AADSTS9002326); needs the bridge extension';

/**
 * Who an app-only (client credentials) token is: no one signed in. Graph refuses `/me`, the
 * connectors' check request, with 400 ("/me request is only valid with delegated authentication
 * flow", learn.microsoft.com/graph/api/user-get), so the app knows no account and shows the
 * connection as the app itself, "System".
 */
const APP_ONLY_ACCOUNT = 'System';
/** Dataverse: an app-only token acts as the app's application user, which WhoAmI names by id. */
const APPLICATION_USER_ID = '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4';

/** The four auth types of a Microsoft connector, with what the identity platform does with each. */
function microsoftTypes(
	request: AuthPlan['request'],
	extra: Record<string, string> = {},
	account: string = ACCOUNT,
	/** The same for an app-only token: no `/me`, the user is named. */
	appOnly: { account: string; request: AuthPlan['request'] } = {
		account: APP_ONLY_ACCOUNT,
		request
	}
): AuthPlan[] {
	return [
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Client ID': SPA_APP, ...extra },
			signIn: true,
			account,
			refresh: true,
			request,
			revoke: NO_REVOCATION
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Client ID': SPA_APP, ...extra },
			signIn: true,
			account,
			refresh: true,
			request,
			revoke: NO_REVOCATION
		},
		{
			type: 'OAuth 2.0 Authorization code',
			values: { 'Client ID': WEB_APP, 'Client secret': 'replica-web-secret', ...extra },
			signIn: true,
			account,
			refused: { reason: WEB_PLATFORM },
			refresh: true,
			request,
			revoke: NO_REVOCATION
		},
		{
			type: 'OAuth 2.0 Client credentials',
			values: {
				'Client ID': WEB_APP,
				'Client secret': 'replica-web-secret',
				Tenant: TENANT,
				...extra
			},
			signIn: false,
			account: appOnly.account,
			refused: {
				reason:
					'the token endpoint sends no CORS headers for client credentials; needs the bridge extension'
			},
			refresh: 'client credentials get a new token instead',
			request: appOnly.request,
			revoke: NO_REVOCATION
		}
	];
}

/** A Graph request for a signed-in user (`/me…`) and the same for an app, which names the user. */
const graph = (path: string, expect: RegExp) => ({
	request: { path, expect },
	appRequest: { path: path.replace(/^\/me\b/, `/users/${ACCOUNT}`), expect }
});

for (const [id, search, name, { request, appRequest }] of [
	[
		'microsoft-outlook-365',
		'outlook',
		'Microsoft Outlook 365',
		graph('/me/messages', /Quarterly report/)
	],
	['microsoft-teams', 'teams', 'Microsoft Teams', graph('/me/joinedTeams', /Marketing/)],
	['microsoft-onedrive-and-sharepoint', 'onedrive', /OneDrive/, graph('/me/drive', /business/)],
	['microsoft-365', 'microsoft 365', /^Microsoft 365/, graph('/me', /Adele Vance/)],
	[
		'microsoft-azure-active-directory',
		'entra',
		/Active Directory|Entra/,
		graph('/organization', /Contoso/)
	]
] as const)
	providerTests({
		id,
		vendor: 'microsoft',
		search,
		name,
		types: microsoftTypes(request, {}, ACCOUNT, { account: APP_ONLY_ACCOUNT, request: appRequest })
	});

for (const [id, search, name] of [
	['microsoft-dynamics-365-crm', 'dynamics 365', /Dynamics 365/],
	['microsoft-power-automate', 'power automate', /Power Automate/]
] as const)
	providerTests({
		id,
		vendor: 'microsoft',
		search,
		name,
		types: microsoftTypes(
			{ path: '/accounts', expect: /Fourth Coffee/ },
			{ 'Environment host': 'contoso.crm4.dynamics.com' },
			// The check request is WhoAmI, which names the user by id only.
			USER_ID,
			{
				account: APPLICATION_USER_ID,
				request: { path: '/accounts', expect: /Fourth Coffee/ }
			}
		)
	});
