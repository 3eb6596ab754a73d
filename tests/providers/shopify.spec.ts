/**
 * Shopify against its replica (sandbox/providers/vendors/shopify.js), store `acme`: neither the
 * token endpoint nor the Admin API sends CORS headers, so every type is refused in a browser.
 */
import { providerTests, type AuthPlan } from './flow';

const SHOP = { 'Shop name': 'acme' };
const CLIENT = {
	...SHOP,
	'Client ID': '2f7d4e1c9b8a4c3d8e2f1a0b9c8d7e6f',
	'Client secret': 'shpss_replicashopifysecret0123456789'
};
const REQUEST: AuthPlan['request'] = { path: '/products.json', expect: /IPod Nano/ };
const refused = (what: string) => ({
	reason: `Shopify sends no CORS headers on ${what}; needs the bridge extension`
});
/**
 * Shopify's code exchange answers `{ access_token, scope }` with no `token_type` (documented in
 * the authorization code grant guide, reproduced by the replica); the app's OAuth client requires
 * `token_type` (RFC 6749 §5.1) and rejects the answer as INVALID_RESPONSE, bridge or not.
 */
const UNINSTALL =
	'Shopify revokes by uninstalling: DELETE /admin/api_permissions/current.json, which no revoke style expresses';

providerTests({
	id: 'shopify',
	vendor: 'shopify',
	search: 'shopify',
	name: 'Shopify',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: CLIENT,
			signIn: true,
			account: 'Acme Outfitters',
			refused: refused('/admin/oauth/access_token'),
			refresh: 'an offline access token does not expire and has no refresh token',
			request: REQUEST,
			revoke: UNINSTALL
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: CLIENT,
			signIn: true,
			account: 'Acme Outfitters',
			refused: refused('/admin/oauth/access_token'),
			refresh: 'an offline access token does not expire and has no refresh token',
			request: REQUEST,
			revoke: UNINSTALL
		},
		{
			type: 'API key',
			values: { ...SHOP, 'Admin API access token': 'shpat_replica0123456789abcdef0123456789' },
			signIn: false,
			account: 'Acme Outfitters',
			refused: refused('the Admin API'),
			refresh: 'a custom app token does not expire',
			request: REQUEST,
			revoke: 'a custom app token is revoked by uninstalling the app in the Shopify admin'
		}
	]
});
