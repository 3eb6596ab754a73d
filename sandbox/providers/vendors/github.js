/**
 * GitHub: the web application flow of OAuth apps and GitHub Apps (github.com/login/oauth/*) and
 * the REST API (api.github.com) with OAuth tokens and personal access tokens.
 *
 * Sources:
 * - https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 *   (authorize parameters; the redirect URI must match the registered callback URL, or be a path
 *   below it; `client_secret` is required at `access_token`; the answer is form-encoded unless
 *   `Accept: application/json` (or XML) asks otherwise; `scope` in the answer is comma-separated)
 * - https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 *   (errors come in an HTTP 200 body: `incorrect_client_credentials`, `redirect_uri_mismatch`,
 *   `bad_verification_code`, `unverified_user_email`, with `error_description` and `error_uri`)
 * - https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-authorization-request-errors
 *   (a redirect URI that does not match sends the user to the registered callback URL with
 *   `error=redirect_uri_mismatch`; a denial returns `error=access_denied`)
 * - https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication
 *   (PKCE with S256 only, optional; the client secret stays required)
 * - https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens
 *   (GitHub Apps with expiring user tokens: `expires_in` 28800, `refresh_token` with
 *   `refresh_token_expires_in` 15897600; `grant_type=refresh_token` at the same URL returns a new
 *   pair and the used refresh token stops working; OAuth apps' tokens do not expire)
 * - https://docs.github.com/en/rest/using-the-rest-api/using-cors-and-jsonp-to-make-cross-origin-requests
 *   (the REST API answers CORS for any origin: the preflight's allowed headers, methods and
 *   exposed headers are copied from there)
 * - https://github.com/isaacs/github/issues/330 (github.com/login/oauth/access_token sends no CORS
 *   headers: a browser page cannot read the token answer)
 * - https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api and
 *   https://docs.github.com/en/rest/users/users#get-the-authenticated-user (`Authorization:
 *   Bearer` or `token`; `GET /user`; 401 `Bad credentials`)
 * - https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token (revocation is
 *   `DELETE /applications/{client_id}/token` with the app's Basic credentials and the token in a
 *   JSON body; there is no RFC 7009 endpoint)
 */
import { backToApp, cors, Grants, pkceMatches, REDIRECT_URIS, signInPage } from '../kit.js';

const USER = {
	login: 'octo-replica',
	id: 583231,
	node_id: 'MDQ6VXNlcjU4MzIzMQ==',
	name: 'Mona Replica',
	company: 'Replica Inc.',
	type: 'User'
};

/**
 * Registered apps. `oauth-app`: tokens that do not expire. `github-app`: a GitHub App with
 * expiring user access tokens (refresh tokens).
 * @type {Record<string, { kind: 'oauth-app' | 'github-app', secret: string }>}
 */
const APPS = {
	Ov23liReplicaOAuthApp0: { kind: 'oauth-app', secret: 'replica-github-secret' },
	Iv23liReplicaGitHubApp: { kind: 'github-app', secret: 'replica-github-app-secret' }
};

/** Personal access tokens of the test account: a classic one and a fine-grained one. */
const PATS = {
	ghp_ReplicaClassicToken000000000000000000: 'repo,read:user,user:email',
	github_pat_11REPLICA0_FineGrainedReplicaToken0000000000000000000000000000: ''
};

const SCOPES = new Set([
	'repo',
	'repo:status',
	'public_repo',
	'read:user',
	'user:email',
	'user',
	'read:org',
	'gist',
	'notifications',
	'workflow',
	'admin:repo_hook',
	'delete_repo'
]);

const oauthTokens = new Grants({ prefix: 'gho_' });
const appTokens = new Grants({ prefix: 'ghu_', accessTtl: 28800 });

const API_CORS = {
	methods: 'GET, POST, PATCH, PUT, DELETE',
	headers:
		'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-Requested-With',
	expose:
		'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
	maxAge: 86400
};

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	if (!app) return x.html(404, '<!doctype html><title>GitHub</title><p>Not Found</p>');
	const registered = REDIRECT_URIS[0] ?? '';
	const asked = q.get('redirect_uri');
	// The redirect URI may name the callback URL or a path below it (same host and port).
	const fits = (/** @type {string} */ uri) =>
		REDIRECT_URIS.some((r) => uri === r || uri.startsWith(`${r}/`));
	const redirectUri = asked ?? registered;
	const back = (/** @type {string} */ target, /** @type {Record<string, string>} */ params) =>
		backToApp(x, target, params);
	if (!fits(redirectUri))
		return back(registered, {
			error: 'redirect_uri_mismatch',
			error_description:
				'The redirect_uri MUST match the registered callback URL for this application.',
			error_uri:
				'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch'
		});
	const challenge = q.get('code_challenge');
	const method = q.get('code_challenge_method');
	if ((challenge || method) && (method !== 'S256' || !challenge))
		return back(redirectUri, {
			error: 'invalid_request',
			error_description: 'Only the S256 code challenge method is supported.'
		});
	// OAuth apps ask for scopes (space- or comma-separated); GitHub Apps have permissions instead.
	const scopes =
		app.kind === 'oauth-app'
			? (q.get('scope') ?? '').split(/[\s,]+/).filter((s) => SCOPES.has(s))
			: [];
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Authorize application — GitHub (replica)',
		scopes,
		defaultEmail: 'mona@replica.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: oauthTokens.code({
				clientId,
				user: email,
				scope: scopes.join(','),
				redirectUri,
				...(challenge ? { codeChallenge: challenge, codeChallengeMethod: 'S256' } : {})
			})
		})
	});
}

