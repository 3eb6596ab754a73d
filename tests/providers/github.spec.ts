/**
 * GitHub: the connector against the GitHub replica (sandbox/providers/vendors/github.js). The
 * test account has an OAuth app (tokens that do not expire), a GitHub App with expiring user
 * tokens, and a classic personal access token.
 *
 * github.com/login/oauth/access_token sends no CORS headers, so the OAuth sign-in cannot finish
 * in a browser page; api.github.com answers every origin, so a personal access token works.
 */
import { providerTests } from './flow';

providerTests({
	id: 'github',
	vendor: 'github',
	search: 'github',
	name: 'GitHub',
	types: [
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Client ID': 'Ov23liReplicaOAuthApp0', 'Client secret': 'replica-github-secret' },
			signIn: true,
			account: 'octo-replica',
			refused: {
				reason:
					'github.com/login/oauth/access_token sends no CORS headers (isaacs/github#330); needs the bridge extension'
			},
			refresh:
				'OAuth app tokens do not expire (only GitHub Apps with expiring user tokens refresh)',
			request: { path: '/user/repos', expect: /hello-world/ },
			revoke:
				'GitHub revokes app tokens only with the client secret in Basic auth (DELETE /applications/{client_id}/token)'
		},
		{
			type: 'Personal Access Token (PAT)',
			values: { 'Personal access token': 'ghp_ReplicaClassicToken000000000000000000' },
			signIn: false,
			account: 'octo-replica',
			refresh: 'a personal access token is not refreshed',
			request: { path: '/user/repos', expect: /hello-world/ },
			revoke: 'a personal access token is revoked by its owner in GitHub settings'
		}
	]
});
