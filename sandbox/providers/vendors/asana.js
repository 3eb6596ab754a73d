/**
 * Asana: OAuth 2.0 authorization code grant (with PKCE) on app.asana.com and the REST API 1.0.
 *
 * Sources:
 * - https://developers.asana.com/docs/oauth (authorize at /-/oauth_authorize with client_id,
 *   redirect_uri, response_type=code, state, optional code_challenge/code_challenge_method=S256
 *   and space-separated scopes; code exchange and refresh at /-/oauth_token with the client
 *   secret in the form; the token response carries `data` with the user's id, gid, name and
 *   email, an access token living an hour and a refresh token; a refresh answers with a new
 *   access token only, the refresh token stays; revocation at /-/oauth_revoke with client_id,
 *   client_secret and the token)
 * - https://developers.asana.com/docs/getting-started-with-asana-oauth (token requests from a
 *   browser are not supported: the token endpoint sends no CORS headers)
 * - https://developers.asana.com/docs/oauth-scopes (granular scopes such as users:read)
 * - https://developers.asana.com/docs/personal-access-token (a PAT is sent as a bearer token)
 * - https://developers.asana.com/reference/getuser and https://developers.asana.com/docs/errors
 *   (GET /users/me answers `{ data: { gid, email, name, resource_type, workspaces } }`; errors
 *   are `{ errors: [{ message, help }] }`)
 * - https://github.com/Asana/node-asana/issues/72 and
 *   https://github.com/Asana/node-asana/issues/105 (the REST API answers cross-origin requests
 *   from browser pages: the client library ran in browsers against app.asana.com/api/1.0, its
 *   failures were about a header missing from Access-Control-Allow-Headers)
 */
import {
	backToApp,
	clientOf,
	cors,
	Grants,
	pkceMatches,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/** Registered apps of the test workspace. */
const APPS = /** @type {Record<string, { secret: string }>} */ ({
	1209876543210001: { secret: 'replica-asana-secret' }
});
/** Personal access tokens created in the developer console of the test user. */
const PATS = new Set(['2/1201234567890123/1209999999999999:replicapat0123456789abcdef']);
const USER = { gid: '1201234567890123', name: 'Adele Vance' };
const WORKSPACE = {
	gid: '1200000000000001',
	name: 'Contoso Marketing',
	resource_type: 'workspace'
};
const SCOPES = new Set([
	'default',
	'openid',
	'email',
	'profile',
	'users:read',
	'workspaces:read',
	'projects:read',
	'tasks:read',
	'tasks:write',
	'projects:write'
]);

const grants = new Grants({ prefix: '2/', accessTtl: 3600 });

/** @param {import('../kit.js').Exchange} x @param {number} status @param {string} error @param {string} description */
function oauthError(x, status, error, description) {
	return x.json(status, { error, error_description: description });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!APPS[clientId])
		return x.html(
			400,
			'<!doctype html><title>Asana</title><p>Error: invalid_request. The client_id is not valid.</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Asana</title><p>Error: invalid_request. The redirect_uri does not match a registered redirect URL.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code.'
		});
	const scopes = scopesOf(q.get('scope'));
	const unknown = scopes.filter((s) => !SCOPES.has(s));
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: `Unknown scope: ${unknown.join(' ')}`
		});
	if (q.has('code_challenge') && q.get('code_challenge_method') !== 'S256')
		return back({
			error: 'invalid_request',
			error_description: 'code_challenge_method must be S256.'
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Grant permission — Asana (replica)',
		scopes: scopes.length ? scopes : ['default'],
		defaultEmail: 'adele@contoso.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.length ? scopes.join(' ') : 'default',
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? undefined
			})
		})
	});
}

/** @param {import('../kit.js').Grant} grant */
function userData(grant) {
	return { id: Number(USER.gid), gid: USER.gid, name: USER.name, email: grant.user };
}

/** The token endpoint: no CORS headers at all (browsers are refused). @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || app.secret !== client.secret)
		return oauthError(x, 401, 'invalid_client', 'The client_id or client_secret is not valid.');
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'The authorization code is invalid or expired.');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(
				x,
				400,
				'invalid_grant',
				'The redirect_uri does not match the one of the authorization request.'
			);
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(
				x,
				400,
				'invalid_grant',
				'The code_verifier does not match the code_challenge.'
			);
		const issued = grants.issue(grant, { refresh: true, refreshPrefix: '2/r' });
		return x.json(200, {
			access_token: issued.accessToken,
			expires_in: issued.expiresIn,
			token_type: 'bearer',
			data: userData(grant),
			refresh_token: issued.refreshToken
		});
	}
	if (grantType === 'refresh_token') {
		// The refresh token is long-lived and stays the same: only a new access token comes back.
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'The refresh token is invalid or revoked.');
		const issued = grants.issue(used.grant, { grantId: used.grantId });
		x.log('refresh', { clientId: client.id });
		return x.json(200, {
			access_token: issued.accessToken,
			expires_in: issued.expiresIn,
			token_type: 'bearer',
			data: userData(used.grant)
		});
	}
	return oauthError(x, 400, 'unsupported_grant_type', 'The grant_type is not supported.');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || app.secret !== client.secret)
		return oauthError(x, 401, 'invalid_client', 'The client_id or client_secret is not valid.');
	if (!grants.revoke(params.get('token')))
		return oauthError(x, 400, 'invalid_request', 'The token is not valid.');
	x.log('revoke', { clientId: client.id });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	if (
		cors(x, 'reflect', {
			methods: 'GET, POST, PUT, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type, Asana-Enable, Asana-Disable'
		})
	)
		return true;
	const bearer = x.bearer();
	const grant = grants.access(bearer);
	const pat = bearer && PATS.has(bearer);
	x.log('api', { path: x.path, authorized: Boolean(grant || pat) });
	if (!grant && !pat)
		return x.json(401, {
			errors: [
				{
					message: 'Not Authorized',
					help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors'
				}
			]
		});
	const email = grant?.user ?? 'adele@contoso.example';
	/** @type {Record<string, unknown>} */
	const resources = {
		'/api/1.0/users/me': {
			data: {
				gid: USER.gid,
				email,
				name: USER.name,
				resource_type: 'user',
				workspaces: [WORKSPACE]
			}
		},
		'/api/1.0/workspaces': { data: [WORKSPACE] },
		'/api/1.0/projects': {
			data: [{ gid: '1203000000000001', name: 'Website relaunch', resource_type: 'project' }]
		}
	};
	const body = resources[x.path];
	if (!body)
		return x.json(404, { errors: [{ message: 'Unknown object: the resource does not exist.' }] });
	return x.json(200, body);
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'asana',
	name: 'Asana',
	hosts: ['app.asana.com'],
	sources: [
		'https://developers.asana.com/docs/oauth',
		'https://developers.asana.com/docs/getting-started-with-asana-oauth',
		'https://developers.asana.com/docs/oauth-scopes',
		'https://developers.asana.com/docs/personal-access-token',
		'https://developers.asana.com/reference/getuser',
		'https://github.com/Asana/node-asana/issues/72'
	],
	async handle(x) {
		if (x.path.startsWith('/api/1.0/')) return api(x);
		if (x.is('GET', '/-/oauth_authorize')) return authorize(x);
		// No CORS on the OAuth endpoints: a preflight gets no Access-Control-* answer.
		if (x.method === 'OPTIONS' && x.path.startsWith('/-/')) return cors(x, 'none');
		if (x.is('POST', '/-/oauth_token')) return token(x);
		if (x.is('POST', '/-/oauth_revoke')) return revoke(x);
		return false;
	}
};
