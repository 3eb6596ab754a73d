/**
 * Box: OAuth 2.0 for Platform Apps (account.box.com authorize, api.box.com token and revoke) and
 * a few resources of the Box API (api.box.com/2.0).
 *
 * Sources:
 * - https://developer.box.com/guides/authentication/oauth2/without-sdk/ (authorize parameters,
 *   code exchange with `client_id` and `client_secret` in the form body)
 * - https://developer.box.com/reference/get-authorize/ (`response_type=code`, `redirect_uri`
 *   must match the app's configured redirect URIs, `state`, `scope`)
 * - https://developer.box.com/guides/authentication/tokens/access-tokens/ (token object:
 *   `access_token`, `expires_in`, `restricted_to`, `refresh_token`, `token_type` bearer; access
 *   tokens live 60 minutes)
 * - https://developer.box.com/guides/authentication/tokens/refresh/ (a refresh token is valid for
 *   60 days and one use: each refresh returns a new one and invalidates the old)
 * - https://developer.box.com/guides/authentication/tokens/revoke/ and
 *   https://developer.box.com/reference/post-oauth2-revoke/ (POST /oauth2/revoke with
 *   `client_id`, `client_secret`, `token` in a form; an empty answer)
 * - https://developer.box.com/guides/security/cors/ (the `Origin` is checked against the app's
 *   CORS Domains: 403 `cors_origin_not_whitelisted` otherwise; an allowed origin gets
 *   `Access-Control-Allow-Origin: *` with `Vary: Origin`; a missing or malformed Authorization
 *   header gets a generic error without that header)
 * - https://developer.box.com/reference/get-users-me/ (the user object, `login` is the email)
 * - https://developer.box.com/guides/authentication/tokens/developer-tokens/ (a developer token
 *   from the Developer Console, valid 60 minutes, acts for the developer)
 * PKCE is not documented for Box: the authorization endpoint ignores `code_challenge` and the
 * token endpoint ignores `code_verifier`.
 */
