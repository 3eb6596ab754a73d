/**
 * Fixed data of the sandbox: accounts, OAuth clients, API credentials, defaults.
 * Everything here is public test data for localhost only.
 */

export const DEFAULT_ISSUER_PORT = 9400;
export const DEFAULT_API_PORT = 9401;
export const DEFAULT_ACCESS_TOKEN_TTL = 3600;
export const DEFAULT_APP_ORIGINS = ['http://localhost:4173', 'http://localhost:5173'];

export const SCOPES = ['openid', 'profile', 'email', 'offline_access', 'api:read', 'api:write'];

/**
 * @typedef {{ id: string, password: string, name: string, email: string }} Account
 * @type {Record<string, Account>}
 */
export const ACCOUNTS = {
	alice: {
		id: 'alice',
		password: 'alice-password',
		name: 'Alice Example',
		email: 'alice@example.test'
	},
	bob: { id: 'bob', password: 'bob-password', name: 'Bob Example', email: 'bob@example.test' }
};

/** Static credentials of the protected API's non-OAuth endpoints. */
export const API_CREDENTIALS = {
	apiKey: 'sandbox-api-key-123',
	pat: 'sandbox-pat-456',
	customTenant: 'acme',
	customToken: 'sandbox-custom-789'
};

/**
 * The statically registered clients. `redirect_uris` are added per app origin.
 * @typedef {{
 *   client_id: string,
 *   client_secret?: string,
 *   token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post',
 *   grant_types: string[],
 *   response_types: string[],
 *   redirect?: boolean,
 *   dpop_bound_access_tokens?: boolean
 * }} ClientTemplate
 * @type {ClientTemplate[]}
 */
export const CLIENTS = [
	{
		client_id: 'sandbox-pkce',
		token_endpoint_auth_method: 'none',
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		redirect: true
	},
	{
		// DPoP (RFC 9449): every access token it gets is bound to the app's key; a token request
		// without a proof is refused, and the first proof must carry a server nonce.
		client_id: 'sandbox-dpop',
		token_endpoint_auth_method: 'none',
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		redirect: true,
		dpop_bound_access_tokens: true
	},
	{
		client_id: 'sandbox-confidential',
		client_secret: 'sandbox-confidential-secret',
		token_endpoint_auth_method: 'client_secret_basic',
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		redirect: true
	},
	{
		client_id: 'sandbox-confidential-post',
		client_secret: 'sandbox-confidential-post-secret',
		token_endpoint_auth_method: 'client_secret_post',
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		redirect: true
	},
	{
		client_id: 'sandbox-byoa',
		client_secret: 'sandbox-byoa-secret',
		token_endpoint_auth_method: 'client_secret_basic',
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		redirect: true
	},
	{
		client_id: 'sandbox-service',
		client_secret: 'sandbox-service-secret',
		token_endpoint_auth_method: 'client_secret_basic',
		grant_types: ['client_credentials'],
		response_types: []
	},
	{
		client_id: 'sandbox-password',
		client_secret: 'sandbox-password-secret',
		token_endpoint_auth_method: 'client_secret_basic',
		grant_types: ['password', 'refresh_token'],
		response_types: []
	}
];

/** Human-readable descriptions of the scopes, shown on the consent page. */
export const SCOPE_DESCRIPTIONS = {
	openid: 'Sign you in (your user identifier)',
	profile: 'Your name',
	email: 'Your email address',
	offline_access: 'Stay connected when you are not using the app (refresh token)',
	'api:read': 'Read data through the sandbox API',
	'api:write': 'Change data through the sandbox API'
};
