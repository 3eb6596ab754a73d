/**
 * What every vendor replica is built from: the exchange a handler gets, the sign-in and consent
 * page, codes and tokens, client authentication, CORS, id_tokens, and the event log tests read.
 * Behaviour that differs between vendors stays in the vendor's module, with its source.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as jose from 'jose';
import { escapeHtml, readBody, sendJson } from '../http.js';

/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */

/**
 * @typedef {{
 *   id: string,
 *   name: string,
 *   hosts: string[],
 *   sources: string[],
 *   handle: (x: Exchange) => Promise<boolean | void>
 * }} Vendor
 */

/** The app origins whose `/callback` the replicas' test clients register as redirect URI. */
export const APP_ORIGINS = (process.env.REPLICA_APP_ORIGINS ?? 'http://localhost:4174')
	.split(',')
	.map((origin) => origin.trim())
	.filter(Boolean);
export const REDIRECT_URIS = APP_ORIGINS.map((origin) => `${origin}/callback`);

/** @typedef {{ at: number, vendor: string, kind: string } & Record<string, unknown>} ReplicaEvent */
/** @type {ReplicaEvent[]} */
export const events = [];

export const random = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** One request to a replica: the parsed URL, the body read once, and the response helpers. */
export class Exchange {
	/** @type {Promise<string> | undefined} */
	#body;

	/** @param {Req} req @param {Res} res @param {Vendor} vendor */
	constructor(req, res, vendor) {
		this.req = req;
		this.res = res;
		this.vendor = vendor;
		this.url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'invalid'}`);
		this.host = this.url.hostname;
		this.method = req.method ?? 'GET';
		this.path = this.url.pathname;
	}

	/** @param {string} method @param {string | RegExp} path */
	is(method, path) {
		return (
			this.method === method &&
			(typeof path === 'string' ? this.path === path : path.test(this.path))
		);
	}

	body() {
		this.#body ??= readBody(this.req);
		return this.#body;
	}

	/** Form or JSON body as parameters (what a token endpoint reads). */
	async params() {
		const text = await this.body();
		const type = String(this.req.headers['content-type'] ?? '');
		if (type.includes('application/json')) {
			try {
				const value = JSON.parse(text || '{}');
				return new URLSearchParams(Object.entries(value ?? {}).map(([k, v]) => [k, String(v)]));
			} catch {
				return new URLSearchParams();
			}
		}
		return new URLSearchParams(text);
	}

	/** @param {string} name */
	header(name) {
		const value = this.req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	/** The bearer token of the request, or undefined. */
	bearer() {
		const match = /^Bearer\s+(\S+)$/i.exec(this.header('authorization') ?? '');
		return match?.[1];
	}

	/** @param {string} kind @param {Record<string, unknown>} [data] */
	log(kind, data = {}) {
		events.push({ at: Date.now(), vendor: this.vendor.id, kind, host: this.host, ...data });
	}

	/** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
	json(status, body, headers = {}) {
		sendJson(this.res, status, body, headers);
		return true;
	}

	/** @param {number} status @param {Record<string, string>} body @param {Record<string, string>} [headers] */
	form(status, body, headers = {}) {
		const text = new URLSearchParams(body).toString();
		this.res.writeHead(status, {
			'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
			'Cache-Control': 'no-store',
			...headers
		});
		this.res.end(text);
		return true;
	}

	/** @param {string} location */
	redirect(location) {
		this.res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
		this.res.end();
		return true;
	}

	/** @param {number} status @param {string} html */
	html(status, html) {
		this.res.writeHead(status, {
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'no-store',
			// The consent form's answer redirects to the app: form-action covers that redirect.
			'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${APP_ORIGINS.join(' ')}`
		});
		this.res.end(html);
		return true;
	}

	/** @param {number} [status] */
	empty(status = 204) {
		this.res.writeHead(status, { 'Cache-Control': 'no-store' });
		this.res.end();
		return true;
	}
}

