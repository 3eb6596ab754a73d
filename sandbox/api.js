/**
 * The sandbox's protected API: one endpoint per authentication kind, an echo endpoint for the
 * request console, CORS for the app origins only.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';
import { ACCOUNTS, API_CREDENTIALS } from './config.js';
import { checkCredentials } from './authorization-server.js';
import { applyCors, readBody, sendJson } from './http.js';

/** @typedef {import('./http.js').Req} Req */
/** @typedef {import('./http.js').Res} Res */
/**
 * Who a request authenticated as.
 * @typedef {{ kind: 'oauth', token: any, system: boolean }
 *   | { kind: 'basic' | 'api-key' | 'pat', accountId: string }
 *   | { kind: 'custom', tenant: string }} Principal
 * @typedef {{ principal?: Principal, status?: number, error?: string, challenge?: string }} AuthResult
 */

const ALLOW_HEADERS =
	'Authorization, Content-Type, DPoP, X-Access-Token, X-Api-Key, X-Sandbox-Tenant';
const EXPOSE_HEADERS =
	'*, WWW-Authenticate, DPoP-Nonce, Content-Type, Content-Length, Cache-Control, Date, Retry-After, X-Sandbox-Auth';

/** DPoP proofs (RFC 9449): the algorithms accepted, and how far `iat` may be from now (s). */
const DPOP_ALGS = ['ES256', 'EdDSA', 'Ed25519'];
const DPOP_IAT_WINDOW = 60;

