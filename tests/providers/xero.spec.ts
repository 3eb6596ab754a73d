/**
 * Xero against its replica (sandbox/providers/vendors/xero.js). Xero's identity service and API
 * send no CORS headers (its PKCE guide: single page apps are not supported), so every type is
 * refused in a browser. The redirect types stop before the sign-in page: the app reads the
 * issuer's OpenID discovery document first, and identity.xero.com refuses the browser there.
 */
import { providerTests, type AuthPlan } from './flow';

const WEB = {
	'Client ID': '0A1B2C3D4E5F40718293A4B5C6D7E8F9',
	'Client secret': 'replica-xero-secret'
};
const REQUEST: AuthPlan['request'] = { path: '/Organisation', expect: /Demo Company/ };
const ACCOUNT = 'Demo Company (Global)';
const refused = (what: string) => ({
	message: /could not be reached from the browser/,
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
			signIn: false,
			account: ACCOUNT,
			refused: refused('identity.xero.com (discovery, token)'),
			refresh: true,
			request: REQUEST,
			revoke: true
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { 'Client ID': '9F8E7D6C5B4A40392817F6E5D4C3B2A1' },
			signIn: false,
			account: ACCOUNT,
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
			account: ACCOUNT,
			refused: refused('identity.xero.com/connect/token (custom connections are server-only)'),
			refresh: 'client credentials get a new token instead',
			request: REQUEST,
			revoke: 'a custom connection token is not revoked; it expires after 30 minutes'
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: WEB,
			signIn: false,
			account: ACCOUNT,
			refused: refused('identity.xero.com (discovery, token)'),
			refresh: true,
			request: REQUEST,
			revoke: true
		}
	]
});