/**
 * CORS as a vendor sends it. `none`: no header at all (a browser refuses the answer, and a
 * preflight fails). `any`: `Access-Control-Allow-Origin: *`. `reflect`: the request's origin
 * echoed (with `Vary: Origin`). Answers the preflight itself and returns true when it did.
 * @param {Exchange} x
 * @param {'none' | 'any' | 'reflect'} mode
 * @param {{ methods?: string, headers?: string, expose?: string, maxAge?: number }} [options]
 */
export function cors(x, mode, options = {}) {
	const preflight = x.method === 'OPTIONS' && x.header('access-control-request-method');
	if (mode !== 'none') {
		const origin = x.header('origin');
		if (mode === 'any') x.res.setHeader('Access-Control-Allow-Origin', '*');
		else if (origin) {
			x.res.setHeader('Access-Control-Allow-Origin', origin);
			x.res.setHeader('Vary', 'Origin');
		}
		if (options.expose) x.res.setHeader('Access-Control-Expose-Headers', options.expose);
		if (preflight) {
			x.res.setHeader('Access-Control-Allow-Methods', options.methods ?? 'GET, POST, OPTIONS');
			x.res.setHeader(
				'Access-Control-Allow-Headers',
				options.headers ?? x.header('access-control-request-headers') ?? ''
			);
			x.res.setHeader('Access-Control-Max-Age', String(options.maxAge ?? 600));
		}
	}
	if (!preflight) return false;
	x.log('preflight', { path: x.path, cors: mode });
	return x.empty(mode === 'none' ? 405 : 204);
}

/**
 * The client authentication a token request carried.
 * @param {Exchange} x
 * @param {URLSearchParams} params
 * @returns {{ id?: string, secret?: string, method: 'basic' | 'body' | 'none' }}
 */
export function clientOf(x, params) {
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	if (basic?.[1]) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const at = decoded.indexOf(':');
		return {
			id: decodeURIComponent(decoded.slice(0, at)),
			secret: decodeURIComponent(decoded.slice(at + 1)),
			method: 'basic'
		};
	}
	const id = params.get('client_id') ?? undefined;
	const secret = params.get('client_secret') ?? undefined;
	return { id, secret, method: secret ? 'body' : 'none' };
}

