/**
 * The OAuth layer against the real sandbox provider (oidc-provider, in-process on free ports):
 * every grant with the sandbox connector files, the login and consent pages driven over HTTP,
 * and every failure mapped to its AppError code. Plus pure tests of resolveOAuth.
 * Node's fetch has no CORS, so a CORS refusal itself cannot be shown here; a closed server gives
 * the same TypeError a browser gives for one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { buildRequest } from '../../src/lib/auth';
import {
	validateConnector,
	type AuthConfig,
	type AuthType,
	type Connector
} from '../../src/lib/catalog';
import { AppError, classify } from '../../src/lib/errors';
import { setOnline } from '../../src/lib/platform';
import { Browser, signIn as signInAs } from './browser';
import {
	DiscoveryCache,
	OAuthError,
	clientCredentials,
	completeAuthorization,
	parseRetryAfter,
	passwordGrant,
	refresh,
	resolveOAuth,
	revoke,
	startAuthorization,
	toOAuthError,
	toTokenSet,
	type PendingAuthorization,
	type TokenSet,
	type ResolveOptions,
	type ResolvedOAuth
} from '../../src/lib/oauth';

const APP_ORIGIN = 'http://localhost:5173';
const REDIRECT_URI = `${APP_ORIGIN}/callback`;
const OTHER_REDIRECT_URI = 'http://localhost:4173/callback';
const TTL = 20;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');

/** A connector file; sandbox ones are pointed at the test sandbox's ports. */
function load(id: string, target: Sandbox | null): Connector {
	let text = readFileSync(join(dir, `${id}.json`), 'utf8');
	if (target)
		text = text
			.replaceAll('http://localhost:9400', target.issuer)
			.replaceAll('http://localhost:9401', target.apiUrl);
	return validateConnector(JSON.parse(text));
}

interface Setup {
	connector: Connector;
	auth: AuthConfig;
	values: Record<string, string>;
}

function setup(
	id: string,
	typed: Record<string, string> = {},
	options: { type?: AuthType; target?: Sandbox } = {}
): Setup {
	const connector = load(id, 'target' in options ? (options.target ?? null) : sandbox);
	const auth = options.type
		? connector.authTypes.find((a) => a.type === options.type)!
		: connector.authTypes[0]!;
	const values: Record<string, string> = {};
	for (const p of [...connector.properties, ...auth.properties])
		if (p.default !== undefined) values[p.name] = p.default;
	return { connector, auth, values: { ...values, ...typed } };
}

function resolve(s: Setup, redirectUri = REDIRECT_URI, options?: ResolveOptions) {
	return resolveOAuth(s.connector, s.auth, s.values, redirectUri, options);
}

