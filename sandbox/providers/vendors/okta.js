/**
 * Okta: the org authorization server of an Okta org (`https://{yourOktaDomain}`, endpoints under
 * /oauth2/v1) and the management API (/api/v1) with scoped OAuth access tokens or SSWS API tokens.
 *
 * Sources:
 * - https://developer.okta.com/docs/api/openapi/okta-oauth/guides/overview/ and
 *   https://developer.okta.com/docs/reference/api/oidc/ (org authorization server: issuer
 *   `https://{yourOktaDomain}`, /oauth2/v1/authorize, token, revoke, userinfo, keys, discovery;
 *   JSON errors `error` / `error_description`; PKCE required for public clients)
 * - https://developer.okta.com/docs/api/oauth2 (scopes: openid, profile, email, offline_access for
 *   a refresh token; okta.users.read, okta.users.read.self, okta.groups.read…)
 * - https://developer.okta.com/docs/guides/implement-oauth-for-okta/main/ (only the org
 *   authorization server mints tokens with Okta API scopes; the app must be granted them)
 * - https://developer.okta.com/docs/guides/refresh-tokens/main/ (refresh tokens with
 *   offline_access; rotation is the default for SPAs, persistent tokens otherwise; a persistent
 *   refresh answer carries only the new access token)
 * - https://developer.okta.com/docs/guides/enable-cors/main/ and
 *   https://developer.okta.com/docs/api/openapi/okta-management/management/tags/trustedorigin
 *   (CORS only for Trusted Origins with the CORS scope; the test org trusts the app's origin)
 * - https://support.okta.com/help/s/article/CORS-error-when-accessing-Okta-APIs-from-front-end
 *   (a browser request with an SSWS API token gets a CORS error)
 * - https://developer.okta.com/docs/guides/create-an-api-token/main/ and
 *   https://developer.okta.com/docs/api/openapi/okta-management/guides/overview (SSWS scheme;
 *   Bearer access tokens on /api/v1; error objects with errorCode / errorSummary)
 * - RFC 7009 revocation at /oauth2/v1/revoke: 200 with an empty body.
 *
 * Modelled: refresh token rotation for the SPA (the default; the grace period of 30 s is not
 * modelled: the old token is spent at once), persistent refresh tokens for the web app.
 */
import {
	APP_ORIGINS,
	backToApp,
	clientOf,
	cors,
	Grants,
	IdTokens,
	pkceMatches,
	random,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/** The test org and its one user (a read-only administrator). */
const ORG_HOST = 'dev-4417732.okta.com';
const ISSUER = `https://${ORG_HOST}`;
const USER = { id: '00u1a2b3c4D5e6F7g8h9', first: 'Ada', last: 'Lovelace' };
/** The org's SSWS API token (created by that administrator). */
const API_TOKEN = '00QCjAl4MlV-replica-api-token';

/** OIDC scopes every app may ask for; Okta API scopes only as granted to the app. */
const OIDC_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'groups'];
/**
 * App integrations. `spa`: public client (token_endpoint_auth_method none, PKCE required, refresh
 * token rotation). `web`: client_secret_basic, persistent refresh tokens.
 * @type {Record<string, { type: 'spa' | 'web', secret?: string, apiScopes: string[] }>}
 */
const APPS = {
	'0oa8spareplica5d7': {
		type: 'spa',
		apiScopes: ['okta.users.read', 'okta.users.read.self', 'okta.groups.read']
	},
	'0oa8webreplica5d7': {
		type: 'web',
		secret: 'replica-secret',
		apiScopes: ['okta.users.read', 'okta.users.read.self', 'okta.groups.read']
	}
};

const grants = new Grants({ prefix: 'eyJraWQiOiJyZXBsaWNhIn0.', accessTtl: 3600 });
const idTokens = new IdTokens('RS256');

const trusted = (/** @type {string | undefined} */ origin) =>
	origin !== undefined && APP_ORIGINS.includes(origin);

/** Trusted Origins (CORS): the origin echoed; an untrusted origin gets no CORS header. */
function orgCors(/** @type {import('../kit.js').Exchange} */ x, methods = 'GET, POST, OPTIONS') {
	return cors(x, trusted(x.header('origin')) ? 'reflect' : 'none', {
		methods,
		headers: 'Accept, Authorization, Content-Type, X-Okta-User-Agent-Extended'
	});
}

