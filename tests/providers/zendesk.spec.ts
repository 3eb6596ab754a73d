/**
 * Zendesk against its replica (sandbox/providers/vendors/zendesk.js), account `acme`. The API
 * answers browsers only for OAuth access tokens; API-token (Basic) requests get no CORS header.
 * Revocation is a DELETE to /api/v2/oauth/tokens/current.json, which no revoke style expresses.
 */
import { providerTests, type AuthPlan } from './flow';

const SUBDOMAIN = { 'Zendesk subdomain': 'acme' };
const CONFIDENTIAL = {
	'Client ID': 'switchboard_replica',
	'Client secret': 'replica-zendesk-secret'
};
const ACCOUNT = 'adele@acme.example';
const REQUEST: AuthPlan['request'] = { path: '/tickets.json', expect: /Printer on fire/ };
const NO_REVOKE =
	'Zendesk revokes with DELETE /api/v2/oauth/tokens/current.json (no RFC 7009 endpoint); the catalog has no revokeUrl';

providerTests({
	id: 'zendesk',
	vendor: 'zendesk',
	search: 'zendesk',
	name: 'Zendesk',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { ...SUBDOMAIN, ...CONFIDENTIAL },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: NO_REVOKE
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { ...SUBDOMAIN, 'Client ID': 'switchboard_public' },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: NO_REVOKE
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { ...SUBDOMAIN, ...CONFIDENTIAL },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: NO_REVOKE
		},
		{
			type: 'Basic',
			values: {
				...SUBDOMAIN,
				'Email address + /token': 'adele@acme.example/token',
				'API token': 'replicaZendeskApiToken0123456789'
			},
			signIn: false,
			account: ACCOUNT,
			refused: {
				reason:
					'Zendesk sends no CORS headers for API-token (Basic) requests; needs the bridge extension'
			},
			refresh: 'an API token does not expire',
			request: REQUEST,
			revoke: 'an API token is deleted in the Admin Center'
		}
	]
});
