/**
 * ServiceNow instances ({instance}.service-now.com): the OAuth endpoints oauth_auth.do,
 * oauth_token.do and oauth_revoke_token.do, and the REST Table API.
 *
 * Two test instances show what an instance does as configured:
 * - `acme`: as delivered. No CORS on the OAuth endpoints (glide.oauth.cors.allowed.origin is
 *   empty by default) and no CORS rule for the REST API: browsers are refused everywhere.
 * - `contoso`: its administrator set glide.oauth.cors.allowed.origin to the app's origin and
 *   added a CORS rule for the Table API allowing the app's origin with the Authorization header.
 *
 * Sources:
 * - https://www.servicenow.com/docs/r/zurich/platform-security/authentication/authorization-workflow.html
 *   (authorization code grant: oauth_auth.do with response_type=code, client_id, redirect_uri,
 *   state; oauth_token.do with the code, client_id, client_secret and redirect_uri in a form;
 *   the response carries access_token, refresh_token, scope `useraccount`, token_type Bearer and
 *   expires_in 1799; the refresh grant answers with a new access token; public clients such as
 *   single-page applications have no secret and must send a PKCE code_challenge with its method)
 * - https://servicenow-prod.fluidtopics.net/r/de-DE/platform-security/instance-security-hardening-settings/sc-allow-cors-origins-for-oauth-endpoints.html?contentId=8dC2fV23RI8TOGwmT6WTNw
 *   (glide.oauth.cors.allowed.origin: empty by default, a single host or `*`, sets
 *   Access-Control-Allow-Origin on the OAuth endpoints such as the token endpoint)
 * - https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0831585 and
 *   https://www.servicenow.com/docs/r/zurich/api-reference/rest-api-explorer/r_CORSDomainRequirements.html
 *   (CORS rules answer cross-origin REST API requests for the origins and headers they list)
 * - https://raw.githubusercontent.com/ServiceNow/ServiceNowDocs/australia/markdown/platform-security/authentication/t_RevokeOAuthToken.md
 *   (oauth_revoke_token.do takes the token with the client credentials)
 * - https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI (Table API:
 *   `{ result: [...] }`, sysparm_query/sysparm_fields/sysparm_limit, Basic or Bearer, errors
 *   `{ error: { message, detail }, status: 'failure' }`)
 */
import {
	APP_ORIGINS,
	backToApp,
	clientOf,
	cors,
	Grants,
	pkceMatches,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/** @typedef {{ oauthCorsOrigin: string, tableCorsOrigins: string[] }} Instance */

/** @type {Record<string, Instance>} */
const INSTANCES = {
	acme: { oauthCorsOrigin: '', tableCorsOrigins: [] },
	contoso: { oauthCorsOrigin: APP_ORIGINS[0] ?? '', tableCorsOrigins: APP_ORIGINS }
};

/** Application Registry entries (same on both instances). A public client has no secret. */
const CLIENTS = /** @type {Record<string, { secret?: string }>} */ ({
	'8f1e6b2c4d7a4e9b9c3d2a1f0e5b6c7d': { secret: 'replica-now-secret' },
	'3a2b1c0d9e8f4a7b8c6d5e4f3a2b1c0d': {}
});
/** Local users (for Basic and the password grant). */
const USERS = /** @type {Record<string, { password: string, email: string }>} */ ({
	'adele.vance': { password: 'replica-now-password', email: 'adele.vance@contoso.example' }
});

const grants = new Grants({ accessTtl: 1799 });

/** The instance of the request, or undefined. @param {import('../kit.js').Exchange} x */
function instanceOf(x) {
	const name = x.host.replace(/\.service-now\.com$/, '');
	return INSTANCES[name];
}

/**
 * CORS of the OAuth endpoints: the property's single origin (or `*`), nothing when empty.
 * @param {import('../kit.js').Exchange} x @param {Instance} instance
 */
function oauthCors(x, instance) {
	const allowed = instance.oauthCorsOrigin;
	const origin = x.header('origin');
	if (allowed === '*') return cors(x, 'any', { methods: 'POST, OPTIONS' });
	if (allowed && origin === allowed) return cors(x, 'reflect', { methods: 'POST, OPTIONS' });
	return cors(x, 'none');
}

/** The instance's answer to a failed token request (HTTP 401, the same for every failure). */
function accessDenied(/** @type {import('../kit.js').Exchange} */ x) {
	return x.json(401, { error_description: 'access_denied', error: 'server_error' });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const client = CLIENTS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!client)
		return x.html(400, '<!doctype html><title>ServiceNow</title><p>Invalid client_id.</p>');
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(400, '<!doctype html><title>ServiceNow</title><p>Invalid redirect_uri.</p>');
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code'
		});
	if (!client.secret && !q.get('code_challenge'))
		return back({
			error: 'invalid_request',
			error_description: 'code_challenge is required for a public client'
		});
	if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256')
		return back({
			error: 'invalid_request',
			error_description: 'code_challenge_method must be S256'
		});
	const scopes = scopesOf(q.get('scope'));
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: `Log in — ${x.host} (replica)`,
		scopes: scopes.length ? scopes : ['useraccount'],
		defaultEmail: USERS['adele.vance']?.email ?? '',
		redirectUri,
		state: q.get('state'),
		onAccept: () => ({
			code: grants.code({
				clientId,
				user: 'adele.vance',
				scope: scopes.length ? scopes.join(' ') : 'useraccount',
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? undefined
			})
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {{ accessToken: string, refreshToken?: string, expiresIn: number }} issued */
function tokenBody(grant, issued) {
	return {
		access_token: issued.accessToken,
		refresh_token: issued.refreshToken,
		scope: grant.scope,
		token_type: 'Bearer',
		expires_in: issued.expiresIn
	};
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const registered = client.id ? CLIENTS[client.id] : undefined;
	if (!registered || (registered.secret ?? undefined) !== client.secret) return accessDenied(x);
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id || grant.redirectUri !== params.get('redirect_uri'))
			return accessDenied(x);
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return accessDenied(x);
		return x.json(200, tokenBody(grant, grants.issue(grant, { refresh: true })));
	}
	if (grantType === 'password') {
		const user = USERS[params.get('username') ?? ''];
		if (!user || user.password !== params.get('password')) return accessDenied(x);
		const grant = {
			clientId: client.id ?? '',
			user: params.get('username') ?? '',
			scope: params.get('scope') || 'useraccount'
		};
		return x.json(200, tokenBody(grant, grants.issue(grant, { refresh: true })));
	}
	if (grantType === 'refresh_token') {
		// The refresh token lives on (its own lifespan): the answer repeats it with a new access token.
		const presented = params.get('refresh_token');
		const used = grants.useRefresh(presented);
		if (!used || used.grant.clientId !== client.id) return accessDenied(x);
		const issued = grants.issue(used.grant, { grantId: used.grantId });
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenBody(used.grant, { ...issued, refreshToken: presented ?? undefined }));
	}
	return accessDenied(x);
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const registered = client.id ? CLIENTS[client.id] : undefined;
	if (!registered || (registered.secret ?? undefined) !== client.secret) return accessDenied(x);
	if (!grants.revoke(params.get('token'))) return accessDenied(x);
	x.log('revoke', { clientId: client.id });
	return x.empty(200);
}

