/**
 * QuickBooks Online against the Intuit replica (sandbox/providers/vendors/intuit.js): the
 * callback carries realmId (learned as realm_id), but the token endpoint sends no CORS
 * headers, so both OAuth types are refused in a browser.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT = {
	'Client ID': 'ABreplicaIntuitDevelopmentClient0123456789',
	'Client secret': 'replica-intuit-secret',
	'API host': 'sandbox-quickbooks.api.intuit.com'
};
const REFUSED = {
	reason:
		'Intuit sends no CORS headers on oauth.platform.intuit.com/oauth2/v1/tokens/bearer; needs the bridge extension'
};
const common: Omit<AuthPlan, 'type'> = {
	values: CLIENT,
	signIn: true,
	choose: 'Sandbox Company_US_1',
	account: 'Sandbox Company_US_1',
	learned: { realm_id: '9341452345678901' },
	refused: REFUSED,
	refresh: true,
	request: { path: '/query?query=select * from Customer', expect: /Bird Sanctuary/ },
	revoke: true
};

providerTests({
	id: 'quickbooksonline',
	vendor: 'intuit',
	search: 'quickbooks',
	name: 'QuickBooksOnline',
	types: [
		{ type: 'OAuth 2.0 Authorization code', ...common },
		{ type: 'Bring your own OAuth 2.0 app', ...common }
	]
});
