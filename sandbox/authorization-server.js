/**
 * The sandbox authorization server: oidc-provider 9 with static clients, the password grant, the
 * sandbox's own login and consent pages, and the test hooks under `/__sandbox/`.
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createStore } from './adapter.js';
import { ACCOUNTS, CLIENTS, SCOPES } from './config.js';
import { applyCors, readBody, readForm, readJson, sendJson } from './http.js';
import { consentPage, errorPage, loginPage, pageCsp } from './pages.js';

/** @typedef {import('./http.js').Req} Req */
/** @typedef {import('./http.js').Res} Res */

/**
 * oidc-provider 9 warns "Unsupported runtime" on Node 20 when it is imported, although it runs
 * (see DESIGN.md, "Known pitfalls"). Import it with that one warning filtered out.
 */
async function importProvider() {
	const warn = console.warn;
	console.warn = (/** @type {unknown[]} */ ...args) => {
		if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
		warn.apply(console, args);
	};
	try {
		// @ts-expect-error -- oidc-provider ships no type declarations (and @types/oidc-provider is not installed)
		return await import('oidc-provider');
	} finally {
		console.warn = warn;
	}
}

const oidc = await importProvider();
/** @type {any} */
const Provider = oidc.default;
/** @type {any} */
const errors = oidc.errors;
/** @type {any} */
const interactionPolicy = oidc.interactionPolicy;

/** Route paths; the connectors and the tests read them from the discovery document. */
const TOKEN_PATH = '/token';
const AUTHORIZATION_PATH = '/auth';

/**
 * Marks an authorization request to which the sandbox itself added `prompt=consent`.
 * oidc-provider drops `offline_access` from any request without `prompt=consent` (OpenID Connect
 * Core §11) before `issueRefreshToken` runs, so a plain `scope=... offline_access` request would
 * never get a refresh token, nor `offline_access` in its granted scope. The sandbox adds the
 * prompt itself, and its interaction policy does not force the consent page for such an added
 * prompt: the page is shown only when scopes are not yet granted, as for any other request.
 */
const ADDED_PROMPT_PARAM = 'sandbox_added_prompt';

export const FAIL_MODES = /** @type {const} */ ([
	'500',
	'html',
	'invalid-json',
	'503-retry-after',
	'429'
]);
/** @typedef {(typeof FAIL_MODES)[number]} FailMode */

