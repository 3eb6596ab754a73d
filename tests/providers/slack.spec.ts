/**
 * Slack: the connector against the Slack replica (sandbox/providers/vendors/slack.js). The test
 * workspace has a confidential app with token rotation, an app with PKCE enabled (a public
 * client, rotation on) and long-lived bot and user tokens for the PAT type.
 *
 * Slack answers every origin (`Access-Control-Allow-Origin: *`), so the code exchange — a form
 * POST without an Authorization header — is readable from the browser. Its preflight does not
 * allow the `Authorization` header, though, and the app sends every API call (and the bearer
 * revocation) with it: the calls after sign-in cannot be made from a page. Through the bridge
 * they can: auth.test names the bot user the installation's bot token belongs to.
 */
import { providerTests, type AuthPlan } from './flow';

const CONFIDENTIAL_APP = '1111111111.2222222222';
const PKCE_APP = '3333333333.4444444444';
const SECRET = 'replica-slack-secret';
const BOT_TOKEN = 'xoxb-0000000001-0000000002-ReplicaStaticBotToken00';
const PREFLIGHT =
	"Slack's Web API preflight does not allow the Authorization header (node-slack-sdk#1505); needs the bridge extension";
/** auth.test (the check request, `user`) with the bot token: the app's bot user. */
const BOT_USER = 'switchboard-replica';
const request: AuthPlan['request'] = { path: '/conversations.list', expect: /general/ };

providerTests({
	id: 'slack',
	vendor: 'slack',
	search: 'slack',
	name: 'Slack',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { 'Client ID': CONFIDENTIAL_APP, 'Client secret': SECRET },
			signIn: true,
			account: BOT_USER,
			refused: {
				reason: PREFLIGHT
			},
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Client ID': PKCE_APP },
			signIn: true,
			account: BOT_USER,
			refused: {
				reason: PREFLIGHT
			},
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { 'Client ID': CONFIDENTIAL_APP, 'Client secret': SECRET },
			signIn: true,
			account: BOT_USER,
			refused: {
				reason: PREFLIGHT
			},
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Personal Access Token (PAT)',
			values: { 'Bot or user token': BOT_TOKEN },
			signIn: false,
			account: BOT_USER,
			refused: { reason: PREFLIGHT },
			refresh: 'a bot or user token pasted from the app settings is not refreshed',
			request,
			revoke:
				'a bot or user token pasted from the app settings is revoked there (or by uninstalling the app), not by the app'
		}
	]
});
