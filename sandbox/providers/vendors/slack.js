/**
 * Slack: OAuth v2 (`/oauth/v2/authorize`, `oauth.v2.access`), token rotation, PKCE apps and the
 * Web API methods a connector uses (`auth.test`, `conversations.list`, `auth.revoke`).
 *
 * Sources:
 * - https://docs.slack.dev/authentication/installing-with-oauth (authorize parameters: `scope`
 *   for bot scopes and `user_scope` for user scopes, comma-separated; the answer carries the bot
 *   token at the top level and the user token under `authed_user`; `token_type` is `bot` / `user`)
 * - https://docs.slack.dev/reference/methods/oauth.v2.access (arguments `client_id`,
 *   `client_secret` — form body or HTTP Basic —, `code`, `redirect_uri`, `grant_type`,
 *   `refresh_token`, `code_verifier`; errors `invalid_client_id`, `bad_client_secret`,
 *   `invalid_code`, `bad_redirect_uri`, `invalid_grant_type`, `invalid_refresh_token`)
 * - https://docs.slack.dev/apis/web-api/ (every answer is HTTP 200 with `ok`; a failure is
 *   `{ "ok": false, "error": "<code>" }`; arguments as query, form body or JSON)
 * - https://docs.slack.dev/changelog/2020-11-no-more-tokens-in-querystrings-for-newly-created-apps
 *   (the token travels in `Authorization: Bearer` or as the `token` field of a form body; apps
 *   created since 2021 may not put it in the query string)
 * - https://docs.slack.dev/authentication/using-token-rotation (with rotation on, access tokens
 *   live 12 hours; `grant_type=refresh_token` at `oauth.v2.access` returns a new access token and
 *   a new refresh token, the used one is revoked; `oauth.v2.exchange` turns a long-lived token
 *   into a rotating pair)
 * - https://docs.slack.dev/authentication/using-pkce and
 *   https://docs.slack.dev/changelog/2026/03/30/pkce (an app with PKCE enabled is a public
 *   client: it redeems codes and refreshes without `client_secret`; the PKCE arguments are
 *   optional for web redirects; its refresh tokens expire after 30 days)
 * - https://docs.slack.dev/reference/methods/auth.test and
 *   https://docs.slack.dev/reference/methods/auth.revoke (`{ ok, revoked }`, token by header or
 *   form field)
 * - https://github.com/slackapi/node-slack-sdk/issues/1505 (CORS: Slack answers cross-origin
 *   requests with `Access-Control-Allow-Origin: *`, but its preflight answer does not allow the
 *   `Authorization` header: a browser can call the Web API only with the token in a form body)
 *
 * Not reproduced: the desktop-redirect rule of PKCE apps (localhost redirects may not ask for bot
 * scopes). The test client's redirect URI stands for the app's deployed https origin, which is a
 * web redirect. Which `error` Slack names for a wrong `code_verifier` is not documented; the
 * replica answers `invalid_code`.
 */
import {
	backToApp,
	clientOf,
	cors,
	Grants,
	pkceMatches,
	REDIRECT_URIS,
	signInPage
} from '../kit.js';

const TEAM = { id: 'T0REPL1CA', name: 'Replica Workspace', domain: 'replica-workspace' };
const BOT = { id: 'B0REPL1CA', userId: 'U0BOTREPL', name: 'switchboard-replica' };
const USER = { id: 'U0ADELE01', name: 'adele' };
const APP_ID = 'A0REPL1CA';

/**
 * Apps of the test workspace. `secret`: a confidential app; without it, an app with PKCE enabled
 * (a public client). `rotation`: token rotation is on.
 * @type {Record<string, { secret?: string, rotation: boolean }>}
 */
const APPS = {
	'1111111111.2222222222': { secret: 'replica-slack-secret', rotation: true },
	'3333333333.4444444444': { rotation: true },
	'5555555555.6666666666': { secret: 'replica-slack-secret', rotation: false }
};

/** Long-lived tokens of the test workspace, as pasted from an app's OAuth & Permissions page. */
const STATIC_TOKENS = {
	bot: 'xoxb-0000000001-0000000002-ReplicaStaticBotToken00',
	user: 'xoxp-0000000001-0000000003-0000000004-replicastaticusertoken0000'
};

