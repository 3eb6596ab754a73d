/**
 * Atlassian: Jira and Confluence Cloud against the Atlassian replica
 * (sandbox/providers/vendors/atlassian.js). The test account has two sites; the replica's
 * sign-in page asks which one the app may use, and accessible-resources lists the granted sites.
 *
 * auth.atlassian.com/oauth/token sends no CORS headers (Atlassian documents CORS for
 * api.atlassian.com only), so OAuth sign-in cannot finish in a page; the gateway answers
 * browsers, so a scoped API token (Basic, email:token) works.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT = {
	'Client ID': 'replica-atlassian-client-id',
	'Client secret': 'replica-atlassian-secret'
};
const SITE_TWO = '8d6f2c1b-7a3e-4b59-9c0d-2e1f3a4b5c6d';
const EMAIL = 'mia@replica.example';
const API_TOKEN = 'ATATT3xReplicaScopedApiToken0001';
const REFUSED = {
	reason:
		'auth.atlassian.com/oauth/token sends no CORS headers (CORS is documented for api.atlassian.com only); needs the bridge extension'
};
const NO_REVOCATION =
	'Atlassian has no revocation endpoint for 3LO tokens (users remove the app under Connected apps)';

/**
 * `cloudIdName`: the connector's property that holds the site's cloud id, learned from
 * accessible-resources (Jira's catalog names it `cloudid`, Confluence's `cloudId`).
 */
function oauthTypes(
	request: AuthPlan['request'],
	account: string,
	cloudIdName: string
): AuthPlan[] {
	return ['OAuth 2.0 Authorization code', 'Bring your own OAuth 2.0 app'].map((type) => ({
		type,
		values: CLIENT,
		signIn: true,
		choose: 'replica-two',
		account,
		learned: { [cloudIdName]: SITE_TWO },
		refused: REFUSED,
		refresh: true,
		request,
		revoke: NO_REVOCATION
	}));
}

const basic = {
	signIn: false,
	refresh: 'Basic authentication has no token to refresh',
	revoke: 'a scoped API token is revoked by its owner at id.atlassian.com'
} as const;

providerTests({
	id: 'jira',
	vendor: 'atlassian',
	search: 'jira',
	name: 'Jira',
	types: [
		...oauthTypes({ path: '/project', expect: /Replica project/ }, EMAIL, 'cloudid'),
		{
			...basic,
			type: 'Basic',
			values: { 'Cloud ID': SITE_TWO, 'Email address': EMAIL, Password: API_TOKEN },
			account: EMAIL,
			request: { path: '/project', expect: /Replica project \(replica-two\)/ }
		}
	]
});

providerTests({
	id: 'confluence-cloud',
	vendor: 'atlassian',
	search: 'confluence',
	name: 'Confluence Cloud',
	types: [
		...oauthTypes({ path: '/space', expect: /Replica space/ }, 'Mia Krystof', 'cloudId'),
		{
			...basic,
			type: 'Basic',
			values: { 'Cloud ID': SITE_TWO, Username: EMAIL, Password: API_TOKEN },
			account: 'Mia Krystof',
			request: { path: '/space', expect: /Replica space \(replica-two\)/ }
		}
	]
});
