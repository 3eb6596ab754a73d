/**
 * Docusign: the Account Service (account-d.docusign.com for developer accounts,
 * account.docusign.com for production: /oauth/auth, /oauth/token, /oauth/userinfo) and the
 * eSignature REST API v2.1 on each account's base URI host (demo.docusign.net, naN/eu.docusign.net).
 *
 * Sources:
 * - https://developers.docusign.com/platform/auth/authcode/ (Confidential Authorization Code
 *   Grant with the secret key, Public Authorization Code Grant with PKCE and no secret)
 * - https://developers.docusign.com/platform/auth/authcode/public-authcode-get-token/ (public
 *   integration keys: PKCE, `client_id` and `code_verifier` at the token endpoint; the Single Page
 *   Web Application type with an Origin URL and "Allow CORS for OAuth calls")
 * - https://developers.docusign.com/platform/auth/reference/obtain-access-token (confidential
 *   keys: `Authorization: Basic` of integration key and secret; token answer `access_token`,
 *   `token_type` Bearer, `refresh_token`, `expires_in` 28800)
 * - https://www.docusign.com/blog/developers/authorization-code-grant-refresh-tokens (refresh
 *   with `grant_type=refresh_token`; the answer brings a new refresh token; 30 days)
 * - https://developers.docusign.com/platform/auth/reference/user-info/ (GET /oauth/userinfo:
 *   `sub`, `name`, `email`, `accounts[]` with `account_id`, `is_default`, `account_name`,
 *   `base_uri`) and https://www.docusign.com/blog/developers/oauthuserinfo-cors-support
 * - https://developers.docusign.com/platform/single-page-applications-cors/ and
 *   https://developers.docusign.com/platform/single-page-applications-cors/error-responses/
 *   (eSignature CORS: the app's allowed origins and methods, the `cors` scope on the token, only
 *   endpoints with an account ID in the path; otherwise 403 or 400)
 * - https://help.okta.com/wf/en-us/content/topics/workflows/connector-reference/docusign/overviews/revoke.htm
 *   (no revocation endpoint: consent is withdrawn under Manage Profile > Connected Apps)
 * The integration keys below have the test app's origin as allowed origin and OAuth CORS enabled
 * (the brief's model of a configured app).
 */