/** Constant-time string comparison. @param {string} a @param {string} b */
function safeEqual(a, b) {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * @param {unknown} username
 * @param {unknown} password
 */
export function checkCredentials(username, password) {
	if (typeof username !== 'string' || typeof password !== 'string') return undefined;
	const account = Object.hasOwn(ACCOUNTS, username) ? ACCOUNTS[username] : undefined;
	// Compare even for unknown users so that timing does not reveal which users exist.
	const ok = safeEqual(password, account?.password ?? 'x'.repeat(password.length + 1));
	return account && ok ? account : undefined;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function newStats() {
	return {
		/** token-endpoint requests (including injected failures) by grant_type */
		tokenRequests: /** @type {Record<string, number>} */ ({}),
		tokenRequestsTotal: 0,
		/** token-endpoint requests answered 200, by grant_type */
		tokenSuccesses: /** @type {Record<string, number>} */ ({}),
		/** successful refresh_token grants */
		refreshes: {
			total: 0,
			byGrant: /** @type {Record<string, number>} */ ({}),
			byAccount: /** @type {Record<string, number>} */ ({}),
			byClient: /** @type {Record<string, number>} */ ({})
		},
		invalidGrant: 0,
		injectedFailures: 0,
		maxConcurrentTokenRequests: 0
	};
}

/**
 * @param {{ issuer: string, accessTokenTtl: number, appOrigins: readonly string[] }} options
 */
export async function createAuthorizationServer({ issuer, accessTokenTtl, appOrigins }) {
	const store = createStore();
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const signingKey = {
		...privateKey.export({ format: 'jwk' }),
		kid: 'sandbox-rs256',
		alg: 'RS256',
		use: 'sig'
	};
	const redirectUris = appOrigins.map((origin) => `${origin}/callback`);

	const configuration = {
		adapter: store.Adapter,
		clients: CLIENTS.map(({ redirect, ...client }) => ({
			...client,
			redirect_uris: redirect ? redirectUris : []
		})),
		jwks: { keys: [signingKey] },
		cookies: { keys: [randomBytes(32).toString('base64url')] },
		responseTypes: ['code'],
		scopes: SCOPES,
		claims: {
			openid: ['sub'],
			profile: ['name'],
			email: ['email', 'email_verified']
		},
		/** @param {any} _ctx @param {string} id */
		async findAccount(_ctx, id) {
			const account = Object.hasOwn(ACCOUNTS, id) ? ACCOUNTS[id] : undefined;
			if (!account) return undefined;
			return {
				accountId: account.id,
				async claims() {
					return {
						sub: account.id,
						name: account.name,
						email: account.email,
						email_verified: true
					};
				}
			};
		},
		interactions: {
			policy: createPolicy(),
			/** @param {any} _ctx @param {{ uid: string }} interaction */
			url: (_ctx, interaction) => `/interaction/${interaction.uid}`
		},
		extraParams: [ADDED_PROMPT_PARAM],
		features: {
			devInteractions: { enabled: false },
			clientCredentials: { enabled: true },
			resourceIndicators: { enabled: false },
			introspection: {
				enabled: true,
				/** Public clients may introspect only their own tokens. */
				/** @param {any} _ctx @param {any} client @param {any} token */
				allowedPolicy: async (_ctx, client, token) =>
					client.clientAuthMethod !== 'none' || token.clientId === client.clientId
			},
			revocation: {
				enabled: true,
				/** @param {any} _ctx @param {any} client @param {any} token */
				allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId
			},
			/**
			 * DPoP (RFC 9449; on by default in oidc-provider 9, stated here): discovery advertises
			 * `dpop_signing_alg_values_supported`, a token request with a proof gets a DPoP-bound
			 * token. Clients that must use it (`dpop_bound_access_tokens`) must also send a server
			 * nonce (`use_dpop_nonce` first), so the app's nonce handling is exercised.
			 */
			dPoP: {
				enabled: true,
				nonceSecret: randomBytes(32),
				/** @param {any} ctx */
				requireNonce: (ctx) => Boolean(ctx.oidc?.client?.dpopBoundAccessTokens)
			}
		},
		pkce: {
			/** PKCE (S256) is required for the public client and accepted from the others. */
			/** @param {any} _ctx @param {any} client */
			required: (_ctx, client) => client.clientAuthMethod === 'none'
		},
		/** @param {any} _ctx @param {string} origin */
		clientBasedCORS: (_ctx, origin) => appOrigins.includes(origin),
		/**
		 * Refresh tokens whenever offline_access is asked for. The app need not send prompt=consent:
		 * offlineAccessMiddleware adds it so that offline_access survives until here.
		 */
		/** @param {any} _ctx @param {any} client @param {any} code */
		issueRefreshToken: async (_ctx, client, code) =>
			client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
		rotateRefreshToken: true,
		ttl: {
			AccessToken: accessTokenTtl,
			ClientCredentials: accessTokenTtl,
			AuthorizationCode: 60,
			IdToken: 3600,
			RefreshToken: 14 * 24 * 3600,
			Interaction: 3600,
			Session: 14 * 24 * 3600,
			Grant: 14 * 24 * 3600
		},
		/** @param {any} ctx @param {Record<string, unknown>} out */
		async renderError(ctx, out) {
			ctx.type = 'html';
			ctx.set('Content-Security-Policy', pageCsp(appOrigins));
			ctx.body = errorPage(
				'Sign-in error',
				'The sandbox provider could not process the request.',
				out
			);
		}
	};

	const provider = new Provider(issuer, configuration);
	// Errors are answered to the client; keep the console quiet except for real server errors.
	provider.on('server_error', (/** @type {any} */ _ctx, /** @type {Error} */ error) =>
		console.error('sandbox: server_error', error)
	);

	registerPasswordGrant(provider);

	const hooks = createHooks({ store, appOrigins, issuer });
	provider.use(offlineAccessMiddleware);
	provider.use(hooks.tokenMiddleware);

	const callback = provider.callback();
	const interactions = createInteractions({ provider, appOrigins });

	/** @param {Req} req @param {Res} res */
	async function handler(req, res) {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		if (path.startsWith('/__sandbox/'))
			return hooks.handle(req, res, path.slice('/__sandbox/'.length));
		if (path.startsWith('/interaction/')) return interactions(req, res, path);
		return callback(req, res);
	}

	return { provider, handler, store };
}

/**
 * The default interaction policy (login, then consent), except that a `prompt=consent` the
 * sandbox added itself (see ADDED_PROMPT_PARAM) does not force the consent page.
 */
function createPolicy() {
	const { base, Check } = interactionPolicy;
	const policy = base();
	const consent = policy.get('consent');
	consent.checks.remove('consent_prompt');
	consent.checks.unshift(
		new Check(
			'consent_prompt',
			'consent prompt was not resolved',
			'consent_required',
			(/** @type {any} */ ctx) =>
				ctx.oidc.prompts.has('consent') &&
				ctx.oidc.promptPending('consent') &&
				ctx.oidc.params[ADDED_PROMPT_PARAM] === undefined
		)
	);
	return policy;
}

/**
 * Adds `prompt=consent` to authorization requests asking for `offline_access` (see
 * ADDED_PROMPT_PARAM). Requests with `prompt=none` are left alone. Koa middleware.
 * @param {any} ctx
 * @param {() => Promise<void>} next
 */
async function offlineAccessMiddleware(ctx, next) {
	if (ctx.path === AUTHORIZATION_PATH && ctx.method === 'GET') {
		const query = new URLSearchParams(ctx.querystring);
		const hadMarker = query.has(ADDED_PROMPT_PARAM);
		query.delete(ADDED_PROMPT_PARAM);
		const scopes = (query.get('scope') ?? '').split(' ');
		const prompts = (query.get('prompt') ?? '').split(' ').filter(Boolean);
		if (
			scopes.includes('offline_access') &&
			!prompts.includes('none') &&
			!prompts.includes('consent')
		) {
			query.set('prompt', [...prompts, 'consent'].join(' '));
			query.set(ADDED_PROMPT_PARAM, '1');
			ctx.querystring = query.toString();
		} else if (hadMarker) {
			ctx.querystring = query.toString();
		}
	}
	return next();
}

/**
 * The resource owner password credentials grant (RFC 6749 §4.3), which oidc-provider does not
 * ship. It issues the same artifacts as the built-in grants: a Grant holding the scopes, an
 * AccessToken, and a RefreshToken when offline_access is granted — so the built-in
 * refresh_token grant (with rotation), introspection and revocation work on them unchanged.
 * @param {any} provider
 */
function registerPasswordGrant(provider) {
	const known = new Set(SCOPES);

	/** @param {any} ctx */
	async function passwordGrant(ctx) {
		const { client, params } = ctx.oidc;
		if (!params.username || !params.password)
			throw new errors.InvalidRequest('missing required parameter(s) (username, password)');
		const account = checkCredentials(params.username, params.password);
		if (!account) throw new errors.InvalidGrant('invalid resource owner credentials');

		const requested = params.scope ? [...new Set(String(params.scope).split(' '))] : [];
		const unknown = requested.filter((scope) => !known.has(scope));
		if (unknown.length)
			throw new errors.InvalidScope('requested scope is not allowed', unknown.join(' '));
		if (client.scope) {
			const allowed = new Set(client.scope.split(' '));
			const denied = requested.filter((scope) => !allowed.has(scope));
			if (denied.length)
				throw new errors.InvalidScope('requested scope is not allowed', denied.join(' '));
		}
		const scope = requested.join(' ');

		const grant = new provider.Grant({ accountId: account.id, clientId: client.clientId });
		if (scope) grant.addOIDCScope(scope);
		const grantId = await grant.save();
		ctx.oidc.entity('Grant', grant);

		const at = new provider.AccessToken({
			accountId: account.id,
			client,
			grantId,
			gty: 'password',
			scope: scope || undefined
		});
		ctx.oidc.entity('AccessToken', at);
		const accessToken = await at.save();

		let refreshToken;
		if (client.grantTypeAllowed('refresh_token') && requested.includes('offline_access')) {
			const rt = new provider.RefreshToken({
				accountId: account.id,
				client,
				grantId,
				gty: 'password',
				rotations: 0,
				scope
			});
			ctx.oidc.entity('RefreshToken', rt);
			refreshToken = await rt.save();
		}

		ctx.body = {
			access_token: accessToken,
			token_type: at.tokenType,
			expires_in: at.expiration,
			...(refreshToken ? { refresh_token: refreshToken } : {}),
			...(scope ? { scope } : {})
		};
	}

	provider.registerGrantType('password', passwordGrant, ['username', 'password', 'scope']);
}

/**
 * The login and consent pages (`/interaction/:uid`, `/login`, `/confirm`, `/abort`).
 * @param {{ provider: any, appOrigins: readonly string[] }} options
 */
function createInteractions({ provider, appOrigins }) {
	const headers = {
		'Content-Type': 'text/html; charset=utf-8',
		'Cache-Control': 'no-store',
		'Content-Security-Policy': pageCsp(appOrigins),
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer'
	};
	/** @param {Res} res @param {number} status @param {string} html */
	const send = (res, status, html) => {
		res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(html) });
		res.end(html);
	};
	const expired = () =>
		errorPage(
			'Sign-in request expired',
			'This sign-in request is unknown or has expired. Start again from the application.'
		);

	/** @param {Req} req @param {Res} res @param {string} path */
	return async function interactions(req, res, path) {
		const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/.exec(path);
		if (!match) return send(res, 404, errorPage('Not found', 'There is no such page.'));
		const uid = match[1] ?? '';
		const action = match[2];

		/** @type {any} */
		let details;
		try {
			details = await provider.interactionDetails(req, res);
		} catch {
			return send(res, 400, expired());
		}
		if (details.uid !== uid) return send(res, 400, expired());

		const { prompt, params, session } = details;
		const clientId = String(params.client_id ?? '');

		if (!action) {
			if (req.method !== 'GET' && req.method !== 'HEAD')
				return send(res, 405, errorPage('Method not allowed', 'Use the form on this page.'));
			if (prompt.name === 'login') return send(res, 200, loginPage({ uid, clientId }));
			if (prompt.name === 'consent') {
				const accountId = session?.accountId;
				const account = Object.hasOwn(ACCOUNTS, accountId) ? ACCOUNTS[accountId] : undefined;
				return send(
					res,
					200,
					consentPage({
						uid,
						clientId,
						accountName: account ? `${account.name} (${account.id})` : String(accountId),
						scopes: params.scope ? String(params.scope).split(' ') : []
					})
				);
			}
			return send(res, 400, errorPage('Unsupported request', `Unknown prompt "${prompt.name}".`));
		}

		if (req.method !== 'POST')
			return send(res, 405, errorPage('Method not allowed', 'Use the form on the previous page.'));

		if (action === 'login') {
			if (prompt.name !== 'login') return send(res, 400, expired());
			const form = await readForm(req);
			const username = form.get('username') ?? '';
			const account = checkCredentials(username, form.get('password'));
			if (!account) return send(res, 200, loginPage({ uid, clientId, username, failed: true }));
			return provider.interactionFinished(
				req,
				res,
				{ login: { accountId: account.id } },
				{ mergeWithLastSubmission: false }
			);
		}

		if (action === 'abort') {
			return provider.interactionFinished(
				req,
				res,
				{ error: 'access_denied', error_description: 'The user denied the request.' },
				{ mergeWithLastSubmission: false }
			);
		}

		// confirm
		if (prompt.name !== 'consent') return send(res, 400, expired());
		const missing = prompt.details ?? {};
		const grant = details.grantId
			? await provider.Grant.find(details.grantId)
			: new provider.Grant({ accountId: session.accountId, clientId });
		if (!grant) return send(res, 400, expired());
		if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
		if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
		if (missing.missingResourceScopes)
			for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes))
				grant.addResourceScope(indicator, /** @type {string[]} */ (scopes).join(' '));
		const grantId = await grant.save();
		return provider.interactionFinished(
			req,
			res,
			{ consent: { grantId } },
			{ mergeWithLastSubmission: true }
		);
	};
}