const BOT_SCOPES = new Set([
	'channels:read',
	'channels:history',
	'chat:write',
	'users:read',
	'users:read.email',
	'team:read',
	'files:read',
	'groups:read',
	'im:read'
]);
const USER_SCOPES = new Set([...BOT_SCOPES, 'identity.basic', 'search:read']);

/** Bot and user tokens; rotating ones have the `xoxe.` form and a `xoxe-1-` refresh token. */
const botTokens = new Grants({ prefix: 'xoxb-replica-', accessTtl: 43200 });
const rotatingBotTokens = new Grants({ prefix: 'xoxe.xoxb-1-', accessTtl: 43200 });
const userTokens = new Grants({ prefix: 'xoxp-replica-', accessTtl: 43200 });
const rotatingUserTokens = new Grants({ prefix: 'xoxe.xoxp-1-', accessTtl: 43200 });
const ALL_TOKENS = [botTokens, rotatingBotTokens, userTokens, rotatingUserTokens];

/** Slack's answer: HTTP 200, `ok`, and CORS for any origin (no credentials). */
function slackAnswer(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {Record<string, unknown>} */ body,
	status = 200
) {
	return x.json(status, body, { 'Access-Control-Allow-Origin': '*' });
}

const fail = (
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {string} */ error,
	/** @type {Record<string, unknown>} */ extra = {}
) => slackAnswer(x, { ok: false, error, ...extra });

/** Comma-separated scopes (Slack's separator). @param {string | null} value */
const commaScopes = (value) =>
	(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	if (!app)
		return x.html(400, '<!doctype html><title>Slack</title><p>Invalid client_id parameter</p>');
	const redirectUri = q.get('redirect_uri') ?? REDIRECT_URIS[0] ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Slack</title><p>redirect_uri did not match any configured URIs.</p>'
		);
	const scopes = commaScopes(q.get('scope'));
	const userScopes = commaScopes(q.get('user_scope'));
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (!scopes.length && !userScopes.length) return back({ error: 'invalid_scope' });
	const unknown = [
		...scopes.filter((s) => !BOT_SCOPES.has(s)),
		...userScopes.filter((s) => !USER_SCOPES.has(s))
	];
	if (unknown.length) return back({ error: 'invalid_scope' });
	// PKCE arguments count only for apps that enabled PKCE (using-pkce).
	const pkceApp = !app.secret;
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: `Install on ${TEAM.name} — Slack (replica)`,
		scopes: [...scopes, ...userScopes.map((s) => `user: ${s}`)],
		defaultEmail: 'adele@replica.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: botTokens.code({
				clientId,
				user: email,
				scope: scopes.join(','),
				redirectUri: q.get('redirect_uri') ?? undefined,
				...(pkceApp && q.get('code_challenge')
					? {
							codeChallenge: q.get('code_challenge') ?? undefined,
							codeChallengeMethod: q.get('code_challenge_method') ?? 'plain'
						}
					: {}),
				extra: { userScope: userScopes.join(',') }
			})
		})
	});
}