/** Who a Table API request comes from: a bearer token or a local user's Basic credentials. @param {import('../kit.js').Exchange} x */
function caller(x) {
	const grant = grants.access(x.bearer());
	if (grant) return grant.user;
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	if (!basic?.[1]) return undefined;
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	const name = decoded.slice(0, at);
	return USERS[name]?.password === decoded.slice(at + 1) ? name : undefined;
}

/** @param {import('../kit.js').Exchange} x @param {Instance} instance */
function table(x, instance) {
	const origin = x.header('origin');
	if (origin && instance.tableCorsOrigins.includes(origin)) {
		if (
			cors(x, 'reflect', {
				methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
				headers: 'Authorization, Content-Type, Accept'
			})
		)
			return true;
	} else if (cors(x, 'none')) return true;
	const user = caller(x);
	x.log('api', { path: x.path, authorized: Boolean(user) });
	if (!user)
		return x.json(401, {
			error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
			status: 'failure'
		});
	const q = x.url.searchParams;
	if (x.path === '/api/now/table/sys_user') {
		const me = {
			user_name: user,
			email: USERS[user]?.email ?? '',
			name: 'Adele Vance',
			sys_id: '62826bf03710200044e0bfc8bcbe5df1'
		};
		const self = (q.get('sysparm_query') ?? '') === 'sys_id=javascript:gs.getUserID()';
		const records = self
			? [me]
			: [
					me,
					{
						user_name: 'abel.tuter',
						email: 'abel.tuter@contoso.example',
						name: 'Abel Tuter',
						sys_id: '62826bf03710200044e0bfc8bcbe5df2'
					}
				];
		const fields = (q.get('sysparm_fields') ?? '').split(',').filter(Boolean);
		const limit = Number(q.get('sysparm_limit') ?? records.length);
		const shown = records
			.slice(0, limit)
			.map((r) =>
				fields.length
					? Object.fromEntries(fields.map((f) => [f, r[/** @type {keyof typeof r} */ (f)] ?? '']))
					: r
			);
		return x.json(200, { result: shown });
	}
	if (x.path === '/api/now/table/incident')
		return x.json(200, {
			result: [{ number: 'INC0010001', short_description: 'Email server is down', state: '1' }]
		});
	return x.json(400, { error: { message: 'Invalid table', detail: null }, status: 'failure' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'servicenow',
	name: 'ServiceNow',
	hosts: ['*.service-now.com'],
	sources: [
		'https://www.servicenow.com/docs/r/zurich/platform-security/authentication/authorization-workflow.html',
		'https://servicenow-prod.fluidtopics.net/r/de-DE/platform-security/instance-security-hardening-settings/sc-allow-cors-origins-for-oauth-endpoints.html?contentId=8dC2fV23RI8TOGwmT6WTNw',
		'https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0831585',
		'https://raw.githubusercontent.com/ServiceNow/ServiceNowDocs/australia/markdown/platform-security/authentication/t_RevokeOAuthToken.md',
		'https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI'
	],
	async handle(x) {
		const instance = instanceOf(x);
		if (!instance)
			return x.html(
				404,
				'<!doctype html><title>Instance not found</title><p>Instance not found.</p>'
			);
		if (x.path.startsWith('/api/now/table/')) return table(x, instance);
		if (x.is('GET', '/oauth_auth.do')) return authorize(x);
		if (x.path === '/oauth_token.do' || x.path === '/oauth_revoke_token.do') {
			if (oauthCors(x, instance)) return true;
			if (x.method !== 'POST') return false;
			return x.path === '/oauth_token.do' ? token(x) : revoke(x);
		}
		return false;
	}
};
