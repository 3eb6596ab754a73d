/**
 * Zendesk Support accounts ({subdomain}.zendesk.com): OAuth authorization code grant (with PKCE,
 * refresh tokens) and the Ticketing API v2.
 *
 * Sources:
 * - https://support.zendesk.com/hc/en-us/articles/4408845965210-Using-OAuth-authentication-with-your-application
 *   (authorize at /oauth/authorizations/new with response_type=code, redirect_uri, client_id =
 *   the client's unique identifier, space-separated scope, state; token at /oauth/tokens;
 *   confidential clients have a secret, public clients run where no secret can be kept, such as
 *   mobile or web apps, and must use PKCE)
 * - https://developer.zendesk.com/documentation/api-basics/authentication/oauth-pkce
 *   (code_challenge + code_challenge_method=S256 on authorize, code_verifier on the token request)
 * - https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens (POST
 *   /oauth/tokens, body as JSON; code valid 120 seconds; answer with access_token, token_type
 *   bearer, scope)
 * - https://support.zendesk.com/hc/en-us/articles/9182123625370-Announcing-support-for-OAuth-refresh-token-grant-type-and-OAuth-access-and-refresh-token-expirations
 *   (new grants come with a refresh token; grant_type=refresh_token returns a new access and
 *   refresh token and deletes the previous two; expires_in and refresh_token_expires_in may be
 *   passed on either grant and are then applied)
 * - https://support.zendesk.com/hc/en-us/articles/8302546989466-Announcing-the-removal-of-OAuth-2-0-grant-types-for-Support
 *   (the implicit grant, once what browser public clients used, is replaced by the code grant
 *   with PKCE: the token endpoint is meant to be called by public clients, so it answers CORS —
 *   the only inference in this module, Zendesk does not state the header for /oauth/tokens)
 * - https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/making-cross-origin-browser-side-api-requests/
 *   (the API sends `Access-Control-Allow-Origin: *` only for requests authenticated with an
 *   OAuth access token, never for Basic/API-token requests, and only on 200/201/204/404)
 * - https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
 *   and https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/#revoke-token
 *   (GET /api/v2/users/me.json; a token is revoked with DELETE /api/v2/oauth/tokens/current.json
 *   or /api/v2/oauth/tokens/{id}.json — there is no RFC 7009 endpoint)
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

const ACCOUNTS = new Set(['acme']);
/** OAuth clients of the account, by unique identifier. `public`: no secret, PKCE required. */
const CLIENTS =
	/** @type {Record<string, { kind: 'confidential' | 'public', secret?: string }>} */ ({
		switchboard_replica: { kind: 'confidential', secret: 'replica-zendesk-secret' },
		switchboard_public: { kind: 'public' }
	});
/** Agents and their API tokens (Basic: `{email}/token:{api_token}`). */
const AGENTS = /** @type {Record<string, { id: number, name: string, apiToken: string }>} */ ({
	'adele@acme.example': {
		id: 9000000001,
		name: 'Adele Vance',
		apiToken: 'replicaZendeskApiToken0123456789'
	}
});
const SCOPE = /^(read|write|impersonate|[a-z_]+:(read|write))$/;

const grants = new Grants({ accessTtl: 7200 });

/** @param {import('../kit.js').Exchange} x @param {number} status @param {string} error @param {string} description */
function oauthError(x, status, error, description) {
	return x.json(status, { error, error_description: description });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const client = CLIENTS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!client || !REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Zendesk</title><p>Invalid authorization request: unknown client or redirect URL.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'The authorization server does not support this response type.'
		});
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length || !scopes.every((s) => SCOPE.test(s)))
		return back({
			error: 'invalid_scope',
			error_description: 'The requested scope is invalid, unknown, or malformed.'
		});
	const challenge = q.get('code_challenge');
	if (client.kind === 'public' && !challenge)
		return back({ error: 'invalid_request', error_description: 'Public clients must use PKCE.' });
	if (challenge && q.get('code_challenge_method') !== 'S256')
		return back({
			error: 'invalid_request',
			error_description: 'code_challenge_method must be S256.'
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: `Allow access to ${x.host} — Zendesk (replica)`,
		scopes,
		defaultEmail: 'adele@acme.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: challenge ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? undefined
			})
		})
	});
}

/**
 * A token answer; expirations only when the request asked for them.
 * @param {import('../kit.js').Grant} grant @param {URLSearchParams} params
 */
