/**
 * Docusign against the Account Service and eSignature replica (sandbox/providers/vendors/docusign.js).
 * Apps and Keys holds a public integration key (Single Page Web Application: PKCE, no secret) and
 * a confidential one (secret key, Basic authentication); both list the app's origin in their CORS
 * configuration with OAuth CORS on. The eSignature host is learned after sign-in from
 * /oauth/userinfo: the production user's default account lives on na3.docusign.net.
 */
import { providerTests, type AuthPlan } from './flow';

const PUBLIC_KEY = '6f0a3c9e-2b1d-4e8f-9a7c-5d3e1f2a4b6c';
const CONFIDENTIAL_KEY = '8b2d4f6a-1c3e-4a5b-8d7f-9e0a1b2c3d4e';
const SECRET = 'replica-docusign-secret';
const DEFAULT_ACCOUNT = '2d4f6a8c-0e2a-4c6e-9a0c-2e4a6c8e0a2c';
const ACCOUNT = 'susan.smart@docusign-replica.example';
const NO_REVOCATION =
	'Docusign has no token revocation endpoint (consent is withdrawn under Connected Apps)';
const SERVER = { 'Account server': 'account.docusign.com' };

const common = {
	signIn: true,
	account: ACCOUNT,
	learned: { baseUri: 'na3.docusign.net' },
	refresh: true,
	request: { path: `/accounts/${DEFAULT_ACCOUNT}/envelopes`, expect: /Please sign the NDA/ },
	revoke: NO_REVOCATION
} satisfies Partial<AuthPlan>;

providerTests({
	id: 'docusign',
	vendor: 'docusign',
	search: 'docusign',
	name: /^DocuSign/,
	types: [
		{
			type: 'OAuth 2.0 Authorization code',
			values: { ...SERVER, 'Client ID': CONFIDENTIAL_KEY, 'Client secret': SECRET },
			...common
		},
		{
			type: 'OAuth 2.0 Authorization code with PKCE',
			values: { ...SERVER, 'Client ID': PUBLIC_KEY },
			...common
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: { ...SERVER, 'Client ID': CONFIDENTIAL_KEY, 'Client secret': SECRET },
			...common
		}
	]
});