/** @param {import('../kit.js').Exchange} x @param {string} error @param {string} description */
const oauthError = (x, error, description, status = 400) =>
	x.json(status, { error, error_description: description });

/** A management API error object. */
function apiError(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {number} */ status,
	/** @type {string} */ code,
	/** @type {string} */ summary,
	/** @type {Record<string, string>} */ headers = {}
) {
	return x.json(
		status,
		{
			errorCode: code,
			errorSummary: summary,
			errorLink: code,
			errorId: `oae${random(12)}`,
			errorCauses: []
		},
		headers
	);
}

function discovery() {
	return {
		issuer: ISSUER,
		authorization_endpoint: `${ISSUER}/oauth2/v1/authorize`,
		token_endpoint: `${ISSUER}/oauth2/v1/token`,
		userinfo_endpoint: `${ISSUER}/oauth2/v1/userinfo`,
		registration_endpoint: `${ISSUER}/oauth2/v1/clients`,
		jwks_uri: `${ISSUER}/oauth2/v1/keys`,
		response_types_supported: [
			'code',
			'id_token',
			'code id_token',
			'code token',
			'id_token token',
			'code id_token token'
		],
		response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
		grant_types_supported: [
			'authorization_code',
			'implicit',
			'refresh_token',
			'password',
			'urn:ietf:params:oauth:grant-type:device_code'
		],
		subject_types_supported: ['public'],
		id_token_signing_alg_values_supported: ['RS256'],
		scopes_supported: [
			...OIDC_SCOPES,
			'okta.users.read',
			'okta.users.read.self',
			'okta.groups.read'
		],
		token_endpoint_auth_methods_supported: [
			'client_secret_basic',
			'client_secret_post',
			'client_secret_jwt',
			'private_key_jwt',
			'none'
		],
		claims_supported: [
			'iss',
			'ver',
			'sub',
			'aud',
			'iat',
			'exp',
			'jti',
			'auth_time',
			'amr',
			'idp',
			'nonce',
			'name',
			'preferred_username',
			'email',
			'email_verified'
		],
		code_challenge_methods_supported: ['S256'],
		introspection_endpoint: `${ISSUER}/oauth2/v1/introspect`,
		revocation_endpoint: `${ISSUER}/oauth2/v1/revoke`,
		end_session_endpoint: `${ISSUER}/oauth2/v1/logout`,
		request_parameter_supported: true
	};
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	// Okta's error page: no redirect for an unknown client or redirect URI.
	if (!app)
		return x.html(
			400,
			"<!doctype html><title>Error</title><p>400 Bad Request: Invalid value for 'client_id' parameter.</p>"
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			"<!doctype html><title>Error</title><p>400 Bad Request: The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.</p>"
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'The response type is not supported by the authorization server.'
		});
	if (app.type === 'spa' && !q.get('code_challenge'))
		return back({
			error: 'invalid_request',
			error_description:
				"PKCE code challenge is required when the token endpoint authentication method is 'NONE'."
		});
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length)
		return back({
			error: 'invalid_scope',
			error_description:
				"The authorization server resource does not have any configured default scopes, 'scope' must be provided."
		});
	const unknown = scopes.filter((s) => !OIDC_SCOPES.includes(s) && !app.apiScopes.includes(s));
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: `One or more scopes are not configured for the authorization server resource. (${unknown.join(' ')})`
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Sign In — Okta (replica)',
		scopes,
		defaultEmail: 'ada@acme.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'S256',
				nonce: q.get('nonce') ?? undefined
			})
		})
	});
}

/**
 * @param {import('../kit.js').Grant} grant
 * @param {{ grantId?: string, refresh: boolean }} options
 */