/** RFC 7636: does the verifier match the challenge the authorization request carried? */
export function pkceMatches(
	/** @type {string | undefined} */ challenge,
	/** @type {string | undefined} */ method,
	/** @type {string | undefined} */ verifier
) {
	if (!challenge) return true;
	if (!verifier) return false;
	if (method === 'plain') return challenge === verifier;
	return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/**
 * @typedef {{
 *   clientId: string,
 *   user: string,
 *   scope: string,
 *   redirectUri?: string,
 *   codeChallenge?: string,
 *   codeChallengeMethod?: string,
 *   nonce?: string,
 *   extra?: Record<string, string>,
 *   offline?: boolean
 * }} Grant
 */

/**
 * Codes and tokens of one vendor. Tokens are opaque random strings (vendors' formats differ and
 * a client must not read them); each belongs to a grant, so revoking one ends its grant.
 */
/**
 * A lifetime every replica gives new access tokens while it is set (the control server's
 * `POST /access-ttl?seconds=`), so a test can watch background refresh without waiting an hour.
 * Not a vendor behaviour: a test knob, cleared by `POST /reset`.
 * @type {{ seconds: number | null }}
 */
export const accessTtlOverride = { seconds: null };

export class Grants {
	/** @type {Map<string, { grant: Grant, expires: number }>} */
	#codes = new Map();
	/** @type {Map<string, { grant: Grant, expires: number, kind: 'access' | 'refresh', grantId: string }>} */
	#tokens = new Map();
	/** @type {Set<string>} */
	#revokedGrants = new Set();

	/** @param {{ prefix?: string, accessTtl?: number }} [options] */
	constructor(options = {}) {
		this.prefix = options.prefix ?? '';
		this.accessTtl = options.accessTtl ?? 3600;
	}

	/** @param {Grant} grant */
	code(grant) {
		const code = `${this.prefix}${random()}`;
		this.#codes.set(code, { grant, expires: Date.now() + 10 * 60_000 });
		return code;
	}

	/** A code is redeemed once: it is gone afterwards. @param {string | null | undefined} code */
	takeCode(code) {
		const entry = code ? this.#codes.get(code) : undefined;
		if (code) this.#codes.delete(code);
		return entry && entry.expires > Date.now() ? entry.grant : undefined;
	}

	/**
	 * Tokens for a grant (a new grant id unless it continues one, e.g. a refresh).
	 * @param {Grant} grant
	 * @param {{ refresh?: boolean, grantId?: string, accessTtl?: number, refreshPrefix?: string }} [options]
	 */
	issue(grant, options = {}) {
		const grantId = options.grantId ?? random(12);
		const ttl = accessTtlOverride.seconds ?? options.accessTtl ?? this.accessTtl;
		const accessToken = `${this.prefix}${random()}`;
		this.#tokens.set(accessToken, {
			grant,
			expires: Date.now() + ttl * 1000,
			kind: 'access',
			grantId
		});
		let refreshToken;
		if (options.refresh) {
			refreshToken = `${options.refreshPrefix ?? this.prefix}${random()}`;
			this.#tokens.set(refreshToken, {
				grant,
				expires: Date.now() + 90 * 24 * 3600_000,
				kind: 'refresh',
				grantId
			});
		}
		return { accessToken, refreshToken, expiresIn: ttl, grantId };
	}

	/** The grant of a valid access token. @param {string | undefined} token */
	access(token) {
		const entry = token ? this.#tokens.get(token) : undefined;
		if (!entry || entry.kind !== 'access' || entry.expires <= Date.now()) return undefined;
		return this.#revokedGrants.has(entry.grantId) ? undefined : entry.grant;
	}

	/**
	 * The grant of a valid refresh token. With `rotate`, the token is used up.
	 * @param {string | null | undefined} token
	 * @param {{ rotate?: boolean }} [options]
	 */
	useRefresh(token, options = {}) {
		const entry = token ? this.#tokens.get(token) : undefined;
		if (!entry || entry.kind !== 'refresh' || entry.expires <= Date.now()) return undefined;
		if (this.#revokedGrants.has(entry.grantId)) return undefined;
		if (options.rotate && token) this.#tokens.delete(token);
		return { grant: entry.grant, grantId: entry.grantId };
	}

	/** Revokes the grant a token belongs to; false for an unknown token. @param {string | null | undefined} token */
	revoke(token) {
		const entry = token ? this.#tokens.get(token) : undefined;
		if (!entry) return false;
		this.#revokedGrants.add(entry.grantId);
		return true;
	}
}

/** Sign-in requests waiting for the user on the replica's page, by ticket. */
const tickets = new Map();

/**
 * Shows the vendor's sign-in and consent page for an authorization request the vendor's module
 * has already validated. The user's decision arrives at `POST /__replica/consent` on the same
 * host (see `consent`).
 * @param {Exchange} x
 * @param {{
 *   title: string,
 *   scopes: string[],
 *   defaultEmail: string,
 *   choices?: { name: string, label: string, options: { value: string, label: string }[] },
 *   onAccept: (answer: { email: string, choice?: string }) => Record<string, string>,
 *   redirectUri: string,
 *   state?: string | null,
 *   responseMode?: 'query' | 'fragment'
 * }} request
 */