async function hook(name: string, body: unknown = {}, target = sandbox) {
	const res = await fetch(`${target.issuer}/__sandbox/${name}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(res.status).toBe(200);
}

/** Rejection of a promise (or throw of a function) as an AppError. */
async function failure(run: Promise<unknown> | (() => unknown)): Promise<AppError> {
	try {
		await (typeof run === 'function' ? run() : run);
	} catch (error) {
		expect(error).toBeInstanceOf(AppError);
		return error as AppError;
	}
	throw new Error('expected a failure');
}

/** What the popup does: sign in as alice, answer the consent page, land on the redirect URI. */
function signIn(
	url: URL,
	consent: 'Allow' | 'Deny' = 'Allow',
	browser = new Browser([REDIRECT_URI, OTHER_REDIRECT_URI])
): Promise<URL> {
	return signInAs(url, browser, { consent });
}

async function codeFlow(s: Setup) {
	const resolved = await resolve(s);
	const { url, pending } = await startAuthorization(resolved);
	const callback = await signIn(url);
	const result = await completeAuthorization(resolved, pending, callback);
	return { resolved, pending, callback, ...result };
}

async function apiStatus(s: Setup, tokens: TokenSet, path = '/api/me') {
	const request = buildRequest({ ...s, tokens }, { path });
	const res = await fetch(request.url, { headers: request.headers });
	return res.status;
}

/** The callback URL a provider would send, with the real state and issuer. */
function callbackWith(
	resolved: ResolvedOAuth,
	pending: PendingAuthorization,
	params: Record<string, string>
) {
	const url = new URL(pending.redirectUri);
	url.search = new URLSearchParams({
		state: pending.state,
		iss: resolved.as.issuer,
		...params
	}).toString();
	return url;
}

beforeAll(async () => {
	sandbox = await startSandbox({
		issuerPort: 0,
		apiPort: 0,
		accessTokenTtl: TTL,
		appOrigins: ['http://localhost:4173', APP_ORIGIN],
		quiet: true
	});
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(async () => {
	await hook('reset');
});

afterEach(() => {
	vi.unstubAllGlobals();
	setOnline(true);
});

describe('authorization code flow against the sandbox', () => {
	it('confidential client (Basic) with PKCE S256, OIDC discovery, id_token and nonce', async () => {
		const s = setup('sandbox-oauth-code');
		const resolved = await resolve(s);
		expect(resolved.oidc).toBe(true);
		expect(resolved.insecure).toBe(true);
		expect(resolved.as.issuer).toBe(sandbox.issuer);
		expect(resolved.as.authorization_response_iss_parameter_supported).toBe(true);

		const { url, pending } = await startAuthorization(resolved);
		const p = url.searchParams;
		expect(url.origin + url.pathname).toBe(`${sandbox.issuer}/auth`);
		expect(p.get('client_id')).toBe('sandbox-confidential');
		expect(p.get('redirect_uri')).toBe(REDIRECT_URI);
		expect(p.get('response_type')).toBe('code');
		expect(p.get('scope')).toBe('openid profile email offline_access api:read');
		expect(p.get('state')).toBe(pending.state);
		expect(p.get('code_challenge_method')).toBe('S256');
		expect(p.get('code_challenge')).not.toBe(pending.codeVerifier);
		expect(p.get('nonce')).toBe(pending.nonce);
		expect(pending.state).toMatch(/^[\w-]{43}$/);
		expect(pending.codeVerifier).toMatch(/^[\w-]{43}$/);
		expect(pending.redirectUri).toBe(REDIRECT_URI);

		const before = Date.now();
		const callback = await signIn(url);
		const { tokens, idTokenClaims } = await completeAuthorization(resolved, pending, callback);
		expect(tokens.tokenType).toBe('bearer');
		expect(tokens.lifetime).toBe(TTL);
		expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + TTL * 1000);
		expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + TTL * 1000);
		expect(tokens.refreshToken).toBeTruthy();
		expect(tokens.idToken).toBeTruthy();
		expect(tokens.scope?.split(' ').sort()).toEqual([
			'api:read',
			'email',
			'offline_access',
			'openid',
			'profile'
		]);
		expect(idTokenClaims).toMatchObject({
			sub: 'alice',
			nonce: pending.nonce,
			aud: 'sandbox-confidential'
		});
		expect(await apiStatus(s, tokens)).toBe(200);
	});

	it('confidential client with client_secret_post', async () => {
		const s = setup('sandbox-oauth-code-post');
		const { tokens, idTokenClaims } = await codeFlow(s);
		expect(idTokenClaims?.sub).toBe('alice');
		expect(await apiStatus(s, tokens)).toBe(200);
	});

	it('public client with PKCE', async () => {
		const s = setup('sandbox-oauth-pkce');
		const { tokens, resolved } = await codeFlow(s);
		expect(resolved.client).toEqual({ client_id: 'sandbox-pkce' });
		expect(tokens.refreshToken).toBeTruthy();
		expect(await apiStatus(s, tokens)).toBe(200);
	});

	it('bring your own app: user-entered client, scopes merged with the mandatory ones', async () => {
		const s = setup('sandbox-byoa', {
			client_id: 'sandbox-byoa',
			client_secret: 'sandbox-byoa-secret',
			scope: 'api:write, email'
		});
		const resolved = await resolve(s);
		expect(resolved.scopes).toEqual(['api:write', 'email', 'openid', 'api:read']);
		const { url, pending } = await startAuthorization(resolved);
		const { tokens } = await completeAuthorization(resolved, pending, await signIn(url));
		expect(tokens.scope?.split(' ').sort()).toEqual(['api:read', 'api:write', 'email', 'openid']);
		expect(tokens.refreshToken).toBeUndefined();
		expect(await apiStatus(s, tokens, '/api/scoped/write')).toBe(200);
	});

	it('denied consent → oauth.access-denied', async () => {
		const resolved = await resolve(setup('sandbox-oauth-pkce'));
		const { url, pending } = await startAuthorization(resolved);
		const callback = await signIn(url, 'Deny');
		const error = await failure(completeAuthorization(resolved, pending, callback));
		expect(error.code).toBe('oauth.access-denied');
		expect(error.detail).toBe('access_denied');
	});

	it('tampered state, foreign iss → oauth.state-mismatch; the code is never exchanged', async () => {
		const resolved = await resolve(setup('sandbox-oauth-pkce'));
		const { url, pending } = await startAuthorization(resolved);
		const callback = await signIn(url);
		const tampered = new URL(callback);
		tampered.searchParams.set('state', 'x'.repeat(43));
		expect(await failure(completeAuthorization(resolved, pending, tampered))).toMatchObject({
			code: 'oauth.state-mismatch',
			detail: 'state'
		});
		const noState = new URL(callback);
		noState.searchParams.delete('state');
		expect((await failure(completeAuthorization(resolved, pending, noState))).code).toBe(
			'oauth.state-mismatch'
		);
		const mixUp = new URL(callback);
		mixUp.searchParams.set('iss', 'http://localhost:1');
		expect(await failure(completeAuthorization(resolved, pending, mixUp))).toMatchObject({
			code: 'oauth.state-mismatch',
			detail: 'iss'
		});
		// The discovery document announces RFC 9207, so a missing iss is refused too.
		const noIss = new URL(callback);
		noIss.searchParams.delete('iss');
		expect(await failure(completeAuthorization(resolved, pending, noIss))).toMatchObject({
			detail: 'iss'
		});
		// A forged error answer with a wrong state is a state mismatch, not the provider's error.
		const forged = callbackWith(resolved, pending, { error: 'access_denied', state: 'nope' });
		expect((await failure(completeAuthorization(resolved, pending, forged))).code).toBe(
			'oauth.state-mismatch'
		);
		// The real code still works: nothing above reached the token endpoint.
		expect(
			(await completeAuthorization(resolved, pending, callback)).tokens.accessToken
		).toBeTruthy();
	});

	it('missing code, provider errors (only the code as detail)', async () => {
		const resolved = await resolve(setup('sandbox-oauth-pkce'));
		const { pending } = await startAuthorization(resolved);
		const complete = (params: Record<string, string>) =>
			failure(completeAuthorization(resolved, pending, callbackWith(resolved, pending, params)));
		expect((await complete({})).code).toBe('oauth.missing-code');
		expect(await complete({ error: 'temporarily_unavailable' })).toMatchObject({
			code: 'oauth.server-error'
		});
		expect(await complete({ error: 'invalid_scope' })).toMatchObject({
			code: 'oauth.insufficient-scope'
		});
		expect(await complete({ error: 'redirect_uri_mismatch' })).toMatchObject({
			code: 'oauth.redirect-mismatch'
		});
		const other = await complete({
			error: 'interaction_required',
			error_description: 'secret-ish <b>input</b>'
		});
		expect(other).toMatchObject({ code: 'oauth.provider-error', detail: 'interaction_required' });
		expect(other.message).not.toContain('input');
		const weird = await complete({ error: 'bad code with spaces <script>' });
		expect(weird).toMatchObject({ code: 'oauth.provider-error', detail: 'unknown' });
	});

	it('a wrong nonce → oauth.id-token-invalid', async () => {
		const resolved = await resolve(setup('sandbox-oauth-pkce'));
		const { url, pending } = await startAuthorization(resolved);
		const callback = await signIn(url);
		const error = await failure(
			completeAuthorization(resolved, { ...pending, nonce: 'other' }, callback)
		);
		expect(error.code).toBe('oauth.id-token-invalid');
	});

	it('a wrong client secret → oauth.invalid-client, without the secret anywhere', async () => {
		const s = setup('sandbox-oauth-code', { client_secret: 'wrong-secret-value' });
		const resolved = await resolve(s);
		const { url, pending } = await startAuthorization(resolved);
		const error = await failure(completeAuthorization(resolved, pending, await signIn(url)));
		expect(error.code).toBe('oauth.invalid-client');
		expect(JSON.stringify(error.toJSON())).not.toContain('wrong-secret-value');
		expect(error.message).not.toContain('wrong-secret-value');
		// The same with client_secret_post.
		const post = setup('sandbox-oauth-code-post', { client_secret: 'nope' });
		const r2 = await resolve(post);
		const start = await startAuthorization(r2);
		expect(
			(await failure(completeAuthorization(r2, start.pending, await signIn(start.url)))).code
		).toBe('oauth.invalid-client');
	});

	it('an unregistered redirect URI: the provider shows an error page and never redirects', async () => {
		// oidc-provider (like most providers) will not redirect to an unregistered URI: the popup
		// stays on its error page. The app sees the popup closed without a callback
		// ('oauth.popup-closed'); the connection screen shows the redirect URI to register.
		const resolved = await resolve(setup('sandbox-oauth-pkce'), 'http://localhost:5999/callback');
		const { url } = await startAuthorization(resolved);
		const res = await new Browser([REDIRECT_URI, OTHER_REDIRECT_URI]).request(url.href);
		expect(res.status).toBe(400);
		expect(res.headers.get('Location')).toBeNull();
		expect(await res.text()).toContain('invalid_redirect_uri');
	});

	it('a redirect URI that differs between authorization and token request', async () => {
		// oidc-provider answers a plain invalid_grant ("grant request is invalid") and keeps the
		// reason to itself, so against the sandbox this is indistinguishable from a used code.
		const resolved = await resolve(setup('sandbox-oauth-pkce'));
		const { url, pending } = await startAuthorization(resolved);
		const callback = await signIn(url);
		const error = await failure(
			completeAuthorization(resolved, { ...pending, redirectUri: OTHER_REDIRECT_URI }, callback)
		);
		expect(error.code).toBe('oauth.invalid-grant');

		// Providers that name the redirect URI in the description (Keycloak, Auth0…) get the
		// specific code; the description itself is only matched, never kept.
		const keycloak = await resolve(setup('sandbox-oauth-pkce'), REDIRECT_URI, {
			discover: false,
			fetch: async () =>
				Response.json(
					{ error: 'invalid_grant', error_description: 'Incorrect redirect_uri' },
					{ status: 400 }
				)
		});
		const { pending: p2 } = await startAuthorization(keycloak);
		const mismatch = await failure(
			completeAuthorization(keycloak, p2, callbackWith(keycloak, p2, { code: 'c' }))
		);
		expect(mismatch).toMatchObject({ code: 'oauth.redirect-mismatch', detail: 'invalid_grant' });
		expect(mismatch.message).not.toContain('Incorrect');
	});
});

describe('refresh, other grants, revocation', () => {
	it('refresh rotates; the old refresh token is then rejected → oauth.invalid-grant', async () => {
		const s = setup('sandbox-oauth-pkce');
		const { tokens, resolved } = await codeFlow(s);
		const next = await refresh(resolved, tokens.refreshToken!);
		expect(next.refreshToken).toBeTruthy();
		expect(next.refreshToken).not.toBe(tokens.refreshToken);
		expect(next.accessToken).not.toBe(tokens.accessToken);
		expect(next.lifetime).toBe(TTL);
		expect(await apiStatus(s, next)).toBe(200);
		const error = await failure(refresh(resolved, tokens.refreshToken!));
		expect(error.code).toBe('oauth.invalid-grant');
		expect(classify(error)).toBe('reconnect');
		expect(error.message).not.toContain(tokens.refreshToken!);
	});

	it('a refresh answer without a refresh token keeps the old one', () => {
		const set = toTokenSet(
			{ access_token: 'a', token_type: 'bearer' },
			{ previousRefreshToken: 'old', now: 1000 }
		);
		expect(set).toEqual({
			accessToken: 'a',
			tokenType: 'bearer',
			refreshToken: 'old',
			expiresAt: null,
			lifetime: null
		});
		expect(
			toTokenSet(
				{ access_token: 'a', token_type: 'bearer', expires_in: 60, refresh_token: 'new' },
				{ previousRefreshToken: 'old', now: 1000 }
			)
		).toMatchObject({
			refreshToken: 'new',
			expiresAt: 61_000,
			lifetime: 60
		});
	});

	it('client credentials: a System token without refresh token', async () => {
		const s = setup('sandbox-client-credentials');
		const resolved = await resolve(s);
		expect(resolved.oidc).toBe(false);
		expect(resolved.as.issuer).toBe(sandbox.issuer);
		const tokens = await clientCredentials(resolved);
		expect(tokens.refreshToken).toBeUndefined();
		expect(tokens.scope).toBe('api:read');
		expect(tokens.lifetime).toBe(TTL);
		const request = buildRequest({ ...s, tokens }, { path: '/api/me' });
		expect(await (await fetch(request.url, { headers: request.headers })).json()).toMatchObject({
			name: 'System'
		});
	});

	it('password grant: tokens for the right password, invalid-grant otherwise', async () => {
		const s = setup('sandbox-password');
		const resolved = await resolve(s);
		const tokens = await passwordGrant(resolved, 'alice', 'alice-password');
		expect(tokens.refreshToken).toBeTruthy();
		expect(await apiStatus(s, tokens)).toBe(200);
		const refreshed = await refresh(resolved, tokens.refreshToken!);
		expect(await apiStatus(s, refreshed)).toBe(200);
		const error = await failure(passwordGrant(resolved, 'alice', 'not-the-password'));
		expect(error.code).toBe('oauth.invalid-grant');
		expect(error.message).not.toContain('not-the-password');
	});

	it('revoke the access token (API refuses it) and the refresh token (refresh fails)', async () => {
		const s = setup('sandbox-oauth-code');
		const { tokens, resolved } = await codeFlow(s);
		await revoke(resolved, tokens.accessToken, 'access_token');
		expect(await apiStatus(s, tokens)).toBe(401);
		await revoke(resolved, tokens.refreshToken!, 'refresh_token');
		expect((await failure(refresh(resolved, tokens.refreshToken!))).code).toBe(
			'oauth.invalid-grant'
		);
	});

	it('revoke without a revocation endpoint → oauth.revoke-failed', async () => {
		const s = setup(
			'zoho-desk',
			{ client_id: 'id', client_secret: 's' },
			{ type: 'oauth2-authorization-code', target: undefined }
		);
		const auth = structuredClone(s.auth);
		delete auth.oauth!.revokeUrl;
		const resolved = await resolveOAuth(
			s.connector,
			auth,
			s.values,
			'https://app.example/callback'
		);
		expect((await failure(revoke(resolved, 't'))).code).toBe('oauth.revoke-failed');
	});
});

describe('token endpoint failures (sandbox fail-next)', () => {
	it.each([
		['500', 'oauth.server-error', '500', undefined],
		['503-retry-after', 'oauth.server-error', '503', 2],
		['html', 'oauth.bad-response', '200', undefined],
		['invalid-json', 'oauth.bad-response', undefined, undefined],
		['429', 'oauth.rate-limited', '429', 1]
	])('%s → %s', async (mode, code, detail, retryAfter) => {
		const resolved = await resolve(setup('sandbox-client-credentials'));
		await hook('fail-next', { count: 1, mode });
		const error = await failure(clientCredentials(resolved));
		expect(error.code).toBe(code);
		if (detail) expect(error.detail).toBe(detail);
		expect(error).toBeInstanceOf(OAuthError);
		expect((error as OAuthError).retryAfter).toBe(retryAfter);
		expect(classify(error)).toBe('transient');
		// Only that request failed.
		expect((await clientCredentials(resolved)).accessToken).toBeTruthy();
	});

	it('the same failures during a refresh', async () => {
		const resolved = await resolve(setup('sandbox-password'));
		const tokens = await passwordGrant(resolved, 'alice', 'alice-password');
		await hook('fail-next', { count: 1, mode: 'html' });
		expect((await failure(refresh(resolved, tokens.refreshToken!))).code).toBe(
			'oauth.bad-response'
		);
		// The failed attempt did not reach oidc-provider: the refresh token is still good.
		expect((await refresh(resolved, tokens.refreshToken!)).accessToken).toBeTruthy();
	});
});

describe('network failures', () => {
	it('a closed provider → oauth.cors online, network.offline offline', async () => {
		const other = await startSandbox({
			issuerPort: 0,
			apiPort: 0,
			accessTokenTtl: TTL,
			quiet: true
		});
		const s = setup('sandbox-client-credentials', {}, { target: other });
		const resolved = await resolve(s);
		expect((await clientCredentials(resolved)).accessToken).toBeTruthy();
		await other.close();

		const online = await failure(clientCredentials(resolved));
		expect(online.code).toBe('oauth.cors');
		expect(classify(online)).toBe('transient');

		// The worker follows navigator.onLine at load and the page's reports after that.
		setOnline(false);
		const offline = await failure(clientCredentials(resolved));
		expect(offline.code).toBe('network.offline');
		expect(classify(offline)).toBe('transient');
		setOnline(true);

		// Discovery of a closed issuer fails the same way.
		expect((await failure(resolve(setup('sandbox-oauth-pkce', {}, { target: other })))).code).toBe(
			'oauth.cors'
		);
	});

	it('a request that runs out of time → network.timeout', async () => {
		const resolved = await resolve(setup('sandbox-client-credentials'), REDIRECT_URI, {
			fetch: async () => {
				throw new DOMException('The operation timed out.', 'TimeoutError');
			}
		});
		const error = await failure(clientCredentials(resolved));
		expect(error.code).toBe('network.timeout');
		expect(classify(error)).toBe('transient');
	});

	it('an injected fetch is used, and its TypeError is a network failure', async () => {
		const seen: string[] = [];
		const s = setup('sandbox-client-credentials');
		const resolved = await resolve(s, REDIRECT_URI, {
			fetch: async (url) => {
				seen.push(url);
				throw new TypeError('Failed to fetch');
			}
		});
		expect((await failure(clientCredentials(resolved))).code).toBe('oauth.cors');
		expect(seen).toEqual([`${sandbox.issuer}/token`]);
	});
});

describe('discovery cache', () => {
	/** A fetch that counts discovery requests and can be switched off like a dead network. */
	function countingFetch() {
		const state = { down: false, discoveries: 0 };
		const fetchFn = async (url: string, init: RequestInit) => {
			if (url.includes('/.well-known/')) state.discoveries++;
			if (state.down) throw new TypeError('Failed to fetch');
			return fetch(url, init);
		};
		return { state, fetch: fetchFn };
	}

	it('without a cache every resolve discovers; with one, an issuer is discovered once', async () => {
		const s = setup('sandbox-oauth-code');
		const counted = countingFetch();
		await resolve(s, REDIRECT_URI, { fetch: counted.fetch });
		await resolve(s, REDIRECT_URI, { fetch: counted.fetch });
		expect(counted.state.discoveries).toBe(2);

		const discovery = new DiscoveryCache();
		const first = await resolve(s, REDIRECT_URI, { fetch: counted.fetch, discovery });
		const second = await resolve(s, REDIRECT_URI, { fetch: counted.fetch, discovery });
		expect(counted.state.discoveries).toBe(3);
		expect(second.as).toEqual(first.as);
		// Another cache (another session) discovers again.
		await resolve(s, REDIRECT_URI, { fetch: counted.fetch, discovery: new DiscoveryCache() });
		expect(counted.state.discoveries).toBe(4);
	});

	it('a failed discovery is not cached: the next resolve tries again', async () => {
		const s = setup('sandbox-oauth-pkce');
		const counted = countingFetch();
		const discovery = new DiscoveryCache();
		counted.state.down = true;
		expect(
			(await failure(resolve(s, REDIRECT_URI, { fetch: counted.fetch, discovery }))).code
		).toBe('oauth.cors');
		counted.state.down = false;
		const resolved = await resolve(s, REDIRECT_URI, { fetch: counted.fetch, discovery });
		expect(resolved.as.issuer).toBe(sandbox.issuer);
		expect(counted.state.discoveries).toBe(2);
	});
});

describe('resolveOAuth (no network)', () => {
	const salesforce = (type: AuthType, typed: Record<string, string> = {}) =>
		setup(
			'salesforce',
			{ my_domain: 'acme.my.salesforce.com', client_id: 'cid', client_secret: 'cs', ...typed },
			{ type, target: undefined }
		);

	it('fills URL templates; https only; not insecure', async () => {
		const r = await resolve(
			salesforce('oauth2-authorization-code'),
			'https://app.example/callback'
		);
		expect(r.as.authorization_endpoint).toBe(
			'https://acme.my.salesforce.com/services/oauth2/authorize'
		);
		expect(r.as.token_endpoint).toBe('https://acme.my.salesforce.com/services/oauth2/token');
		expect(r.refreshAs.token_endpoint).toBe(r.as.token_endpoint);
		expect(r.as.revocation_endpoint).toBe('https://acme.my.salesforce.com/services/oauth2/revoke');
		expect(r.insecure).toBe(false);
		expect(r.oidc).toBe(false);
		// Without a configured issuer the authorization endpoint's origin is the expected `iss`.
		expect(r.as.issuer).toBe('https://acme.my.salesforce.com');
		const bad = await failure(
			resolve(salesforce('oauth2-authorization-code', { my_domain: 'evil.example/x?' }))
		);
		expect(bad.code).toBe('input.invalid');
	});

	it('insecure only when every endpoint is http://localhost', async () => {
		const sandboxFile = setup('sandbox-oauth-code', {}, { target: undefined });
		const r = await resolve(sandboxFile, REDIRECT_URI, { discover: false });
		expect(r.insecure).toBe(true);
		expect(r.as.issuer).toBe('http://localhost:9400');

		const mixed = structuredClone(sandboxFile.auth);
		mixed.oauth!.tokenUrl = 'https://example.com/token';
		const error = await failure(
			resolveOAuth(sandboxFile.connector, mixed, sandboxFile.values, REDIRECT_URI, {
				discover: false
			})
		);
		expect(error).toMatchObject({ code: 'input.invalid', detail: 'URL must use https' });

		const plain = structuredClone(sandboxFile.auth);
		plain.oauth!.tokenUrl = 'http://example.com/token';
		plain.oauth!.authorizationUrl = 'http://example.com/auth';
		delete plain.oauth!.issuer;
		delete plain.oauth!.revokeUrl;
		expect(
			(await failure(resolveOAuth(sandboxFile.connector, plain, sandboxFile.values, REDIRECT_URI)))
				.code
		).toBe('input.invalid');
		const loopbackIp = structuredClone(plain);
		loopbackIp.oauth!.tokenUrl = 'http://127.0.0.1:9400/token';
		loopbackIp.oauth!.authorizationUrl = 'http://127.0.0.1:9400/auth';
		expect(
			(
				await failure(
					resolveOAuth(sandboxFile.connector, loopbackIp, sandboxFile.values, REDIRECT_URI)
				)
			).code
		).toBe('input.invalid');
	});

	it('scopes: typed (spaces or commas) or defaults, mandatory always, templates filled', async () => {
		const gh = (scope: string) =>
			resolve(
				setup(
					'github',
					{ client_id: 'c', client_secret: 's', scope },
					{ type: 'oauth2-byoa', target: undefined }
				),
				'https://app.example/cb'
			);
		expect((await gh('repo,gist')).scopes).toEqual(['repo', 'gist', 'read:user']);
		expect((await gh('  read:user   repo ')).scopes).toEqual(['read:user', 'repo']);
		expect((await gh('')).scopes).toEqual(['read:user', 'user:email', 'repo']);
		expect((await failure(gh('repo "x"'))).code).toBe('input.invalid');

		const s = salesforce('oauth2-pkce');
		const auth = structuredClone(s.auth);
		auth.oauth!.scopes = { default: ['https://{my_domain}/api.read'], mandatory: ['api'] };
		const r = await resolveOAuth(s.connector, auth, s.values, 'https://app.example/cb');
		expect(r.scopes).toEqual(['https://acme.my.salesforce.com/api.read', 'api']);
		// A PKCE connector is a public client.
		expect(r.client).toEqual({ client_id: 'cid' });
	});

	it('client credentials are required where the config needs them', async () => {
		expect(
			await failure(
				resolve(
					salesforce('oauth2-authorization-code', { client_secret: '' }),
					'https://app.example/cb'
				)
			)
		).toMatchObject({
			code: 'input.invalid',
			detail: 'client_secret'
		});
		expect(
			await failure(
				resolve(
					salesforce('oauth2-authorization-code', { client_id: ' ' }),
					'https://app.example/cb'
				)
			)
		).toMatchObject({
			detail: 'client_id'
		});
		for (const uri of ['http://app.example/cb', 'not a url', 'https://app.example/cb#x'])
			expect((await failure(resolve(salesforce('oauth2-pkce'), uri))).code).toBe('input.invalid');
	});

	it('the authorization URL: separator, extra params, PKCE plain / none, no override of the flow params', async () => {
		const zoho = setup(
			'zoho-desk',
			{ client_id: 'cid', client_secret: 's', dc: 'eu' },
			{ type: 'oauth2-authorization-code', target: undefined }
		);
		const r = await resolve(zoho, 'https://app.example/cb');
		expect(r.as.issuer).toBe('https://accounts.zoho.eu');
		const { url, pending } = await startAuthorization(r, {
			extraParams: { prompt: 'consent', state: 'fixed', redirect_uri: 'https://evil.example' }
		});
		expect(url.origin + url.pathname).toBe('https://accounts.zoho.eu/oauth/v2/auth');
		expect(url.searchParams.get('scope')).toBe(
			'Desk.basic.READ,Desk.tickets.READ,Desk.contacts.READ'
		);
		expect(url.searchParams.get('access_type')).toBe('offline');
		expect(url.searchParams.get('prompt')).toBe('consent');
		expect(url.searchParams.get('state')).toBe(pending.state);
		expect(url.searchParams.get('redirect_uri')).toBe('https://app.example/cb');
		expect(url.searchParams.has('nonce')).toBe(false);
		expect(pending.nonce).toBeUndefined();

		const plain = await startAuthorization(r, { pkce: 'plain' });
		expect(plain.url.searchParams.get('code_challenge')).toBe(plain.pending.codeVerifier);
		expect(plain.url.searchParams.get('code_challenge_method')).toBe('plain');
		const none = await startAuthorization(r, { pkce: 'none' });
		expect(none.url.searchParams.has('code_challenge')).toBe(false);
		expect(none.pending.codeVerifier).toBeUndefined();

		const states = new Set(
			await Promise.all([1, 2, 3].map(async () => (await startAuthorization(r)).pending.state))
		);
		expect(states.size).toBe(3);
	});

	it('without a configured issuer an iss that does not match the authorization origin is refused', async () => {
		const zoho = setup(
			'zoho-desk',
			{ client_id: 'cid', client_secret: 's' },
			{ type: 'oauth2-authorization-code', target: undefined }
		);
		const r = await resolve(zoho, 'https://app.example/cb');
		const { pending } = await startAuthorization(r);
		const cb = (params: Record<string, string>) => {
			const url = new URL(pending.redirectUri);
			url.search = new URLSearchParams({ state: pending.state, ...params }).toString();
			return url;
		};
		expect(
			await failure(
				completeAuthorization(r, pending, cb({ iss: 'https://evil.example', code: 'c' }))
			)
		).toMatchObject({
			code: 'oauth.state-mismatch',
			detail: 'iss'
		});
		// A matching iss, or none at all, passes on to the code check.
		expect(
			(await failure(completeAuthorization(r, pending, cb({ iss: 'https://accounts.zoho.com' }))))
				.code
		).toBe('oauth.missing-code');
		expect((await failure(completeAuthorization(r, pending, cb({})))).code).toBe(
			'oauth.missing-code'
		);
	});

	it('a non-OAuth auth config is refused', async () => {
		const s = setup('sandbox-basic', {}, { target: undefined });
		expect((await failure(resolve(s))).code).toBe('input.invalid');
	});
});

describe('error mapping helpers', () => {
	it('Retry-After as seconds or HTTP date', () => {
		expect(parseRetryAfter('120')).toBe(120);
		expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(null)).toBeUndefined();
	});

	it("oauth4webapi's own TypeErrors are not network failures", () => {
		const coded = Object.assign(new TypeError('"as" must be an object'), {
			code: 'ERR_INVALID_ARG_TYPE'
		});
		expect(toOAuthError(coded).code).toBe('internal');
		expect(toOAuthError(new TypeError('Failed to fetch')).code).toBe('oauth.cors');
		expect(toOAuthError(new DOMException('t', 'TimeoutError')).code).toBe('network.timeout');
		expect(toOAuthError(new DOMException('a', 'AbortError')).code).toBe('network.timeout');
	});

	it('classify: transient failures are retried, the others are not', () => {
		for (const code of [
			'oauth.server-error',
			'oauth.rate-limited',
			'network.offline',
			'network.timeout',
			'oauth.bad-response',
			// indistinguishable from a dropped network in a browser: retried, with a cap
			'oauth.cors'
		] as const)
			expect(classify(new AppError(code))).toBe('transient');
		for (const code of [
			'oauth.invalid-grant',
			'oauth.invalid-client',
			'oauth.access-denied'
		] as const)
			expect(classify(new AppError(code))).toBe('reconnect');
	});
});