async function tokenAnswer(grant, options) {
	const scopes = scopesOf(grant.scope);
	const issued = grants.issue(grant, { refresh: options.refresh, grantId: options.grantId });
	/** @type {Record<string, unknown>} */
	const body = {
		token_type: 'Bearer',
		expires_in: issued.expiresIn,
		access_token: issued.accessToken,
		scope: grant.scope
	};
	if (issued.refreshToken) body.refresh_token = issued.refreshToken;
	if (scopes.includes('openid'))
		body.id_token = await idTokens.sign({
			ver: 1,
			iss: ISSUER,
			aud: grant.clientId,
			sub: USER.id,
			jti: `ID.${random(16)}`,
			amr: ['pwd'],
			idp: '00o1a2b3c4D5e6F7g8h9',
			auth_time: Math.floor(Date.now() / 1000),
			...(grant.nonce ? { nonce: grant.nonce } : {}),
			...(scopes.includes('profile')
				? { name: `${USER.first} ${USER.last}`, preferred_username: grant.user }
				: {}),
			...(scopes.includes('email') ? { email: grant.user, email_verified: true } : {})
		});
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const origin = x.header('origin');
	if (!String(x.header('content-type')).includes('application/x-www-form-urlencoded'))
		return oauthError(
			x,
			'invalid_request',
			"The request must use the 'application/x-www-form-urlencoded' content type."
		);
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: origin ?? null });
	if (!app) return oauthError(x, 'invalid_client', 'The client credentials are invalid.', 401);
	if (app.type === 'spa' && client.secret)
		return oauthError(
			x,
			'invalid_client',
			"Client authentication with 'client_secret' isn't allowed for this client.",
			401
		);
	if (app.type === 'web' && (client.method !== 'basic' || client.secret !== app.secret))
		return oauthError(
			x,
			'invalid_client',
			'The client secret supplied for a confidential client is invalid.',
			401
		);

	if (grantType === 'authorization_code') {
		// A browser (Origin header) must use PKCE at the token endpoint.
		if (origin && !params.get('code_verifier'))
			return oauthError(
				x,
				'invalid_request',
				'Browser requests to the token endpoint must use Proof Key for Code Exchange.'
			);
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'The authorization code is invalid or has expired.');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(
				x,
				'invalid_grant',
				"The 'redirect_uri' does not match the redirection URI used in the authorization request."
			);
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 'invalid_grant', 'PKCE verification failed.');
		const refresh = scopesOf(grant.scope).includes('offline_access');
		return x.json(200, await tokenAnswer(grant, { refresh }), {
			'Cache-Control': 'no-store',
			Pragma: 'no-cache'
		});
	}
	if (grantType === 'refresh_token') {
		const rotate = app.type === 'spa';
		const used = grants.useRefresh(params.get('refresh_token'), { rotate });
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'The refresh token is invalid or expired.');
		x.log('refresh', { clientId: client.id, rotate });
		return x.json(200, await tokenAnswer(used.grant, { grantId: used.grantId, refresh: rotate }), {
			'Cache-Control': 'no-store',
			Pragma: 'no-cache'
		});
	}
	return oauthError(
		x,
		'unsupported_grant_type',
		`The authorization grant type is not supported by the authorization server. Configured grant types: [authorization_code, refresh_token].`
	);
}

/** RFC 7009: client authentication, `token`, 200 with no body (also for an unknown token). */
async function revoke(/** @type {import('../kit.js').Exchange} */ x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || (app.type === 'web' && client.secret !== app.secret))
		return oauthError(x, 'invalid_client', 'The client credentials are invalid.', 401);
	if (!params.get('token'))
		return oauthError(x, 'invalid_request', "The 'token' parameter is required.");
	if (grants.revoke(params.get('token'))) x.log('revoke', { hint: params.get('token_type_hint') });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function userinfo(x) {
	const grant = grants.access(x.bearer());
	if (!grant)
		return x.json(
			401,
			{},
			{
				'WWW-Authenticate':
					'Bearer error="invalid_token", error_description="The access token is invalid."'
			}
		);
	const scopes = scopesOf(grant.scope);
	return x.json(200, {
		sub: USER.id,
		...(scopes.includes('profile')
			? {
					name: `${USER.first} ${USER.last}`,
					preferred_username: grant.user,
					given_name: USER.first,
					family_name: USER.last
				}
			: {}),
		...(scopes.includes('email') ? { email: grant.user, email_verified: true } : {})
	});
}

/** The user object of the management API. */
function userObject(/** @type {string} */ login) {
	return {
		id: USER.id,
		status: 'ACTIVE',
		created: '2024-02-01T09:00:00.000Z',
		activated: '2024-02-01T09:00:00.000Z',
		lastLogin: new Date().toISOString(),
		profile: { firstName: USER.first, lastName: USER.last, login, email: login },
		credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
		_links: { self: { href: `${ISSUER}/api/v1/users/${USER.id}` } }
	};
}

/**
 * /api/v1 with a Bearer token (scoped) or an SSWS API token. A browser request with an SSWS
 * token gets its answer without CORS headers: the browser reports a CORS error.
 * @param {import('../kit.js').Exchange} x
 */