import { randomUUID } from 'node:crypto';
import {
	APP_ORIGINS,
	backToApp,
	clientOf,
	cors,
	Grants,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/**
 * Platform Apps with OAuth 2.0 (user authentication). `corsDomains`: the Configuration panel's
 * CORS Domains, here the test app's origins.
 * @type {Record<string, { secret: string, corsDomains: string[] }>}
 */
const APPS = {
	replicaboxclientid0000000000000: { secret: 'replica-box-secret', corsDomains: APP_ORIGINS }
};
const SCOPES = [
	'root_readonly',
	'root_readwrite',
	'manage_managed_users',
	'manage_groups',
	'manage_webhook',
	'sign_requests.readwrite'
];
const USER = { id: '11446498', name: 'Aaron Levie', login: 'aaron@box-replica.example' };

/** A developer token of the app, acting for its developer. */
const DEVELOPER_TOKENS = new Map([
	['replica-box-developer-token', 'replicaboxclientid0000000000000']
]);

const grants = new Grants({ accessTtl: 3600 });

/** The token endpoint's OAuth error. @param {import('../kit.js').Exchange} x */
function oauthError(
	x,
	/** @type {string} */ error,
	/** @type {string} */ description,
	status = 400
) {
	return x.json(status, { error, error_description: description });
}

/** A Box API error object. @param {import('../kit.js').Exchange} x */
function boxError(
	x,
	/** @type {number} */ status,
	/** @type {string} */ code,
	/** @type {string} */ message,
	extra = {}
) {
	return x.json(status, {
		type: 'error',
		status,
		code,
		help_url: 'http://developers.box.com/docs/#errors',
		message,
		request_id: randomUUID().replace(/-/g, '').slice(0, 13),
		...extra
	});
}

/**
 * CORS as Box applies it for an app: no Origin, nothing to check; an origin on the app's list
 * gets `*`; any other origin a 403 the browser cannot read.
 * @param {import('../kit.js').Exchange} x
 * @param {{ corsDomains: string[] } | undefined} app
 * @returns {boolean} whether the request may go on
 */
function allowOrigin(x, app) {
	const origin = x.header('origin');
	if (!origin) return true;
	if (!app?.corsDomains.includes(origin)) {
		boxError(
			x,
			403,
			'cors_origin_not_whitelisted',
			'Access denied - Did you forget to safelist your origin in the CORS config of your app?',
			{ context_info: { origin } }
		);
		return false;
	}
	x.res.setHeader('Access-Control-Allow-Origin', '*');
	x.res.setHeader('Vary', 'Origin');
	return true;
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const page = (/** @type {string} */ text) =>
		x.html(400, `<!doctype html><title>Box</title><p>${text}</p>`);
	if (!APPS[clientId]) return page('invalid_client: The client ID is not valid.');
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return page(
			'redirect_uri_mismatch: The redirect URI does not match a redirect URI of the application.'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'The response type must be code.'
		});
	const scopes = scopesOf(q.get('scope'));
	const unknown = scopes.filter((s) => !SCOPES.includes(s));
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: `Unknown scope: ${unknown.join(' ')}`
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Box — grant access (replica)',
		scopes,
		defaultEmail: USER.login,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.join(' ') || 'root_readwrite',
				redirectUri
			})
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {string} [grantId] */
function tokenBody(grant, grantId) {
	const issued = grants.issue(grant, { refresh: true, grantId });
	return {
		access_token: issued.accessToken,
		expires_in: issued.expiresIn,
		restricted_to: [],
		refresh_token: issued.refreshToken,
		token_type: 'bearer'
	};
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	if (x.method === 'OPTIONS') return cors(x, 'any', { methods: 'POST, OPTIONS' });
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	if (!allowOrigin(x, app)) return true;
	if (!app || client.secret !== app.secret)
		return oauthError(x, 'invalid_client', 'The client credentials are invalid');
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', "Auth code doesn't exist or is invalid for the client");
		const redirectUri = params.get('redirect_uri');
		if (redirectUri && redirectUri !== grant.redirectUri)
			return oauthError(
				x,
				'invalid_grant',
				'The redirect URI does not match the one of the authorization request'
			);
		return x.json(200, tokenBody(grant));
	}
	if (grantType === 'refresh_token') {
		// Single use: the refresh token is spent, a new one comes with the answer.
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: true });
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'Invalid refresh token');
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenBody(used.grant, used.grantId));
	}
	return oauthError(x, 'unsupported_grant_type', 'Grant type is not supported');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	if (x.method === 'OPTIONS') return cors(x, 'any', { methods: 'POST, OPTIONS' });
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	if (!allowOrigin(x, app)) return true;
	if (!app || client.secret !== app.secret)
		return oauthError(x, 'invalid_client', 'The client credentials are invalid', 400);
	// Revoking either token of a pair ends both.
	if (grants.revoke(params.get('token'))) x.log('revoke', { clientId: client.id });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	// The preflight carries no token, so no app: Box lets it through.
	if (x.method === 'OPTIONS')
		return cors(x, 'any', {
			methods: 'GET, POST, PUT, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type, Accept, As-User, BoxApi'
		});
	const bearer = x.bearer();
	const developerApp = bearer ? DEVELOPER_TOKENS.get(bearer) : undefined;
	const grant = grants.access(bearer);
	const clientId = developerApp ?? grant?.clientId;
	x.log('api', { path: x.path, authorized: Boolean(clientId) });
	if (!clientId) {
		// A generic 401 without CORS headers: a browser reports a CORS failure.
		x.res.writeHead(401, {
			'WWW-Authenticate':
				'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."'
		});
		x.res.end();
		return true;
	}
	if (!allowOrigin(x, APPS[clientId])) return true;
	const me = {
		type: 'user',
		id: USER.id,
		name: USER.name,
		login: developerApp ? USER.login : (grant?.user ?? USER.login),
		created_at: '2012-03-26T15:43:07-07:00',
		language: 'en',
		timezone: 'America/Los_Angeles',
		space_amount: 10737418240,
		space_used: 52428800,
		status: 'active'
	};
	/** @type {Record<string, unknown>} */
	const resources = {
		'/2.0/users/me': me,
		'/2.0/folders/0': {
			type: 'folder',
			id: '0',
			name: 'All Files',
			item_collection: {
				total_count: 1,
				entries: [{ type: 'folder', id: '16745201', name: 'Contracts' }]
			}
		},
		'/2.0/folders/0/items': {
			total_count: 1,
			entries: [{ type: 'folder', id: '16745201', etag: '1', name: 'Contracts' }],
			offset: 0,
			limit: 100
		}
	};
	const body = x.method === 'GET' ? resources[x.path] : undefined;
	if (!body) return boxError(x, 404, 'not_found', 'Not Found');
	return x.json(200, body);
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'box',
	name: 'Box',
	hosts: ['account.box.com', 'api.box.com'],
	sources: [
		'https://developer.box.com/guides/authentication/oauth2/without-sdk/',
		'https://developer.box.com/guides/authentication/tokens/access-tokens/',
		'https://developer.box.com/guides/authentication/tokens/refresh/',
		'https://developer.box.com/reference/post-oauth2-revoke/',
		'https://developer.box.com/guides/security/cors/',
		'https://developer.box.com/reference/get-users-me/'
	],
	async handle(x) {
		if (x.host === 'account.box.com')
			return x.is('GET', '/api/oauth2/authorize') ? authorize(x) : false;
		if (x.path === '/oauth2/token') return token(x);
		if (x.path === '/oauth2/revoke') return revoke(x);
		if (x.path.startsWith('/2.0/')) return api(x);
		return false;
	}
};