function tokenBody(grant, params) {
	const ttl = Number(params.get('expires_in')) || undefined;
	const issued = grants.issue(grant, { refresh: true, ...(ttl ? { accessTtl: ttl } : {}) });
	/** @type {Record<string, unknown>} */
	const body = {
		access_token: issued.accessToken,
		token_type: 'bearer',
		scope: grant.scope,
		refresh_token: issued.refreshToken
	};
	if (ttl) body.expires_in = ttl;
	const refreshTtl = Number(params.get('refresh_token_expires_in'));
	if (refreshTtl) body.refresh_token_expires_in = refreshTtl;
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const registered = client.id ? CLIENTS[client.id] : undefined;
	const authenticated =
		registered &&
		(registered.kind === 'public' ? !client.secret : registered.secret === client.secret);
	if (!authenticated)
		return oauthError(
			x,
			401,
			'invalid_client',
			'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.'
		);
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id || grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(
				x,
				400,
				'invalid_grant',
				'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.'
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
		return x.json(200, tokenBody(grant, params));
	}
	if (grantType === 'refresh_token') {
		// Rotation: the old refresh token (and its access token) are deleted.
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id)
			return oauthError(
				x,
				400,
				'invalid_grant',
				'The provided authorization grant is invalid, expired, or revoked.'
			);
		grants.revoke(params.get('refresh_token'));
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenBody(used.grant, params));
	}
	return oauthError(
		x,
		400,
		'unsupported_grant_type',
		'The authorization grant type is not supported by the authorization server.'
	);
}

/**
 * The agent behind an API request: an OAuth access token, or Basic `{email}/token:{api_token}`.
 * @param {import('../kit.js').Exchange} x
 * @returns {{ email: string, oauth: boolean, token?: string } | undefined}
 */
function caller(x) {
	const bearer = x.bearer();
	const grant = grants.access(bearer);
	if (grant) return { email: grant.user, oauth: true, token: bearer };
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	if (!basic?.[1]) return undefined;
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	const email = decoded.slice(0, at).replace(/\/token$/, '');
	const agent = AGENTS[email];
	return decoded.slice(0, at).endsWith('/token') && agent?.apiToken === decoded.slice(at + 1)
		? { email, oauth: false }
		: undefined;
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	// The preflight carries no credentials: it is answered; whether the answer itself carries
	// the header depends on how the request was authenticated.
	if (x.method === 'OPTIONS')
		return cors(x, 'any', {
			methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type, Accept'
		});
	const who = caller(x);
	x.log('api', { path: x.path, authorized: Boolean(who), oauth: who?.oauth ?? false });
	if (!who) return x.json(401, { error: "Couldn't authenticate you" });
	const reply = (/** @type {number} */ status, /** @type {unknown} */ body) => {
		if (who.oauth && [200, 201, 204, 404].includes(status)) cors(x, 'any');
		return x.json(status, body);
	};
	const agent = AGENTS[who.email] ?? { id: 9000000002, name: who.email };
	if (x.is('GET', '/api/v2/users/me.json'))
		return reply(200, {
			user: { id: agent.id, name: agent.name, email: who.email, role: 'admin', active: true }
		});
	if (x.is('GET', '/api/v2/tickets.json'))
		return reply(200, {
			tickets: [{ id: 1, subject: 'Printer on fire', status: 'open' }],
			count: 1,
			next_page: null
		});
	if (x.is('DELETE', '/api/v2/oauth/tokens/current.json') && who.oauth) {
		grants.revoke(who.token);
		x.log('revoke', { via: 'DELETE current.json' });
		return reply(204, undefined);
	}
	return reply(404, { error: 'InvalidEndpoint', description: 'Not found' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'zendesk',
	name: 'Zendesk',
	hosts: ['*.zendesk.com'],
	sources: [
		'https://support.zendesk.com/hc/en-us/articles/4408845965210-Using-OAuth-authentication-with-your-application',
		'https://developer.zendesk.com/documentation/api-basics/authentication/oauth-pkce',
		'https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens',
		'https://support.zendesk.com/hc/en-us/articles/9182123625370-Announcing-support-for-OAuth-refresh-token-grant-type-and-OAuth-access-and-refresh-token-expirations',
		'https://support.zendesk.com/hc/en-us/articles/8302546989466-Announcing-the-removal-of-OAuth-2-0-grant-types-for-Support',
		'https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/making-cross-origin-browser-side-api-requests/'
	],
	async handle(x) {
		const account = x.host.replace(/\.zendesk\.com$/, '');
		if (!ACCOUNTS.has(account))
			return x.html(
				404,
				'<!doctype html><title>Oops! This help center no longer exists</title><p>This account does not exist.</p>'
			);
		if (x.path.startsWith('/api/v2/')) return api(x);
		if (x.is('GET', '/oauth/authorizations/new')) return authorize(x);
		if (x.path === '/oauth/tokens') {
			// Public clients redeem their code from the browser (see the sources): CORS for any origin.
			if (cors(x, 'any', { methods: 'POST, OPTIONS' })) return true;
			if (x.method === 'POST') return token(x);
		}
		return false;
	}
};