function managementApi(x) {
	const origin = x.header('origin');
	const authorization = x.header('authorization') ?? '';
	const ssws = /^SSWS\s+(\S+)$/.exec(authorization)?.[1];
	if (!ssws && orgCors(x, 'GET, POST, PUT, DELETE, OPTIONS')) return true;
	if (ssws) {
		x.log('api', { path: x.path, scheme: 'SSWS', origin: origin ?? null });
		if (ssws !== API_TOKEN) return apiError(x, 401, 'E0000011', 'Invalid token provided');
	} else {
		const grant = grants.access(x.bearer());
		x.log('api', { path: x.path, scheme: 'Bearer', authorized: Boolean(grant) });
		if (!grant)
			return apiError(x, 401, 'E0000011', 'Invalid token provided', {
				'WWW-Authenticate': `Bearer authorization_uri="${ISSUER}/oauth2/v1/authorize", realm="${ISSUER}", scope="okta.users.read", error="invalid_token", error_description="The access token is invalid.", resource="${x.path}"`
			});
		const scopes = scopesOf(grant.scope);
		const needed =
			x.path === '/api/v1/users/me'
				? ['okta.users.read', 'okta.users.read.self']
				: x.path.startsWith('/api/v1/groups')
					? ['okta.groups.read']
					: ['okta.users.read'];
		if (!needed.some((s) => scopes.includes(s)))
			return apiError(
				x,
				403,
				'E0000006',
				'You do not have permission to perform the requested action',
				{
					'WWW-Authenticate': `Bearer authorization_uri="${ISSUER}/oauth2/v1/authorize", realm="${ISSUER}", scope="${needed[0]}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${x.path}"`
				}
			);
	}
	const login = 'ada@acme.example';
	if (x.is('GET', '/api/v1/users/me')) return x.json(200, userObject(login));
	if (x.is('GET', '/api/v1/users')) return x.json(200, [userObject(login)]);
	if (x.is('GET', '/api/v1/groups'))
		return x.json(200, [
			{
				id: '00g1everyone0000',
				type: 'BUILT_IN',
				profile: { name: 'Everyone', description: 'All users in your organization' }
			},
			{
				id: '00g2engineering0',
				type: 'OKTA_GROUP',
				profile: { name: 'Engineering', description: 'Engineering staff' }
			}
		]);
	return apiError(x, 404, 'E0000007', `Not found: Resource not found: ${x.path} (Path)`);
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'okta',
	name: 'Okta',
	hosts: ['*.okta.com', '*.oktapreview.com', '*.okta-emea.com'],
	sources: [
		'https://developer.okta.com/docs/reference/api/oidc/',
		'https://developer.okta.com/docs/api/oauth2',
		'https://developer.okta.com/docs/guides/implement-oauth-for-okta/main/',
		'https://developer.okta.com/docs/guides/refresh-tokens/main/',
		'https://developer.okta.com/docs/guides/enable-cors/main/',
		'https://support.okta.com/help/s/article/CORS-error-when-accessing-Okta-APIs-from-front-end',
		'https://developer.okta.com/docs/api/openapi/okta-management/guides/overview'
	],
	async handle(x) {
		if (x.host !== ORG_HOST)
			return x.html(
				404,
				'<!doctype html><title>Not found</title><p>This Okta organization does not exist.</p>'
			);
		if (
			x.path === '/.well-known/openid-configuration' ||
			x.path === '/.well-known/oauth-authorization-server'
		) {
			if (orgCors(x, 'GET, OPTIONS')) return true;
			return x.json(200, discovery());
		}
		if (x.path === '/oauth2/v1/keys') {
			if (orgCors(x, 'GET, OPTIONS')) return true;
			return x.json(200, await idTokens.jwks());
		}
		if (x.is('GET', '/oauth2/v1/authorize')) return authorize(x);
		if (x.path === '/oauth2/v1/token') {
			if (orgCors(x, 'POST, OPTIONS')) return true;
			if (x.method === 'POST') return token(x);
		}
		if (x.path === '/oauth2/v1/revoke') {
			if (orgCors(x, 'POST, OPTIONS')) return true;
			if (x.method === 'POST') return revoke(x);
		}
		if (x.path === '/oauth2/v1/userinfo') {
			if (orgCors(x)) return true;
			return userinfo(x);
		}
		if (x.path.startsWith('/api/v1/')) return managementApi(x);
		return false;
	}
};
