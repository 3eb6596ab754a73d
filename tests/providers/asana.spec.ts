/**
 * Asana against its replica (sandbox/providers/vendors/asana.js): the OAuth token endpoint
 * refuses browsers (no CORS), the REST API answers them, so a personal access token works.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT = { 'Client ID': '1209876543210001', 'Client secret': 'replica-asana-secret' };
const ACCOUNT = 'adele@contoso.example';
const REQUEST: AuthPlan['request'] = { path: '/workspaces', expect: /Contoso Marketing/ };
const NO_CORS = {
	reason:
		'Asana does not support token requests from a browser (no CORS on /-/oauth_token); needs the bridge extension'
};

providerTests({
	id: 'asana',
	vendor: 'asana',
	search: 'asana',
	name: 'Asana',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: CLIENT,
			signIn: true,
			account: ACCOUNT,
			refused: NO_CORS,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: CLIENT,
			signIn: true,
			account: ACCOUNT,
			refused: NO_CORS,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'Personal Access Token (PAT)',
			values: {
				'Personal access token': '2/1201234567890123/1209999999999999:replicapat0123456789abcdef'
			},
			signIn: false,
			account: ACCOUNT,
			refresh: 'a personal access token does not expire and has no refresh',
			request: REQUEST,
			revoke: 'a personal access token is deauthorized in the Asana developer console'
		}
	]
});