/** The installation's tokens, shaped as `oauth.v2.access` returns them. */
function installation(
	/** @type {import('../kit.js').Grant} */ grant,
	/** @type {boolean} */ rotation
) {
	/** @type {Record<string, unknown>} */
	const body = {
		ok: true,
		app_id: APP_ID,
		authed_user: { id: USER.id },
		team: { id: TEAM.id, name: TEAM.name },
		enterprise: null,
		is_enterprise_install: false
	};
	if (grant.scope) {
		const issued = (rotation ? rotatingBotTokens : botTokens).issue(grant, {
			refresh: rotation,
			refreshPrefix: 'xoxe-1-'
		});
		Object.assign(body, {
			access_token: issued.accessToken,
			token_type: 'bot',
			scope: grant.scope,
			bot_user_id: BOT.userId,
			...(rotation ? { expires_in: issued.expiresIn, refresh_token: issued.refreshToken } : {})
		});
	}
	const userScope = grant.extra?.userScope ?? '';
	if (userScope) {
		const userGrant = { ...grant, scope: userScope };
		const issued = (rotation ? rotatingUserTokens : userTokens).issue(userGrant, {
			refresh: rotation,
			refreshPrefix: 'xoxe-1-'
		});
		body.authed_user = {
			id: USER.id,
			scope: userScope,
			access_token: issued.accessToken,
			token_type: 'user',
			...(rotation ? { expires_in: issued.expiresIn, refresh_token: issued.refreshToken } : {})
		};
	}
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function oauthAccess(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type') ?? 'authorization_code';
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	if (!app) return fail(x, 'invalid_client_id');
	if (app.secret && client.secret !== app.secret) return fail(x, 'bad_client_secret');

	if (grantType === 'authorization_code') {
		const grant = botTokens.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id) return fail(x, 'invalid_code');
		if (grant.redirectUri && grant.redirectUri !== params.get('redirect_uri'))
			return fail(x, 'bad_redirect_uri');
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return fail(x, 'invalid_code');
		return slackAnswer(x, installation(grant, app.rotation));
	}
	if (grantType === 'refresh_token') {
		const token = params.get('refresh_token');
		// The refresh token is used up; the answer brings the next one (using-token-rotation).
		for (const [store, tokenType] of /** @type {const} */ ([
			[rotatingBotTokens, 'bot'],
			[rotatingUserTokens, 'user']
		])) {
			const used = store.useRefresh(token, { rotate: true });
			if (!used) continue;
			if (used.grant.clientId !== client.id) return fail(x, 'invalid_refresh_token');
			const issued = store.issue(used.grant, {
				refresh: true,
				grantId: used.grantId,
				refreshPrefix: 'xoxe-1-'
			});
			x.log('refresh', { clientId: client.id, tokenType });
			return slackAnswer(x, {
				ok: true,
				app_id: APP_ID,
				access_token: issued.accessToken,
				token_type: tokenType,
				scope: used.grant.scope,
				...(tokenType === 'bot' ? { bot_user_id: BOT.userId } : { user_id: USER.id }),
				expires_in: issued.expiresIn,
				refresh_token: issued.refreshToken,
				team: { id: TEAM.id, name: TEAM.name },
				enterprise: null,
				is_enterprise_install: false
			});
		}
		return fail(x, 'invalid_refresh_token');
	}
	return fail(x, 'invalid_grant_type');
}

/**
 * `oauth.v2.exchange`: a long-lived token of an app that turned rotation on becomes a rotating
 * pair; the old token stops working only when the new one is first used (not modelled).
 * @param {import('../kit.js').Exchange} x
 */
async function oauthExchange(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	if (!app) return fail(x, 'invalid_client_id');
	if (app.secret && client.secret !== app.secret) return fail(x, 'bad_client_secret');
	if (!app.rotation) return fail(x, 'token_rotation_not_enabled');
	const token = params.get('token');
	const kind =
		token === STATIC_TOKENS.bot || botTokens.access(token ?? undefined)
			? 'bot'
			: token === STATIC_TOKENS.user || userTokens.access(token ?? undefined)
				? 'user'
				: undefined;
	if (!kind) return fail(x, 'invalid_token');
	const store = kind === 'bot' ? rotatingBotTokens : rotatingUserTokens;
	const issued = store.issue(
		{ clientId: client.id ?? '', user: 'exchanged', scope: [...BOT_SCOPES].join(',') },
		{ refresh: true, refreshPrefix: 'xoxe-1-' }
	);
	return slackAnswer(x, {
		ok: true,
		access_token: issued.accessToken,
		token_type: kind,
		expires_in: issued.expiresIn,
		refresh_token: issued.refreshToken,
		team: { id: TEAM.id, name: TEAM.name }
	});
}

/**
 * Who a token is: the grant of an issued token, or one of the static tokens.
 * @param {string | undefined} token
 * @returns {{ kind: 'bot' | 'user', scope: string, user: string, static?: boolean } | undefined}
 */
function identify(token) {
	if (!token) return undefined;
	if (token === STATIC_TOKENS.bot)
		return { kind: 'bot', scope: [...BOT_SCOPES].join(','), user: 'static', static: true };
	if (token === STATIC_TOKENS.user)
		return { kind: 'user', scope: [...USER_SCOPES].join(','), user: 'static', static: true };
	for (const store of ALL_TOKENS) {
		const grant = store.access(token);
		if (grant)
			return {
				kind: store === botTokens || store === rotatingBotTokens ? 'bot' : 'user',
				scope: grant.scope,
				user: grant.user
			};
	}
	return undefined;
}

