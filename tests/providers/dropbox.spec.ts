/**
 * Dropbox and Dropbox Business against the Dropbox replica (sandbox/providers/vendors/dropbox.js).
 * The App Console holds one user app and one team-linked app, each with a key and a secret; PKCE
 * uses the key alone. Tokens live four hours; refresh tokens come with `token_access_type=offline`
 * and stay the same on refresh; `auth/token/revoke` takes the access token as Bearer.
 */
import { providerTests, type AuthPlan } from './flow';

const USER_APP = { id: 'replica-dropbox-app', secret: 'replica-dropbox-secret' };
const TEAM_APP = { id: 'replica-dropbox-team-app', secret: 'replica-dropbox-team-secret' };
const GENERATED_REFRESH = 'a token generated in the App Console comes without a refresh token';
const GENERATED_REVOKE =
	'a token generated in the App Console is revoked there; the type has no revocation URL';

function dropboxTypes(
	app: { id: string; secret: string },
	generatedToken: string,
	account: string,
	request: AuthPlan['request']
): AuthPlan[] {
	return [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { 'Client ID': app.id, 'Client secret': app.secret },
			signIn: true,
			account,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Client ID': app.id },
			signIn: true,
			account,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Client ID': app.id, 'Client secret': app.secret },
			signIn: true,
			account,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Personal Access Token (PAT)',
			values: { 'Access token': generatedToken },
			signIn: false,
			account,
			refresh: GENERATED_REFRESH,
			request,
			revoke: GENERATED_REVOKE
		}
	];
}

providerTests({
	id: 'dropbox',
	vendor: 'dropbox',
	search: 'dropbox',
	name: /^Dropbox(?! Business)/,
	types: dropboxTypes(
		USER_APP,
		'sl.replica-generated-user-token',
		'franz@dropbox-replica.example',
		{
			method: 'POST',
			path: '/2/users/get_space_usage',
			expect: /allocated/
		}
	)
});

providerTests({
	id: 'dropbox-business',
	vendor: 'dropbox',
	search: 'dropbox business',
	name: /^Dropbox Business/,
	types: dropboxTypes(TEAM_APP, 'sl.replica-generated-team-token', 'Replica Team', {
		method: 'POST',
		path: '/2/team/members/list_v2',
		expect: /dbmid:/
	})
});
