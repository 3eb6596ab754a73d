/**
 * Okta: the org authorization server and the management API of one org
 * (sandbox/providers/vendors/okta.js). The org trusts the app's origin for CORS and has two app
 * integrations: a SPA (public client, rotating refresh tokens) and a web app (client_secret_basic,
 * persistent refresh tokens); both are granted okta.users.read and okta.groups.read.
 */
import { providerTests } from './flow';

const DOMAIN = 'dev-4417732.okta.com';
const SPA = '0oa8spareplica5d7';
const WEB = '0oa8webreplica5d7';
const SECRET = 'replica-secret';
const ACCOUNT = 'ada@acme.example';
const request = { path: '/api/v1/groups', expect: /Everyone/ };

providerTests({
	id: 'okta',
	vendor: 'okta',
	search: 'okta',
	name: /^Okta$/,
	types: [
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Okta domain': DOMAIN, 'Client ID': SPA },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code',
			values: { 'Okta domain': DOMAIN, 'Client ID': WEB, 'Client secret': SECRET },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Okta domain': DOMAIN, 'Client ID': WEB, 'Client secret': SECRET },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'API key',
			values: { 'Okta domain': DOMAIN, 'API token': '00QCjAl4MlV-replica-api-token' },
			signIn: false,
			account: ACCOUNT,
			refused: {
				reason:
					'Okta answers SSWS API-token requests from a browser without CORS headers; needs the bridge extension'
			},
			refresh: 'API tokens do not expire on a schedule',
			request,
			revoke: 'an API token is revoked in the Admin Console'
		}
	]
});