/**
 * Test hooks: statistics of the token endpoint, injected failures, delays, revoking an account.
 * @param {{ store: ReturnType<typeof createStore>, appOrigins: readonly string[], issuer: string }} options
 */
function createHooks({ store, appOrigins, issuer }) {
	let stats = newStats();
	let inFlight = 0;
	/** @type {{ count: number, mode: FailMode }} */
	let failNext = { count: 0, mode: '500' };
	let delayMs = 0;

	/** @param {Record<string, number>} map @param {string} key */
	const bump = (map, key) => {
		map[key] = (map[key] ?? 0) + 1;
	};

	/** Adds CORS headers to an injected failure, as the real endpoint would. @param {any} ctx */
	function corsFor(ctx) {
		ctx.vary('Origin');
		const origin = ctx.get('Origin');
		if (origin && appOrigins.includes(origin)) {
			ctx.set('Access-Control-Allow-Origin', origin);
			ctx.set('Access-Control-Expose-Headers', 'WWW-Authenticate, Retry-After');
		}
	}

	/** @param {any} ctx @param {FailMode} mode */
	function injectFailure(ctx, mode) {
		corsFor(ctx);
		ctx.set('Cache-Control', 'no-store');
		switch (mode) {
			case 'html':
				ctx.status = 200;
				ctx.type = 'text/html; charset=utf-8';
				ctx.body =
					'<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1><p>Injected by the sandbox: an HTML page instead of a token response.</p></body></html>';
				break;
			case 'invalid-json':
				ctx.status = 200;
				ctx.type = 'application/json; charset=utf-8';
				ctx.body = '{"access_token": "truncated';
				break;
			case '503-retry-after':
				ctx.status = 503;
				ctx.set('Retry-After', '2');
				ctx.body = {
					error: 'temporarily_unavailable',
					error_description: 'Injected by the sandbox: service unavailable'
				};
				break;
			case '429':
				ctx.status = 429;
				ctx.set('Retry-After', '1');
				ctx.body = {
					error: 'rate_limited',
					error_description: 'Injected by the sandbox: too many requests'
				};
				break;
			default:
				ctx.status = 500;
				ctx.body = {
					error: 'server_error',
					error_description: 'Injected by the sandbox: internal error'
				};
		}
	}

	/** Koa middleware in front of oidc-provider's router. @param {any} ctx @param {() => Promise<void>} next */
	async function tokenMiddleware(ctx, next) {
		if (ctx.path !== TOKEN_PATH || ctx.method !== 'POST') return next();
		inFlight += 1;
		stats.maxConcurrentTokenRequests = Math.max(stats.maxConcurrentTokenRequests, inFlight);
		try {
			if (delayMs > 0) await sleep(delayMs);
			if (failNext.count > 0) {
				failNext.count -= 1;
				const grantType =
					new URLSearchParams(await readBody(ctx.req)).get('grant_type') ?? 'unknown';
				stats.tokenRequestsTotal += 1;
				bump(stats.tokenRequests, grantType);
				stats.injectedFailures += 1;
				injectFailure(ctx, failNext.mode);
				return;
			}
			await next();
			/** @type {any} */
			let oidcCtx;
			try {
				oidcCtx = ctx.oidc;
			} catch {
				oidcCtx = undefined;
			}
			const grantType = String(oidcCtx?.params?.grant_type ?? 'unknown');
			stats.tokenRequestsTotal += 1;
			bump(stats.tokenRequests, grantType);
			if (ctx.status === 200) {
				bump(stats.tokenSuccesses, grantType);
				if (grantType === 'refresh_token') {
					const rt = oidcCtx?.entities?.RefreshToken;
					stats.refreshes.total += 1;
					if (rt?.grantId) bump(stats.refreshes.byGrant, rt.grantId);
					if (rt?.accountId) bump(stats.refreshes.byAccount, rt.accountId);
					bump(stats.refreshes.byClient, oidcCtx?.client?.clientId ?? 'unknown');
				}
			} else if (ctx.body && typeof ctx.body === 'object' && ctx.body.error === 'invalid_grant') {
				stats.invalidGrant += 1;
			}
		} finally {
			inFlight -= 1;
		}
	}

	/** @param {Req} req @param {Res} res @param {string} name */
	async function handle(req, res, name) {
		applyCors(req, res, appOrigins, { methods: 'GET, POST, OPTIONS', headers: 'Content-Type' });
		if (req.method === 'OPTIONS') {
			res.writeHead(204, { 'Content-Length': '0' });
			res.end();
			return;
		}
		// A page of another origin must not drive the hooks (e.g. a form POST): browsers send Origin.
		const origin = req.headers.origin;
		if (origin && !appOrigins.includes(origin) && origin !== issuer)
			return sendJson(res, 403, { error: 'origin not allowed' });
		const route = `${req.method} ${name}`;
		try {
			switch (route) {
				case 'GET stats':
					return sendJson(res, 200, {
						...stats,
						inFlightTokenRequests: inFlight,
						failNext: { ...failNext },
						tokenDelayMs: delayMs
					});
				case 'POST reset':
					stats = newStats();
					failNext = { count: 0, mode: '500' };
					delayMs = 0;
					return sendJson(res, 200, { ok: true });
				case 'POST fail-next': {
					const body = await readJson(req);
					const count = Number(body.count ?? 1);
					const mode = String(body.mode ?? '500');
					if (!Number.isInteger(count) || count < 0 || count > 10000)
						return sendJson(res, 400, { error: 'count must be an integer from 0 to 10000' });
					if (!(/** @type {readonly string[]} */ (FAIL_MODES).includes(mode)))
						return sendJson(res, 400, { error: `mode must be one of ${FAIL_MODES.join(', ')}` });
					failNext = { count, mode: /** @type {FailMode} */ (mode) };
					return sendJson(res, 200, { ok: true, failNext });
				}
				case 'POST token-delay': {
					const body = await readJson(req);
					const ms = Number(body.ms ?? 0);
					if (!Number.isFinite(ms) || ms < 0 || ms > 60000)
						return sendJson(res, 400, { error: 'ms must be a number from 0 to 60000' });
					delayMs = ms;
					return sendJson(res, 200, { ok: true, tokenDelayMs: delayMs });
				}
				case 'POST revoke-all': {
					const body = await readJson(req);
					const account = String(body.account ?? '');
					if (!account) return sendJson(res, 400, { error: 'account is required' });
					const grants = store.grantsOf(account);
					for (const grantId of grants) store.revokeGrant(grantId);
					return sendJson(res, 200, { ok: true, account, revokedGrants: grants.length });
				}
				default:
					return sendJson(res, 404, {
						error: 'not_found',
						hooks: [
							'GET stats',
							'POST reset',
							'POST fail-next',
							'POST token-delay',
							'POST revoke-all'
						]
					});
			}
		} catch (error) {
			const status = /** @type {{ status?: number }} */ (error).status ?? 500;
			return sendJson(res, status, { error: /** @type {Error} */ (error).message });
		}
	}

	return { tokenMiddleware, handle };
}