/**
 * The token endpoint's answer in the format the Accept header asks for: form-encoded by default.
 * No CORS headers, whatever the answer.
 * @param {import('../kit.js').Exchange} x
 * @param {Record<string, string | number>} body
 */
function tokenAnswer(x, body) {
	const accept = x.header('accept') ?? '';
	const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
	if (accept.includes('application/json')) return x.json(200, body);
	if (accept.includes('application/xml')) {
		const xml = Object.entries(fields)
			.map(([k, v]) => `<${k}>${v.replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`)}</${k}>`)
			.join('');
		x.res.writeHead(200, {
			'Content-Type': 'application/xml; charset=utf-8',
			'Cache-Control': 'no-store'
		});
		x.res.end(`<OAuth>${xml}</OAuth>`);
		return true;
	}
	return x.form(200, fields);
}

const tokenError = (
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {string} */ error,
	/** @type {string} */ description,
	/** @type {string} */ anchor
) =>
	tokenAnswer(x, {
		error,
		error_description: description,
		error_uri: `https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#${anchor}`
	});

/**
 * The token pair of a grant: expiring with a refresh token for GitHub Apps.
 * @returns {Record<string, string | number>}
 */
function issue(
	/** @type {'oauth-app' | 'github-app'} */ kind,
	/** @type {import('../kit.js').Grant} */ grant,
	/** @type {string | undefined} */ grantId
) {
	if (kind === 'oauth-app') {
		const issued = oauthTokens.issue(grant, { grantId, accessTtl: 10 * 365 * 24 * 3600 });
		return { access_token: issued.accessToken, token_type: 'bearer', scope: grant.scope };
	}
	const issued = appTokens.issue(grant, { refresh: true, grantId, refreshPrefix: 'ghr_' });
	return {
		access_token: issued.accessToken,
		expires_in: issued.expiresIn,
		refresh_token: issued.refreshToken ?? '',
		refresh_token_expires_in: 15897600,
		token_type: 'bearer',
		scope: ''
	};
}

/** @param {import('../kit.js').Exchange} x */
async function accessToken(x) {
	const params = await x.params();
	// Client credentials travel as parameters (query or body), or as HTTP Basic.
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	const [basicId, basicSecret] = basic?.[1]
		? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
		: [];
	const clientId = params.get('client_id') ?? x.url.searchParams.get('client_id') ?? basicId;
	const secret =
		params.get('client_secret') ?? x.url.searchParams.get('client_secret') ?? basicSecret;
	const app = clientId ? APPS[clientId] : undefined;
	const grantType = params.get('grant_type') ?? 'authorization_code';
	x.log('token', {
		grantType,
		origin: x.header('origin') ?? null,
		accept: x.header('accept') ?? null
	});
	if (!app || app.secret !== secret)
		return tokenError(
			x,
			'incorrect_client_credentials',
			'The client_id and/or client_secret passed are incorrect.',
			'incorrect-client-credentials'
		);
	if (grantType === 'refresh_token') {
		const used =
			app.kind === 'github-app'
				? appTokens.useRefresh(params.get('refresh_token'), { rotate: true })
				: undefined;
		if (!used || used.grant.clientId !== clientId)
			return tokenAnswer(x, {
				error: 'bad_refresh_token',
				error_description: 'The refresh token passed is incorrect or expired.',
				error_uri:
					'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors'
			});
		x.log('refresh', { clientId });
		return tokenAnswer(x, issue(app.kind, used.grant, used.grantId));
	}
	const grant = oauthTokens.takeCode(params.get('code'));
	if (!grant || grant.clientId !== clientId)
		return tokenError(
			x,
			'bad_verification_code',
			'The code passed is incorrect or expired.',
			'bad-verification-code'
		);
	const redirectUri = params.get('redirect_uri');
	if (redirectUri && redirectUri !== grant.redirectUri)
		return tokenError(
			x,
			'redirect_uri_mismatch',
			'The redirect_uri MUST match the registered callback URL for this application.',
			'redirect-uri-mismatch'
		);
	if (
		!pkceMatches(
			grant.codeChallenge,
			grant.codeChallengeMethod,
			params.get('code_verifier') ?? undefined
		)
	)
		return tokenError(
			x,
			'bad_verification_code',
			'The code passed is incorrect or expired.',
			'bad-verification-code'
		);
	return tokenAnswer(x, issue(app.kind, grant, undefined));
}