/** The token of a Web API call: Authorization header or `token` in a form/JSON body, never the query. */
async function tokenOf(/** @type {import('../kit.js').Exchange} */ x) {
	const bearer = x.bearer();
	if (bearer) return { token: bearer, params: await x.params() };
	const params = await x.params();
	return { token: params.get('token') ?? undefined, params };
}

/** @param {import('../kit.js').Exchange} x @param {string} method */
async function webApi(x, method) {
	const { token, params } = await tokenOf(x);
	const who = identify(token);
	x.log('api', { method, authorized: Boolean(who), via: x.bearer() ? 'header' : 'body' });
	if (!token) return fail(x, 'not_authed');
	if (!who) return fail(x, 'invalid_auth');
	const granted = commaScopes(who.scope);
	const needs = (/** @type {string} */ scope) =>
		granted.includes(scope)
			? undefined
			: fail(x, 'missing_scope', { needed: scope, provided: who.scope });
	switch (method) {
		case 'auth.test':
			return slackAnswer(x, {
				ok: true,
				url: `https://${TEAM.domain}.slack.com/`,
				team: TEAM.name,
				user: who.kind === 'bot' ? BOT.name : USER.name,
				team_id: TEAM.id,
				user_id: who.kind === 'bot' ? BOT.userId : USER.id,
				...(who.kind === 'bot' ? { bot_id: BOT.id } : {}),
				is_enterprise_install: false
			});
		case 'conversations.list':
			return (
				needs('channels:read') ??
				slackAnswer(x, {
					ok: true,
					channels: [
						{
							id: 'C0GENERAL1',
							name: 'general',
							is_channel: true,
							is_private: false,
							num_members: 12
						},
						{
							id: 'C0RANDOM01',
							name: 'random',
							is_channel: true,
							is_private: false,
							num_members: 9
						}
					],
					response_metadata: { next_cursor: '' }
				})
			);
		case 'users.list':
			return (
				needs('users:read') ??
				slackAnswer(x, {
					ok: true,
					members: [{ id: USER.id, name: USER.name, real_name: 'Adele Vance', is_bot: false }],
					response_metadata: { next_cursor: '' }
				})
			);
		case 'chat.postMessage':
			return (
				needs('chat:write') ??
				slackAnswer(x, {
					ok: true,
					channel: params.get('channel') ?? 'C0GENERAL1',
					ts: `${Math.floor(Date.now() / 1000)}.000100`,
					message: { text: params.get('text') ?? '', type: 'message' }
				})
			);
		case 'auth.revoke': {
			if (params.get('test') === '1' || params.get('test') === 'true')
				return slackAnswer(x, { ok: true, revoked: false });
			if (!who.static) for (const store of ALL_TOKENS) store.revoke(token);
			x.log('revoke', { tokenType: who.kind });
			return slackAnswer(x, { ok: true, revoked: true });
		}
	}
	return undefined;
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'slack',
	name: 'Slack',
	hosts: ['slack.com'],
	sources: [
		'https://docs.slack.dev/authentication/installing-with-oauth',
		'https://docs.slack.dev/reference/methods/oauth.v2.access',
		'https://docs.slack.dev/authentication/using-token-rotation',
		'https://docs.slack.dev/authentication/using-pkce',
		'https://docs.slack.dev/changelog/2026/03/30/pkce',
		'https://docs.slack.dev/changelog/2020-11-no-more-tokens-in-querystrings-for-newly-created-apps',
		'https://docs.slack.dev/reference/methods/auth.test',
		'https://docs.slack.dev/reference/methods/auth.revoke',
		'https://github.com/slackapi/node-slack-sdk/issues/1505'
	],
	async handle(x) {
		if (x.is('GET', '/oauth/v2/authorize')) return authorize(x);
		const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(x.path);
		if (!match?.[1]) return false;
		// The Web API answers any origin, but its preflight does not allow `Authorization`:
		// only requests that need no preflight (token in a form body) get through from a browser.
		if (x.method === 'OPTIONS')
			return cors(x, 'any', { methods: 'GET, POST, OPTIONS', headers: '' });
		if (x.method !== 'GET' && x.method !== 'POST') return false;
		const method = match[1];
		if (method === 'oauth.v2.access') return oauthAccess(x);
		if (method === 'oauth.v2.exchange') return oauthExchange(x);
		const answered = await webApi(x, method);
		if (answered) return answered;
		return slackAnswer(x, { ok: false, error: 'unknown_method', req_method: method }, 404);
	}
};