import {
	APP_ORIGINS,
	backToApp,
	clientOf,
	Grants,
	pkceMatches,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/**
 * Integration keys (Apps and Keys). `secret`: a confidential key; without, a public key that
 * must use PKCE. `origins`: the CORS configuration's allowed origins; `methods`: its allowed
 * HTTP methods.
 * @type {Record<string, { secret?: string, origins: string[], methods: string[] }>}
 */
const KEYS = {
	'6f0a3c9e-2b1d-4e8f-9a7c-5d3e1f2a4b6c': {
		origins: APP_ORIGINS,
		methods: ['GET', 'POST', 'PUT', 'DELETE']
	},
	'8b2d4f6a-1c3e-4a5b-8d7f-9e0a1b2c3d4e': {
		secret: 'replica-docusign-secret',
		origins: APP_ORIGINS,
		methods: ['GET', 'POST', 'PUT', 'DELETE']
	}
};
const SCOPES = ['signature', 'extended', 'impersonation', 'cors', 'openid', 'email', 'profile'];

const USER = {
	sub: '4799e5e9-1559-4915-9862-cf4713bbcacc',
	name: 'Susan Smart',
	email: 'susan.smart@docusign-replica.example'
};

/** The user's accounts per environment, as userinfo lists them. */
const ACCOUNTS = {
	'account-d.docusign.com': [
		{
			account_id: '18b4799a-b53a-4475-ae9b-14155ea0b1a4',
			is_default: true,
			account_name: 'Smart Demo',
			base_uri: 'https://demo.docusign.net'
		},
		{
			account_id: '3a1b5c7d-9e0f-4a2b-8c4d-6e8f0a2b4c6d',
			is_default: false,
			account_name: 'Smart Sandbox',
			base_uri: 'https://demo.docusign.net'
		}
	],
	'account.docusign.com': [
		{
			account_id: '7c9e1a3b-5d7f-4b9a-8c1e-3f5a7b9c1d3e',
			is_default: false,
			account_name: 'Smart Europe',
			base_uri: 'https://eu.docusign.net'
		},
		{
			account_id: '2d4f6a8c-0e2a-4c6e-9a0c-2e4a6c8e0a2c',
			is_default: true,
			account_name: 'Smart Inc.',
			base_uri: 'https://na3.docusign.net'
		}
	]
};
/** @typedef {keyof typeof ACCOUNTS} Environment */

const grants = {
	'account-d.docusign.com': new Grants({ accessTtl: 28800 }),
	'account.docusign.com': new Grants({ accessTtl: 28800 })
};

/** @param {import('../kit.js').Exchange} x */
function oauthError(
	x,
	/** @type {string} */ error,
	/** @type {string} */ description,
	status = 400
) {
	return x.json(status, { error, error_description: description });
}

/**
 * CORS of the Account Service for an integration key: an allowed origin is echoed back.
 * @param {import('../kit.js').Exchange} x
 * @param {string[]} origins
 */
function allowOauthOrigin(x, origins) {
	const origin = x.header('origin');
	if (!origin || !origins.includes(origin)) return false;
	x.res.setHeader('Access-Control-Allow-Origin', origin);
	x.res.setHeader('Vary', 'Origin');
	return true;
}

/**
 * A preflight: the key is not known yet (no body, no token), so an origin any key allows is let
 * through with that key's methods; the real request is checked against its own key.
 * @param {import('../kit.js').Exchange} x
 */
function preflight(x) {
	const origin = x.header('origin') ?? '';
	const key = Object.values(KEYS).find((k) => k.origins.includes(origin));
	x.log('preflight', { path: x.path, allowed: Boolean(key) });
	if (!key) return x.empty(403);
	x.res.setHeader('Access-Control-Allow-Origin', origin);
	x.res.setHeader('Vary', 'Origin');
	x.res.setHeader('Access-Control-Allow-Methods', [...key.methods, 'OPTIONS'].join(', '));
	x.res.setHeader(
		'Access-Control-Allow-Headers',
		x.header('access-control-request-headers') ?? 'Authorization, Content-Type'
	);
	x.res.setHeader('Access-Control-Max-Age', '600');
	return x.empty(204);
}

/** @param {import('../kit.js').Exchange} x @param {Environment} env */
function authorize(x, env) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const key = KEYS[clientId];
	const page = (/** @type {string} */ text) =>
		x.html(400, `<!doctype html><title>Docusign</title><p>${text}</p>`);
	if (!key) return page('The client id provided is not registered with Docusign.');
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return page('The redirect URI provided is not registered for this integration key.');
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
	const scopes = scopesOf(q.get('scope') || 'signature');
	if (scopes.some((s) => !SCOPES.includes(s))) return back({ error: 'invalid_scope' });
	// A public key has no secret: PKCE is what proves it at the token endpoint.
	if (!key.secret && !q.get('code_challenge'))
		return back({ error: 'invalid_request', error_description: 'code_challenge is required' });
	x.log('authorize', { env, clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Docusign — log in and allow access (replica)',
		scopes,
		defaultEmail: USER.email,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants[env].code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'plain'
			})
		})
	});
}

/** @param {import('../kit.js').Exchange} x @param {Environment} env */
async function token(x, env) {
	if (x.method === 'OPTIONS') return preflight(x);
	const params = await x.params();
	const client = clientOf(x, params);
	const key = client.id ? KEYS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { env, grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	if (key) allowOauthOrigin(x, key.origins);
	if (!key) return oauthError(x, 'invalid_client', 'The client is not known.');
	if (key.secret ? client.method !== 'basic' || client.secret !== key.secret : client.secret)
		return oauthError(x, 'invalid_client', 'The client credentials are invalid.', 401);
	if (grantType === 'authorization_code') {
		const grant = grants[env].takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'The authorization code is invalid or expired.');
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 'invalid_grant', 'The code verifier does not match the code challenge.');
		const issued = grants[env].issue(grant, { refresh: true });
		return x.json(200, {
			access_token: issued.accessToken,
			token_type: 'Bearer',
			refresh_token: issued.refreshToken,
			expires_in: issued.expiresIn
		});
	}
	if (grantType === 'refresh_token') {
		const used = grants[env].useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'The refresh token is invalid or expired.');
		x.log('refresh', { env, clientId: client.id });
		const issued = grants[env].issue(used.grant, { refresh: true, grantId: used.grantId });
		return x.json(200, {
			access_token: issued.accessToken,
			token_type: 'Bearer',
			refresh_token: issued.refreshToken,
			expires_in: issued.expiresIn
		});
	}
	return oauthError(x, 'unsupported_grant_type', 'The grant type is not supported.');
}

/** @param {import('../kit.js').Exchange} x @param {Environment} env */
function userinfo(x, env) {
	if (x.method === 'OPTIONS') return preflight(x);
	const grant = grants[env].access(x.bearer());
	if (grant) allowOauthOrigin(x, KEYS[grant.clientId]?.origins ?? []);
	x.log('api', { env, path: x.path, authorized: Boolean(grant) });
	if (!grant)
		return oauthError(x, 'invalid_request', 'The access token is invalid or expired.', 401);
	const [given, family] = USER.name.split(' ');
	return x.json(200, {
		sub: USER.sub,
		name: USER.name,
		given_name: given,
		family_name: family,
		created: '2019-04-01T17:20:04.17',
		email: grant.user,
		accounts: ACCOUNTS[env]
	});
}

