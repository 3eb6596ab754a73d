/**
 * ServiceNow against its replica (sandbox/providers/vendors/servicenow.js), on the instance
 * `contoso`, whose administrator allowed the app's origin for the OAuth endpoints
 * (glide.oauth.cors.allowed.origin) and for the Table API (a CORS rule). An instance as
 * delivered (`acme` in the replica) sends no CORS headers and refuses every type in a browser.
 */
import { providerTests, type AuthPlan } from './flow';

const INSTANCE = { Instance: 'contoso' };
const CONFIDENTIAL = {
	'Client ID': '8f1e6b2c4d7a4e9b9c3d2a1f0e5b6c7d',
	'Client secret': 'replica-now-secret'
};
const PUBLIC = { 'Client ID': '3a2b1c0d9e8f4a7b8c6d5e4f3a2b1c0d' };
const USER = { Username: 'adele.vance', Password: 'replica-now-password' };
const ACCOUNT = 'adele.vance';
const REQUEST: AuthPlan['request'] = {
	path: '/table/incident?sysparm_limit=1',
	expect: /INC0010001/
};

providerTests({
	id: 'servicenow',
	vendor: 'servicenow',
	search: 'servicenow',
	name: 'ServiceNow',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { ...INSTANCE, ...CONFIDENTIAL },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { ...INSTANCE, ...PUBLIC },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Password',
			values: { ...INSTANCE, ...CONFIDENTIAL, ...USER },
			signIn: false,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { ...INSTANCE, ...CONFIDENTIAL },
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'Basic',
			values: { ...INSTANCE, ...USER },
			signIn: false,
			account: ACCOUNT,
			refresh: 'Basic credentials do not expire',
			request: REQUEST,
			revoke: 'Basic credentials are a user password; there is no token to revoke'
		}
	]
});