export function signInPage(x, request) {
	const ticket = random();
	tickets.set(ticket, { ...request, vendor: x.vendor.id, expires: Date.now() + 10 * 60_000 });
	const scopeItems = request.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
	const choice = request.choices
		? `<label>${escapeHtml(request.choices.label)}
			<select name="choice">${request.choices.options
				.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`)
				.join('')}</select></label>`
		: '';
	return x.html(
		200,
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(request.title)}</title>
<style>body{font:16px system-ui;max-width:34rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:1rem 0}input,select{display:block;font:inherit;padding:.4rem;width:100%}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}</style>
</head><body><main><h1>${escapeHtml(request.title)}</h1>
<p>A local replica for tests; it reproduces what the vendor's server does, not its look.</p>
<form method="post" action="/__replica/consent"><input type="hidden" name="ticket" value="${ticket}">
<label>Email<input name="email" type="email" value="${escapeHtml(request.defaultEmail)}" required></label>
${choice}<p>The app asks for:</p><ul>${scopeItems || '<li>(no scopes)</li>'}</ul>
<button name="decision" value="accept">Accept</button><button name="decision" value="cancel">Cancel</button>
</form></main></body></html>`
	);
}

/**
 * The user's answer on the sign-in page: back to the app with a code (from `onAccept`) or with
 * `error=access_denied`, and the state.
 * @param {Exchange} x
 */
export async function consent(x) {
	const form = await x.params();
	const ticket = form.get('ticket') ?? '';
	const request = tickets.get(ticket);
	tickets.delete(ticket);
	if (!request || request.vendor !== x.vendor.id || request.expires < Date.now())
		return x.html(
			400,
			'<!doctype html><title>Expired</title><p>This sign-in expired. Start again.</p>'
		);
	/** @type {Record<string, string>} */
	const answer =
		form.get('decision') === 'accept'
			? request.onAccept({
					email: form.get('email') ?? request.defaultEmail,
					choice: form.get('choice') ?? undefined
				})
			: { error: 'access_denied', error_description: 'The user cancelled the sign-in.' };
	const target = new URL(request.redirectUri);
	const params = new URLSearchParams(answer);
	if (request.state != null) params.set('state', request.state);
	if (request.responseMode === 'fragment') target.hash = params.toString();
	else for (const [k, v] of params) target.searchParams.set(k, v);
	x.log('consent', { decision: form.get('decision') });
	return x.redirect(target.href);
}

/** A signing key per vendor for id_tokens, and its JWKS. */
export class IdTokens {
	/** @type {Promise<{ key: CryptoKey, jwk: jose.JWK }> | undefined} */
	#key;

	/** @param {'RS256' | 'ES256'} [alg] */
	constructor(alg = 'RS256') {
		this.alg = alg;
		this.kid = random(8);
	}

	#keys() {
		this.#key ??= (async () => {
			const { privateKey, publicKey } = await jose.generateKeyPair(this.alg, { extractable: true });
			const jwk = {
				...(await jose.exportJWK(publicKey)),
				kid: this.kid,
				alg: this.alg,
				use: 'sig'
			};
			return { key: /** @type {CryptoKey} */ (privateKey), jwk };
		})();
		return this.#key;
	}

	async jwks() {
		return { keys: [(await this.#keys()).jwk] };
	}

	/** @param {Record<string, unknown>} claims @param {number} [ttl] */
	async sign(claims, ttl = 3600) {
		const { key } = await this.#keys();
		return new jose.SignJWT(claims)
			.setProtectedHeader({ alg: this.alg, kid: this.kid, typ: 'JWT' })
			.setIssuedAt()
			.setExpirationTime(`${ttl}s`)
			.sign(key);
	}
}

/** Splits a scope string on spaces, commas or pluses (vendors differ). @param {string | null | undefined} scope */
export function scopesOf(scope) {
	return (scope ?? '').split(/[\s,+]+/).filter(Boolean);
}

/**
 * Back to the app's redirect URI with an answer (a code, or an error) and the request's `state`,
 * as an authorization endpoint that has validated the client and redirect URI does.
 * @param {Exchange} x the authorization request
 * @param {string} redirectUri
 * @param {Record<string, string>} params
 */
export function backToApp(x, redirectUri, params) {
	const url = new URL(redirectUri);
	for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	const state = x.url.searchParams.get('state');
	if (state !== null) url.searchParams.set('state', state);
	return x.redirect(url.href);
}