/** @param {import('../kit.js').Exchange} x @param {number} status @param {string} errorCode @param {string} message */
function esignError(x, status, errorCode, message) {
	return x.json(status, { errorCode, message });
}

/** The eSignature REST API on an account's base URI host. @param {import('../kit.js').Exchange} x */
function esignature(x) {
	if (x.method === 'OPTIONS') return preflight(x);
	const env = /** @type {Environment} */ (
		x.host === 'demo.docusign.net' ? 'account-d.docusign.com' : 'account.docusign.com'
	);
	const grant = grants[env].access(x.bearer());
	const key = grant ? KEYS[grant.clientId] : undefined;
	const origin = x.header('origin');
	const match = /^\/restapi\/v2\.1\/accounts\/([^/]+)(\/.*)?$/.exec(x.path);
	x.log('api', { env, path: x.path, authorized: Boolean(grant) });
	if (origin) {
		// CORS: only endpoints with an account ID, with a token, for an allowed origin and method,
		// with the `cors` scope. (The documented answer is a 403; its detail codes are the replica's.)
		if (!match || !key?.origins.includes(origin) || !key.methods.includes(x.method))
			return esignError(
				x,
				403,
				'CORS_NOT_ALLOWED',
				'The origin, method or endpoint is not allowed for CORS by the integration key.'
			);
		if (!scopesOf(grant?.scope).includes('cors'))
			return esignError(
				x,
				403,
				'CORS_NOT_ALLOWED',
				'The access token was not granted the cors scope.'
			);
		x.res.setHeader('Access-Control-Allow-Origin', origin);
		x.res.setHeader('Vary', 'Origin');
	}
	if (!grant)
		return esignError(
			x,
			401,
			'AUTHORIZATION_INVALID_TOKEN',
			'The access token provided is expired, revoked or malformed.'
		);
	if (!match)
		return esignError(
			x,
			404,
			'RESOURCE_NOT_FOUND',
			'The URL provided does not resolve to a resource.'
		);
	const account = ACCOUNTS[env].find((a) => a.account_id === match[1]);
	// An account is served from its own base URI only.
	if (!account || new URL(account.base_uri).host !== x.host)
		return esignError(
			x,
			400,
			'USER_DOES_NOT_BELONG_TO_SPECIFIED_ACCOUNT',
			'The specified User is not a member of the specified Account.'
		);
	const rest = match[2] ?? '';
	if (x.method === 'GET' && rest === '')
		return x.json(200, {
			accountIdGuid: account.account_id,
			accountName: account.account_name,
			planName: 'DEVELOPER',
			currentPlanId: 'a1b2c3'
		});
	if (x.method === 'GET' && rest === '/envelopes')
		return x.json(200, {
			resultSetSize: '1',
			totalSetSize: '1',
			envelopes: [
				{
					envelopeId: '93be49ab-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
					status: 'sent',
					emailSubject: 'Please sign the NDA'
				}
			]
		});
	return esignError(
		x,
		404,
		'RESOURCE_NOT_FOUND',
		'The URL provided does not resolve to a resource.'
	);
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'docusign',
	name: 'Docusign',
	hosts: [
		'account-d.docusign.com',
		'account.docusign.com',
		'demo.docusign.net',
		'na3.docusign.net',
		'eu.docusign.net'
	],
	sources: [
		'https://developers.docusign.com/platform/auth/authcode/',
		'https://developers.docusign.com/platform/auth/authcode/public-authcode-get-token/',
		'https://developers.docusign.com/platform/auth/reference/obtain-access-token',
		'https://developers.docusign.com/platform/auth/reference/user-info/',
		'https://developers.docusign.com/platform/single-page-applications-cors/',
		'https://developers.docusign.com/platform/single-page-applications-cors/error-responses/'
	],
	async handle(x) {
		if (x.host.endsWith('.docusign.net')) return esignature(x);
		const env = /** @type {Environment} */ (x.host);
		if (x.is('GET', '/oauth/auth')) return authorize(x, env);
		if (x.path === '/oauth/token' && (x.method === 'POST' || x.method === 'OPTIONS'))
			return token(x, env);
		if (x.path === '/oauth/userinfo' && (x.method === 'GET' || x.method === 'OPTIONS'))
			return userinfo(x, env);
		return false;
	}
};