/** @param {string | undefined} a @param {string} b */
function safeEqual(a, b) {
	if (typeof a !== 'string') return false;
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** @param {string | string[] | undefined} value */
const single = (value) => (Array.isArray(value) ? value[0] : value);

/** @param {Req} req */
function authorization(req) {
	const header = single(req.headers.authorization) ?? '';
	const space = header.indexOf(' ');
	if (space < 0) return { scheme: header.toLowerCase(), value: '' };
	return { scheme: header.slice(0, space).toLowerCase(), value: header.slice(space + 1).trim() };
}

/** The OAuth user behind an account id. @param {string} accountId */
function accountInfo(accountId) {
	const account = Object.hasOwn(ACCOUNTS, accountId) ? ACCOUNTS[accountId] : undefined;
	return account
		? { sub: account.id, name: account.name, email: account.email }
		: { sub: accountId, name: accountId, email: null };
}

/**
 * @param {{ provider: any, appOrigins: readonly string[] }} options
 */
export function createApi({ provider, appOrigins }) {
	/** jti of DPoP proofs seen, until they are too old to be accepted anyway. */
	const seenProofs = new Map();

	/**
	 * Checks the DPoP proof of a request that presents a DPoP-bound token (RFC 9449 §4.3, §7.1):
	 * exactly one `DPoP` header, a `dpop+jwt` signed by the JWK in its header, `htm` and `htu`
	 * naming this request, a fresh `iat`, a `jti` not seen before, `ath` = the token's SHA-256,
	 * and the key's thumbprint = the token's `cnf.jkt`. Returns what failed, or null.
	 * @param {Req} req @param {URL} url @param {string} value @param {string} jkt
	 * @returns {Promise<string | null>}
	 */
	async function dpopProblem(req, url, value, jkt) {
		const header = req.headers.dpop;
		if (typeof header !== 'string' || !header) return 'DPoP proof missing';
		let verified;
		try {
			verified = await jwtVerify(header, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGS });
		} catch {
			return 'DPoP proof signature or format invalid';
		}
		const { payload, protectedHeader } = verified;
		if (payload.htm !== req.method) return 'DPoP proof htm mismatch';
		const htu = typeof payload.htu === 'string' ? URL.parse(payload.htu) : null;
		if (htu) htu.search = htu.hash = '';
		const target = `http://${req.headers.host ?? 'localhost'}${url.pathname}`;
		if (!htu || htu.href !== new URL(target).href) return 'DPoP proof htu mismatch';
		const now = Math.floor(Date.now() / 1000);
		if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > DPOP_IAT_WINDOW)
			return 'DPoP proof iat not recent';
		if (typeof payload.jti !== 'string' || !payload.jti) return 'DPoP proof jti missing';
		for (const [jti, until] of seenProofs) if (until < now) seenProofs.delete(jti);
		if (seenProofs.has(payload.jti)) return 'DPoP proof replayed';
		const ath = createHash('sha256').update(value).digest('base64url');
		if (payload.ath !== ath) return 'DPoP proof ath mismatch';
		if (!protectedHeader.jwk || (await calculateJwkThumbprint(protectedHeader.jwk)) !== jkt)
			return 'DPoP proof key does not match the token';
		seenProofs.set(payload.jti, now + DPOP_IAT_WINDOW);
		return null;
	}

	/**
	 * An access token by its Authorization scheme: `Bearer` for bearer tokens, `DPoP` with a
	 * valid proof for DPoP-bound ones. A DPoP-bound token presented as Bearer, or without its
	 * proof, is refused (RFC 9449 §7.2).
	 * @param {Req} req @param {URL} url @param {string} scheme @param {string} value
	 * @returns {Promise<AuthResult>}
	 */
	async function accessToken(req, url, scheme, value) {
		const result = await bearer(value, scheme === 'dpop' ? 'DPoP' : 'Bearer');
		if (!result.principal || result.principal.kind !== 'oauth') return result;
		const jkt = result.principal.token.jkt;
		const refuse = (/** @type {string} */ description) => ({
			status: 401,
			error: 'invalid_token',
			challenge: `DPoP algs="${DPOP_ALGS.join(' ')}", error="invalid_token", error_description="${description}"`
		});
		if (!jkt) return scheme === 'bearer' ? result : refuse('The access token is not DPoP-bound');
		if (scheme !== 'dpop') return refuse('The access token is DPoP-bound: use the DPoP scheme');
		const problem = await dpopProblem(req, url, value, jkt);
		return problem ? refuse(problem) : result;
	}

	/**
	 * Validates an access token issued by the provider (user token or client credentials).
	 * @param {string} value
	 * @param {'Bearer' | 'DPoP'} [scheme]
	 * @returns {Promise<AuthResult>}
	 */
	async function bearer(value, scheme = 'Bearer') {
		const invalid = {
			status: 401,
			error: 'invalid_token',
			challenge: `${scheme} realm="sandbox", error="invalid_token", error_description="The access token is invalid, expired or revoked"`
		};
		if (!value) return invalid;
		let token = await provider.AccessToken.find(value);
		let system = false;
		if (!token) {
			token = await provider.ClientCredentials.find(value);
			system = Boolean(token);
		}
		// oidc-provider allows a clock tolerance on expiry; the API is strict.
		if (!token || token.isExpired) return invalid;
		if (!system && token.grantId && !(await provider.Grant.find(token.grantId))) return invalid;
		return { principal: { kind: 'oauth', token, system } };
	}

	/** @param {Req} req @param {URL} url @returns {Promise<AuthResult>} */
	async function oauth(req, url) {
		const { scheme, value } = authorization(req);
		if (scheme !== 'bearer' && scheme !== 'dpop')
			return { status: 401, error: 'invalid_request', challenge: 'Bearer realm="sandbox"' };
		return accessToken(req, url, scheme, value);
	}

	/** @param {Req} req @returns {AuthResult} */
	function basic(req) {
		const { scheme, value } = authorization(req);
		const fail = {
			status: 401,
			error: 'invalid_credentials',
			challenge: 'Basic realm="sandbox", charset="UTF-8"'
		};
		if (scheme !== 'basic' || !value) return fail;
		const decoded = Buffer.from(value, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon < 0) return fail;
		const account = checkCredentials(decoded.slice(0, colon), decoded.slice(colon + 1));
		return account ? { principal: { kind: 'basic', accountId: account.id } } : fail;
	}

	/** @param {Req} req @returns {AuthResult} */
	function apiKey(req) {
		const key = single(req.headers['x-access-token']) ?? single(req.headers['x-api-key']);
		if (safeEqual(key, API_CREDENTIALS.apiKey))
			return { principal: { kind: 'api-key', accountId: 'alice' } };
		return { status: 401, error: 'invalid_api_key', challenge: 'ApiKey realm="sandbox"' };
	}

	/** @param {Req} req @returns {AuthResult} */
	function pat(req) {
		const { scheme, value } = authorization(req);
		if ((scheme === 'bearer' || scheme === 'token') && safeEqual(value, API_CREDENTIALS.pat))
			return { principal: { kind: 'pat', accountId: 'alice' } };
		return {
			status: 401,
			error: 'invalid_token',
			challenge: 'Bearer realm="sandbox", error="invalid_token"'
		};
	}

	/** @param {Req} req @param {URL} url @returns {AuthResult} */
	function custom(req, url) {
		const tenant = single(req.headers['x-sandbox-tenant']);
		const token = url.searchParams.get('api_token') ?? undefined;
		if (
			safeEqual(tenant, API_CREDENTIALS.customTenant) &&
			safeEqual(token, API_CREDENTIALS.customToken)
		)
			return { principal: { kind: 'custom', tenant: API_CREDENTIALS.customTenant } };
		return { status: 401, error: 'invalid_credentials', challenge: 'Custom realm="sandbox"' };
	}

	/** Any of the kinds above (for /api/echo). @param {Req} req @param {URL} url @returns {Promise<AuthResult>} */
	async function any(req, url) {
		const { scheme, value } = authorization(req);
		if (scheme === 'basic') return basic(req);
		if (scheme === 'token' || (scheme === 'bearer' && value === API_CREDENTIALS.pat))
			return pat(req);
		if (scheme === 'bearer' || scheme === 'dpop') return accessToken(req, url, scheme, value);
		if (req.headers['x-access-token'] || req.headers['x-api-key']) return apiKey(req);
		if (req.headers['x-sandbox-tenant'] || url.searchParams.has('api_token'))
			return custom(req, url);
		return {
			status: 401,
			error: 'unauthorized',
			challenge: 'Bearer realm="sandbox"'
		};
	}

	/** @param {Res} res @param {AuthResult} result */
	function deny(res, result) {
		return sendJson(
			res,
			result.status ?? 401,
			{ error: result.error ?? 'unauthorized' },
			result.challenge ? { 'WWW-Authenticate': result.challenge } : {}
		);
	}

	/** @param {Principal} principal */
	function describe(principal) {
		switch (principal.kind) {
			case 'oauth': {
				const { token, system } = principal;
				if (system)
					return {
						sub: null,
						name: 'System',
						email: null,
						client_id: token.clientId,
						scope: token.scope ?? '',
						account: 'System'
					};
				return {
					...accountInfo(token.accountId),
					scope: token.scope ?? '',
					client_id: token.clientId
				};
			}
			case 'custom':
				return { tenant: principal.tenant, name: 'Acme tenant', email: null };
			default: {
				const { name, email } = accountInfo(principal.accountId);
				return { name, email };
			}
		}
	}

	/** @param {Req} req @param {Res} res */
	return async function handler(req, res) {
		applyCors(req, res, appOrigins, {
			methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
			headers: ALLOW_HEADERS,
			expose: EXPOSE_HEADERS
		});
		if (req.method === 'OPTIONS') {
			res.writeHead(204, { 'Content-Length': '0' });
			res.end();
			return;
		}

		const url = new URL(req.url ?? '/', 'http://localhost');
		const path = url.pathname;
		const get = req.method === 'GET' || req.method === 'HEAD';
		/** @param {AuthResult} result @param {(p: Principal) => unknown} body */
		const answer = (result, body) => {
			if (!result.principal) return deny(res, result);
			return sendJson(res, 200, body(result.principal), {
				'X-Sandbox-Auth': result.principal.kind
			});
		};

		if (path === '/api/echo') {
			const result = await any(req, url);
			const body = await readBody(req);
			if (!result.principal) return deny(res, result);
			/** @type {Record<string, string | string[]>} */
			const query = {};
			for (const key of new Set(url.searchParams.keys())) {
				const values = url.searchParams.getAll(key);
				query[key] = values.length === 1 ? (values[0] ?? '') : values;
			}
			let json;
			try {
				json = body ? JSON.parse(body) : undefined;
			} catch {
				json = undefined;
			}
			return sendJson(
				res,
				200,
				{
					method: req.method,
					path,
					query,
					headers: req.headers,
					body,
					...(json !== undefined ? { json } : {}),
					auth: result.principal.kind,
					principal: describe(result.principal)
				},
				{ 'X-Sandbox-Auth': result.principal.kind }
			);
		}

		const routes = /** @type {Record<string, () => Promise<unknown> | unknown>} */ ({
			'/api/public/ping': () =>
				sendJson(res, 200, {
					ok: true,
					service: 'switchboard-sandbox',
					time: new Date().toISOString()
				}),
			'/api/me': async () => answer(await oauth(req, url), describe),
			'/api/scoped/write': async () => {
				const result = await oauth(req, url);
				if (!result.principal) return deny(res, result);
				const token = /** @type {{ token: any }} */ (result.principal).token;
				const scopes = String(token.scope ?? '').split(' ');
				if (!scopes.includes('api:write'))
					return deny(res, {
						status: 403,
						error: 'insufficient_scope',
						challenge: 'Bearer realm="sandbox", error="insufficient_scope", scope="api:write"'
					});
				return sendJson(res, 200, { ok: true, written: true, scope: token.scope });
			},
			'/api/basic/me': () => answer(basic(req), describe),
			'/api/key/me': () => answer(apiKey(req), describe),
			'/api/pat/me': () => answer(pat(req), describe),
			'/api/custom/me': () => answer(custom(req, url), describe)
		});

		const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
		if (!route) return sendJson(res, 404, { error: 'not_found' });
		if (!get)
			return sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: 'GET, HEAD, OPTIONS' });
		await route();
	};
}
