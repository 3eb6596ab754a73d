/**
 * Box against the Box replica (sandbox/providers/vendors/box.js). The Developer Console holds one
 * Platform App with OAuth 2.0 whose CORS Domains list the app's origin; Box requires the client
 * secret at the token endpoint, rotates refresh tokens (one use, 60 days) and revokes with the
 * client credentials in a form.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT_ID = 'replicaboxclientid0000000000000';
const CLIENT_SECRET = 'replica-box-secret';
const ACCOUNT = 'aaron@box-replica.example';
const request: AuthPlan['request'] = { path: '/folders/0/items', expect: /Contracts/ };

providerTests({
	id: 'box',
	vendor: 'box',
	search: 'box',
	name: /^Box(?! Sign)/,
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { 'Client ID': CLIENT_ID, 'Client secret': CLIENT_SECRET },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Client ID': CLIENT_ID, 'Client secret': CLIENT_SECRET },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Personal Access Token (PAT)',
			values: { 'Developer token': 'replica-box-developer-token' },
			signIn: false,
			account: ACCOUNT,
			refresh: 'a developer token lives 60 minutes and has no refresh token',
			request,
			revoke:
				'a developer token is revoked in the Developer Console; the type has no revocation URL'
		}
	]
});
