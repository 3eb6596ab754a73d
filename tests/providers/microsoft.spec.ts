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

/** The four auth types of a Microsoft connector, with what the identity platform does with each. */
function microsoftTypes(
	request: AuthPlan['request'],
	extra: Record<string, string> = {},
	account: string = ACCOUNT
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
			refused: { message: /AADSTS9002326/, reason: WEB_PLATFORM },
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
			account: 'System',
			refused: {
				message: /browser|CORS/i,
				reason:
					'the token endpoint sends no CORS headers for client credentials; needs the bridge extension'
			},
			refresh: 'client credentials get a new token instead',
			request,
			revoke: NO_REVOCATION
		}
	];
}

for (const [id, search, name, request] of [
	[
		'microsoft-outlook-365',
		'outlook',
		'Microsoft Outlook 365',
		{ path: '/me/messages', expect: /Quarterly report/ }
	],
	['microsoft-teams', 'teams', 'Microsoft Teams', { path: '/me/joinedTeams', expect: /Marketing/ }],
	[
		'microsoft-onedrive-and-sharepoint',
		'onedrive',
		/OneDrive/,
		{ path: '/me/drive', expect: /business/ }
	],
	['microsoft-365', 'microsoft 365', /^Microsoft 365/, { path: '/me', expect: /Adele Vance/ }],
	[
		'microsoft-azure-active-directory',
		'entra',
		/Active Directory|Entra/,
		{ path: '/organization', expect: /Contoso/ }
	]
] as const)
	providerTests({ id, vendor: 'microsoft', search, name, types: microsoftTypes(request) });

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
			USER_ID
		)
	});