/**
 * The token of an API request and the scopes GitHub reports for it (classic tokens only).
 * @param {string | undefined} token
 * @returns {{ scopes?: string } | undefined}
 */
function tokenInfo(token) {
	if (!token) return undefined;
	if (token in PATS) {
		const scopes = PATS[/** @type {keyof typeof PATS} */ (token)];
		return token.startsWith('ghp_') ? { scopes } : {};
	}
	const oauth = oauthTokens.access(token);
	if (oauth) return { scopes: oauth.scope.split(',').join(', ') };
	if (appTokens.access(token)) return {};
	return undefined;
}

/** @param {import('../kit.js').Exchange} x */
function apiToken(x) {
	const match = /^(?:Bearer|token)\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	return match?.[1];
}

/** @param {import('../kit.js').Exchange} x */
async function revokeAppToken(
	x,
	/** @type {string} */ clientId,
	/** @type {'token' | 'grant'} */ what
) {
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	const [id, secret] = basic?.[1]
		? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
		: [];
	const app = APPS[clientId];
	if (!app || id !== clientId || app.secret !== secret)
		return x.json(404, {
			message: 'Not Found',
			documentation_url: 'https://docs.github.com/rest/apps/oauth-applications',
			status: '404'
		});
	let body = {};
	try {
		body = JSON.parse((await x.body()) || '{}');
	} catch {
		return x.json(400, { message: 'Problems parsing JSON', status: '400' });
	}
	const token = /** @type {{ access_token?: string }} */ (body).access_token;
	const revoked = oauthTokens.revoke(token) || appTokens.revoke(token);
	if (!revoked) return x.json(404, { message: 'Not Found', status: '404' });
	x.log('revoke', { clientId, what });
	return x.empty(204);
}

/** @param {import('../kit.js').Exchange} x */
async function api(x) {
	if (cors(x, 'any', API_CORS)) return true;
	x.res.setHeader('Access-Control-Allow-Origin', '*');
	x.res.setHeader('Access-Control-Expose-Headers', API_CORS.expose);
	const appToken = /^\/applications\/([^/]+)\/(token|grant)$/.exec(x.path);
	if (appToken?.[1] && x.method === 'DELETE')
		return revokeAppToken(
			x,
			decodeURIComponent(appToken[1]),
			/** @type {'token' | 'grant'} */ (appToken[2])
		);
	const token = apiToken(x);
	const info = tokenInfo(token);
	x.log('api', { path: x.path, authorized: Boolean(info) });
	if (!info)
		return x.json(401, {
			message: token ? 'Bad credentials' : 'Requires authentication',
			documentation_url: 'https://docs.github.com/rest',
			status: '401'
		});
	/** @type {Record<string, string>} */
	const headers = {
		'X-GitHub-Media-Type': 'github.v3; format=json',
		'X-RateLimit-Limit': '5000',
		'X-RateLimit-Remaining': '4999',
		...(info.scopes !== undefined ? { 'X-OAuth-Scopes': info.scopes } : {})
	};
	if (x.is('GET', '/user'))
		return x.json(
			200,
			{
				...USER,
				avatar_url: `https://avatars.githubusercontent.com/u/${USER.id}?v=4`,
				html_url: `https://github.com/${USER.login}`,
				email: 'mona@replica.example',
				public_repos: 2,
				created_at: '2011-01-25T18:44:36Z'
			},
			headers
		);
	if (x.is('GET', '/user/repos'))
		return x.json(
			200,
			[
				{
					id: 1296269,
					name: 'hello-world',
					full_name: `${USER.login}/hello-world`,
					private: false
				},
				{
					id: 1296270,
					name: 'replica-notes',
					full_name: `${USER.login}/replica-notes`,
					private: true
				}
			],
			headers
		);
	if (x.is('GET', '/user/emails'))
		return x.json(
			200,
			[{ email: 'mona@replica.example', primary: true, verified: true, visibility: 'private' }],
			headers
		);
	return x.json(404, {
		message: 'Not Found',
		documentation_url: 'https://docs.github.com/rest',
		status: '404'
	});
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'github',
	name: 'GitHub',
	hosts: ['github.com', 'api.github.com'],
	sources: [
		'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
		'https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors',
		'https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication',
		'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
		'https://docs.github.com/en/rest/using-the-rest-api/using-cors-and-jsonp-to-make-cross-origin-requests',
		'https://github.com/isaacs/github/issues/330',
		'https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token'
	],
	async handle(x) {
		if (x.host === 'api.github.com') return api(x);
		if (x.is('GET', '/login/oauth/authorize')) return authorize(x);
		if (x.path === '/login/oauth/access_token') {
			// No CORS at all: a preflight fails and a simple POST's answer cannot be read.
			if (x.method === 'OPTIONS') return cors(x, 'none');
			if (x.method === 'POST') return accessToken(x);
		}
		return false;
	}
};
