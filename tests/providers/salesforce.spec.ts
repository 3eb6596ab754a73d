/**
 * Salesforce: the org connectors (Salesforce, AgentForce & Flows) against the replica's My Domain
 * host, and Marketing Cloud Engagement (sandbox/providers/vendors/salesforce.js). The test org
 * has "Enable CORS for OAuth endpoints" on and the app's origin on its CORS allowlist; it has a
 * public connected app (no secret required) and a confidential one (secret required, client
 * credentials enabled with a run-as user).
 */
import { providerTests, type AuthPlan } from './flow';

const MY_DOMAIN = 'acme.my.salesforce.com';
const PUBLIC_APP = '3MVG9replica.public.client';
const CONFIDENTIAL_APP = '3MVG9replica.confidential.client';
const SECRET = 'replica-secret';
const ACCOUNT = 'ada@acme.example';
const LEARNED = { instance: MY_DOMAIN };
const CC_NO_REFRESH = 'client credentials get a new token instead';

/** The redirect types of an org connector: the public app with PKCE, the confidential one with its secret. */
function redirectTypes(request: AuthPlan['request']): AuthPlan[] {
	const domain = { 'My Domain login host': MY_DOMAIN };
	return [
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { ...domain, 'Client ID': PUBLIC_APP },
			signIn: true,
			account: ACCOUNT,
			learned: LEARNED,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code',
			values: { ...domain, 'Client ID': CONFIDENTIAL_APP, 'Client secret': SECRET },
			signIn: true,
			account: ACCOUNT,
			learned: LEARNED,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { ...domain, 'Client ID': CONFIDENTIAL_APP, 'Client secret': SECRET },
			signIn: true,
			account: ACCOUNT,
			learned: LEARNED,
			refresh: true,
			request,
			revoke: true
		}
	];
}

const clientCredentials = (request: AuthPlan['request']): AuthPlan => ({
	type: 'OAuth 2.0 Client credentials',
	values: {
		'My Domain login host': MY_DOMAIN,
		'Client ID': CONFIDENTIAL_APP,
		'Client secret': SECRET
	},
	signIn: false,
	account: 'integration@acme.example',
	learned: LEARNED,
	refresh: CC_NO_REFRESH,
	request,
	revoke: true
});

const accounts = { path: '/sobjects/Account', expect: /Burlington Textiles/ };

providerTests({
	id: 'salesforce',
	vendor: 'salesforce',
	search: 'salesforce',
	name: /^Salesforce$/,
	types: [
		...redirectTypes(accounts),
		clientCredentials(accounts),
		{
			type: 'OAuth 2.0 Password',
			values: {
				'My Domain login host': MY_DOMAIN,
				'Client ID': CONFIDENTIAL_APP,
				'Client secret': SECRET,
				Username: ACCOUNT,
				'Password and security token': 'replica-passwordTOKEN123'
			},
			signIn: false,
			account: ACCOUNT,
			learned: LEARNED,
			refresh: 'the username-password flow issues no refresh token',
			request: accounts,
			revoke: true
		}
	]
});

const flows = { path: '/actions/custom/flow', expect: /Create_Case/ };

providerTests({
	id: 'salesforce-agentforce-and-flows',
	vendor: 'salesforce',
	search: 'agentforce',
	name: /AgentForce/i,
	types: [clientCredentials(flows), ...redirectTypes(flows)]
});

const MC_SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';
const MC_REFUSED = {
	reason:
		'the Marketing Cloud token endpoint sends no CORS headers (and takes JSON bodies only); needs the bridge extension'
};
/**
 * The Marketing Cloud token endpoint (v2/token) takes JSON bodies only and answers a form with
 * `unsupported_grant_type` (access-token-app, access-token-s2s; the replica's mcToken); the app
 * sends every token request as a form, so the bridge, which only changes the route, cannot help.
 */
const mcRequest = { path: '/platform/v1/tokenContext', expect: /enterprise/ };
const MC_NO_REVOKE = 'Marketing Cloud documents no token revocation endpoint';

providerTests({
	id: 'salesforce-marketing-cloud',
	vendor: 'salesforce',
	search: 'marketing cloud',
	name: /Marketing Cloud/,
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: {
				'Tenant subdomain': MC_SUBDOMAIN,
				'Client ID': 'mc-web-client',
				'Client secret': SECRET
			},
			signIn: true,
			account: ACCOUNT,
			refused: MC_REFUSED,
			refresh: true,
			request: mcRequest,
			revoke: MC_NO_REVOKE
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Tenant subdomain': MC_SUBDOMAIN, 'Client ID': 'mc-public-client' },
			signIn: true,
			account: ACCOUNT,
			refused: MC_REFUSED,
			refresh: true,
			request: mcRequest,
			revoke: MC_NO_REVOKE
		},
		{
			type: 'OAuth 2.0 Client credentials',
			values: {
				'Tenant subdomain': MC_SUBDOMAIN,
				'Client ID': 'mc-server-client',
				'Client secret': SECRET
			},
			signIn: false,
			// A server-to-server token checks with tokenContext, which names no user.
			account: 'System',
			refused: MC_REFUSED,
			refresh: CC_NO_REFRESH,
			request: mcRequest,
			revoke: MC_NO_REVOKE
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: {
				'Tenant subdomain': MC_SUBDOMAIN,
				'Client ID': 'mc-web-client',
				'Client secret': SECRET
			},
			signIn: true,
			account: ACCOUNT,
			refused: MC_REFUSED,
			refresh: true,
			request: mcRequest,
			revoke: MC_NO_REVOKE
		}
	]
});
