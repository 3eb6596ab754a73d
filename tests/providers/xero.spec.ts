/**
 * Xero against its replica (sandbox/providers/vendors/xero.js). Xero's identity service and API
 * send no CORS headers (its PKCE guide: single page apps are not supported), so every type is
 * refused in a browser. Without the bridge the redirect types stop before the sign-in page (the
 * app reads the issuer's OpenID discovery document first, and identity.xero.com refuses the
 * browser there); through the bridge they sign in, picking the organisation, and every API call
 * names it in the xero-tenant-id header (the Tenant ID the user copies from GET /connections).
 */
import { providerTests, type AuthPlan } from './flow';

const TENANT_ID = 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b';
const WEB = {
	'Client ID': '0A1B2C3D4E5F40718293A4B5C6D7E8F9',
	'Client secret': 'replica-xero-secret',
	'Tenant ID': TENANT_ID
};
const REQUEST: AuthPlan['request'] = { path: '/Organisation', expect: /Demo Company/ };
/** The organisation: what GET /connections (the check request) names first. */
const ORGANISATION = 'Demo Company (Global)';
/** Who signed in: the id_token's email, which the app prefers to the check request's answer. */
const SIGNED_IN = 'adele@contoso.example';
const refused = (what: string) => ({
	reason: `Xero sends no CORS headers on ${what}; needs the bridge extension`
});

providerTests({
	id: 'xero',
	vendor: 'xero',
	search: 'xero',
	name: 'Xero',
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: WEB,
			signIn: true,
			choose: ORGANISATION,
			account: SIGNED_IN,
			refused: refused('identity.xero.com (discovery, token)'),
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Client ID': '9F8E7D6C5B4A40392817F6E5D4C3B2A1', 'Tenant ID': TENANT_ID },
			signIn: true,
			choose: ORGANISATION,
			account: SIGNED_IN,
			refused: refused('identity.xero.com (discovery, token)'),
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Client credentials',
			values: {
				'Client ID': '5C5C5C5C5C5C45C5A5C5C5C5C5C5C5C5',
				'Client secret': 'replica-xero-custom-secret'
			},
			signIn: false,
			account: ORGANISATION,
			refused: refused('identity.xero.com/connect/token (custom connections are server-only)'),
			refresh: 'client credentials get a new token instead',
			request: REQUEST,
			revoke: 'a custom connection token is not revoked; it expires after 30 minutes'
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: WEB,
			signIn: true,
			choose: ORGANISATION,
			account: SIGNED_IN,
			refused: refused('identity.xero.com (discovery, token)'),
			refresh: true,
			request: REQUEST,
			revoke: true
		}
	]
});
