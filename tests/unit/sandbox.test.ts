/**
 * The sandbox provider, driven end to end over HTTP: the real login and consent pages, the token
 * endpoint through oauth4webapi, the protected API, the test hooks, CORS, and the sandbox
 * connector files against the discovery document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { parseHostFacts, reachOf, validateConnector } from '../../src/lib/catalog';
import shippedHosts from '../../src/lib/catalog/hosts.json';
import sandboxHosts from '../../src/lib/catalog/hosts-sandbox.json';

/** The facts as the sandbox build has them (load.ts). */
const hosts = { ...shippedHosts, ...sandboxHosts };
import { Browser } from './browser';

const APP_ORIGIN = 'http://localhost:5173';
const OTHER_ORIGIN = 'http://evil.example';
const REDIRECT_URI = `${APP_ORIGIN}/callback`;
const insecure = { [oauth.allowInsecureRequests]: true } as const;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
	sandbox = await startSandbox({
		issuerPort: 0,
		apiPort: 0,
		accessTokenTtl: 20,
		appOrigins: ['http://localhost:4173', APP_ORIGIN],
		quiet: true
	});
	const issuer = new URL(sandbox.issuer);
	as = await oauth.processDiscoveryResponse(
		issuer,
		await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' })
	);
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(async () => {
	await hook('reset');
});

/** The answer of `GET /__sandbox/stats`. */
interface Stats {
	tokenRequests: Record<string, number>;
	tokenRequestsTotal: number;
	tokenSuccesses: Record<string, number>;
	refreshes: {
		total: number;
		byGrant: Record<string, number>;
		byAccount: Record<string, number>;
		byClient: Record<string, number>;
	};
	invalidGrant: number;
	injectedFailures: number;
	maxConcurrentTokenRequests: number;
	inFlightTokenRequests: number;
	failNext: { count: number; mode: string };
	tokenDelayMs: number;
}

async function hook(name: string, body: unknown = {}): Promise<Record<string, unknown>> {
	const res = await fetch(`${sandbox.issuer}/__sandbox/${name}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(res.status).toBe(200);
	return res.json();
}

async function stats(): Promise<Stats> {
	const res = await fetch(`${sandbox.issuer}/__sandbox/stats`);
	expect(res.status).toBe(200);
	return res.json();
}

const api = (path: string, init?: RequestInit) => fetch(`${sandbox.apiUrl}${path}`, init);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface FlowOptions {
	clientId: string;
	scope?: string;
	username?: string;
	password?: string;
	consent?: 'Allow' | 'Deny';
	pkce?: boolean;
	browser?: Browser;
}

/** Runs the authorization request through the login and consent pages; returns the callback URL. */
async function authorize(options: FlowOptions) {
	const {
		clientId,
		scope = 'openid profile email offline_access api:read',
		username = 'alice',
		password = 'alice-password',
		consent = 'Allow',
		pkce = true,
		browser = new Browser([REDIRECT_URI])
	} = options;
	const codeVerifier = oauth.generateRandomCodeVerifier();
	const state = oauth.generateRandomState();
	const url = new URL(as.authorization_endpoint!);
	url.searchParams.set('client_id', clientId);
	url.searchParams.set('redirect_uri', REDIRECT_URI);
	url.searchParams.set('response_type', 'code');
	url.searchParams.set('scope', scope);
	url.searchParams.set('state', state);
	if (pkce) {
		url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
		url.searchParams.set('code_challenge_method', 'S256');
	}

	let step = await browser.follow(url.href);
	const pages: string[] = [];
	for (let i = 0; i < 4 && step.res; i++) {
		const html = await step.res.text();
		pages.push(html);
		expect(step.res.status).toBe(200);
		if (html.includes('>Sign in</button>')) {
			step = await browser.submit(step.url, html, 'Sign in', { username, password });
		} else if (html.includes('>Allow</button>')) {
			step = await browser.submit(step.url, html, consent);
		} else {
			throw new Error(`unexpected page: ${html.slice(0, 300)}`);
		}
	}
	if (step.res) throw new Error('the flow did not reach the redirect URI');
	return { callback: new URL(step.url), state, codeVerifier, pages, browser };
}

async function codeFlow(
	clientId: string,
	clientAuth: oauth.ClientAuth,
	options: Partial<FlowOptions> = {}
) {
	const client: oauth.Client = { client_id: clientId };
	const flow = await authorize({ clientId, ...options });
	const params = oauth.validateAuthResponse(as, client, flow.callback, flow.state);
	const res = await oauth.authorizationCodeGrantRequest(
		as,
		client,
		clientAuth,
		params,
		REDIRECT_URI,
		flow.codeVerifier,
		insecure
	);
	const tokens = await oauth.processAuthorizationCodeResponse(as, client, res);
	return { client, tokens, flow };
}

async function refresh(clientId: string, clientAuth: oauth.ClientAuth, refreshToken: string) {
	const client = { client_id: clientId };
	const res = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, insecure);
	return oauth.processRefreshTokenResponse(as, client, res);
}

async function clientCredentials(scope = 'api:read') {
	const client = { client_id: 'sandbox-service' };
	const res = await oauth.clientCredentialsGrantRequest(
		as,
		client,
		oauth.ClientSecretBasic('sandbox-service-secret'),
		{ scope },
		insecure
	);
	return oauth.processClientCredentialsResponse(as, client, res);
}

async function passwordGrant(
	username: string,
	password: string,
	scope = 'openid offline_access api:read'
) {
	const client = { client_id: 'sandbox-password' };
	const res = await oauth.genericTokenEndpointRequest(
		as,
		client,
		oauth.ClientSecretBasic('sandbox-password-secret'),
		'password',
		{ username, password, scope },
		insecure
	);
	return oauth.processGenericTokenEndpointResponse(as, client, res);
}

async function expectOAuthError(promise: Promise<unknown>, error: string) {
	const e = await promise.then(
		() => undefined,
		(err: unknown) => err
	);
	if (e instanceof oauth.WWWAuthenticateChallengeError) {
		// 401 answers carry the error in WWW-Authenticate.
		expect(e.cause.map((c) => c.parameters.error)).toContain(error);
		return;
	}
	expect(e).toBeInstanceOf(oauth.ResponseBodyError);
	expect((e as oauth.ResponseBodyError).error).toBe(error);
}

describe('discovery', () => {
	it('publishes the endpoints, S256 PKCE and RFC 9207 iss', () => {
		expect(as.issuer).toBe(sandbox.issuer);
		expect(as.code_challenge_methods_supported).toEqual(['S256']);
		expect(as.authorization_response_iss_parameter_supported).toBe(true);
		expect(as.revocation_endpoint).toBeTruthy();
		expect(as.introspection_endpoint).toBeTruthy();
		expect(as.grant_types_supported).toEqual(
			expect.arrayContaining([
				'authorization_code',
				'refresh_token',
				'client_credentials',
				'password'
			])
		);
		expect(as.scopes_supported).toEqual(
			expect.arrayContaining([
				'openid',
				'profile',
				'email',
				'offline_access',
				'api:read',
				'api:write'
			])
		);
	});
});

describe('authorization code flow', () => {
	it('public client with PKCE: login, consent, tokens, /api/me', async () => {
		const { tokens, flow } = await codeFlow('sandbox-pkce', oauth.None());
		expect(flow.callback.searchParams.get('iss')).toBe(sandbox.issuer);
		expect(flow.pages[0]).toMatch(/<label for="username">Username<\/label>/);
		expect(flow.pages[0]).toMatch(/<label for="password">Password<\/label>/);
		expect(flow.pages[1]).toContain('api:read');
		expect(flow.pages[1]).toContain('>Deny</button>');
		expect(tokens.token_type).toBe('bearer');
		expect(tokens.expires_in).toBe(20);
		expect(tokens.refresh_token).toBeTruthy();
		expect(tokens.scope?.split(' ').sort()).toEqual(
			['api:read', 'email', 'offline_access', 'openid', 'profile'].sort()
		);
		expect(oauth.getValidatedIdTokenClaims(tokens)?.sub).toBe('alice');

		const res = await api('/api/me', { headers: bearer(tokens.access_token) });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			sub: 'alice',
			name: 'Alice Example',
			email: 'alice@example.test',
			client_id: 'sandbox-pkce'
		});
	});

	it('confidential clients with client_secret_basic and client_secret_post', async () => {
		const basic = await codeFlow(
			'sandbox-confidential',
			oauth.ClientSecretBasic('sandbox-confidential-secret'),
			{ username: 'bob', password: 'bob-password' }
		);
		expect(oauth.getValidatedIdTokenClaims(basic.tokens)?.sub).toBe('bob');
		const post = await codeFlow(
			'sandbox-confidential-post',
			oauth.ClientSecretPost('sandbox-confidential-post-secret')
		);
		expect(post.tokens.refresh_token).toBeTruthy();
		const byoa = await codeFlow('sandbox-byoa', oauth.ClientSecretBasic('sandbox-byoa-secret'), {
			scope: 'openid api:read api:write'
		});
		expect(byoa.tokens.refresh_token).toBeUndefined();
		const write = await api('/api/scoped/write', { headers: bearer(byoa.tokens.access_token) });
		expect(write.status).toBe(200);
	});

	it('a wrong client secret is refused', async () => {
		await expectOAuthError(
			codeFlow('sandbox-confidential', oauth.ClientSecretBasic('wrong')),
			'invalid_client'
		);
	});

	it('a wrong password shows an error and the user can retry', async () => {
		const browser = new Browser([REDIRECT_URI]);
		const url = new URL(as.authorization_endpoint!);
		url.search = new URLSearchParams({
			client_id: 'sandbox-pkce',
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope: 'openid',
			state: 'x',
			code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
			code_challenge_method: 'S256'
		}).toString();
		const login = await browser.follow(url.href);
		const html = await login.res!.text();
		const wrong = await browser.submit(login.url, html, 'Sign in', {
			username: '<b>alice</b>',
			password: 'nope'
		});
		expect(wrong.res?.status).toBe(200);
		const retry = await wrong.res!.text();
		expect(retry).toContain('Invalid username or password');
		expect(retry).toContain('value="&lt;b&gt;alice&lt;/b&gt;"');
		expect(retry).not.toContain('<b>alice</b>');
		expect(wrong.res!.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
		const ok = await browser.submit(wrong.url, retry, 'Sign in', {
			username: 'alice',
			password: 'alice-password'
		});
		expect(await ok.res!.text()).toContain('>Allow</button>');
	});

	it('Deny ends in error=access_denied at the redirect URI', async () => {
		const { callback, state } = await authorize({ clientId: 'sandbox-pkce', consent: 'Deny' });
		expect(callback.searchParams.get('error')).toBe('access_denied');
		expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);
		expect(() =>
			oauth.validateAuthResponse(as, { client_id: 'sandbox-pkce' }, callback, state)
		).toThrow(oauth.AuthorizationResponseError);
	});

	it('PKCE is required for the public client', async () => {
		const url = new URL(as.authorization_endpoint!);
		url.search = new URLSearchParams({
			client_id: 'sandbox-pkce',
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope: 'openid',
			state: 'x'
		}).toString();
		const { url: callback } = await new Browser([REDIRECT_URI]).follow(url.href);
		const params = new URL(callback).searchParams;
		expect(params.get('error')).toBe('invalid_request');
		expect(params.get('error_description')).toMatch(/PKCE/);
	});

	it('a second authorization in the same browser session skips the login page', async () => {
		const first = await authorize({ clientId: 'sandbox-pkce' });
		const second = await authorize({ clientId: 'sandbox-pkce', browser: first.browser });
		// Nor consent: everything asked for, offline_access included, is already granted.
		expect(second.pages).toEqual([]);
		expect(second.callback.searchParams.get('code')).toBeTruthy();
	});

	it('a client asking for prompt=consent gets the consent page again', async () => {
		const first = await authorize({ clientId: 'sandbox-pkce' });
		const browser = first.browser;
		const url = new URL(as.authorization_endpoint!);
		url.search = new URLSearchParams({
			client_id: 'sandbox-pkce',
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope: 'openid offline_access',
			prompt: 'consent',
			state: 'x',
			code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
			code_challenge_method: 'S256'
		}).toString();
		const step = await browser.follow(url.href);
		expect(await step.res!.text()).toContain('>Allow</button>');
	});
});

describe('refresh tokens', () => {
	it('rotate; reusing a rotated token gives invalid_grant and is counted', async () => {
		const auth = oauth.None();
		const { tokens } = await codeFlow('sandbox-pkce', auth);
		const first = tokens.refresh_token!;
		const second = await refresh('sandbox-pkce', auth, first);
		expect(second.refresh_token).toBeTruthy();
		expect(second.refresh_token).not.toBe(first);
		expect(second.access_token).not.toBe(tokens.access_token);
		expect((await api('/api/me', { headers: bearer(second.access_token) })).status).toBe(200);

		await expectOAuthError(refresh('sandbox-pkce', auth, first), 'invalid_grant');
		// Reuse revokes the whole grant (RFC 9700 §4.14.2): the newest token is dead too.
		await expectOAuthError(refresh('sandbox-pkce', auth, second.refresh_token!), 'invalid_grant');

		const counters = await stats();
		expect(counters.tokenRequests).toMatchObject({ authorization_code: 1, refresh_token: 3 });
		expect(counters.refreshes.total).toBe(1);
		expect(counters.refreshes.byAccount).toEqual({ alice: 1 });
		expect(Object.values(counters.refreshes.byGrant)).toEqual([1]);
		expect(counters.invalidGrant).toBe(2);
	});

	it('are not issued without offline_access', async () => {
		const { tokens } = await codeFlow('sandbox-pkce', oauth.None(), { scope: 'openid api:read' });
		expect(tokens.refresh_token).toBeUndefined();
	});

	it('revoke-all revokes every grant of an account', async () => {
		const { tokens } = await codeFlow(
			'sandbox-confidential',
			oauth.ClientSecretBasic('sandbox-confidential-secret')
		);
		const bob = await codeFlow('sandbox-pkce', oauth.None(), {
			username: 'bob',
			password: 'bob-password'
		});
		const result = await hook('revoke-all', { account: 'alice' });
		expect(result.revokedGrants as number).toBeGreaterThanOrEqual(1);
		await expectOAuthError(
			refresh(
				'sandbox-confidential',
				oauth.ClientSecretBasic('sandbox-confidential-secret'),
				tokens.refresh_token!
			),
			'invalid_grant'
		);
		expect((await api('/api/me', { headers: bearer(tokens.access_token) })).status).toBe(401);
		expect((await api('/api/me', { headers: bearer(bob.tokens.access_token) })).status).toBe(200);
		expect(
			(await refresh('sandbox-pkce', oauth.None(), bob.tokens.refresh_token!)).access_token
		).toBeTruthy();
	});
});

describe('other grants', () => {
	it('client credentials: a System token, scope enforced by the API', async () => {
		const read = await clientCredentials('api:read');
		expect(read.refresh_token).toBeUndefined();
		const me = await api('/api/me', { headers: bearer(read.access_token) });
		expect(me.status).toBe(200);
		expect(await me.json()).toMatchObject({
			client_id: 'sandbox-service',
			scope: 'api:read',
			name: 'System'
		});

		const denied = await api('/api/scoped/write', { headers: bearer(read.access_token) });
		expect(denied.status).toBe(403);
		expect(denied.headers.get('WWW-Authenticate')).toContain('error="insufficient_scope"');
		expect(await denied.json()).toEqual({ error: 'insufficient_scope' });

		const write = await clientCredentials('api:read api:write');
		expect((await api('/api/scoped/write', { headers: bearer(write.access_token) })).status).toBe(
			200
		);
	});

	it('password grant: tokens for the right password, invalid_grant otherwise, refresh works', async () => {
		const tokens = await passwordGrant('alice', 'alice-password');
		expect(tokens.refresh_token).toBeTruthy();
		expect(tokens.expires_in).toBe(20);
		const me = await api('/api/me', { headers: bearer(tokens.access_token) });
		expect(await me.json()).toMatchObject({ sub: 'alice', client_id: 'sandbox-password' });

		const refreshed = await refresh(
			'sandbox-password',
			oauth.ClientSecretBasic('sandbox-password-secret'),
			tokens.refresh_token!
		);
		expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
		expect((await api('/api/me', { headers: bearer(refreshed.access_token) })).status).toBe(200);

		await expectOAuthError(passwordGrant('alice', 'wrong'), 'invalid_grant');
		await expectOAuthError(passwordGrant('mallory', 'x'), 'invalid_grant');
		await expectOAuthError(passwordGrant('bob', 'bob-password', 'openid admin'), 'invalid_scope');
		const counters = await stats();
		expect(counters.tokenRequests.password).toBe(4);
		expect(counters.refreshes.byClient).toEqual({ 'sandbox-password': 1 });
	});

	it('the password grant is refused to other clients', async () => {
		const client = { client_id: 'sandbox-confidential' };
		const res = await oauth.genericTokenEndpointRequest(
			as,
			client,
			oauth.ClientSecretBasic('sandbox-confidential-secret'),
			'password',
			{ username: 'alice', password: 'alice-password' },
			insecure
		);
		await expectOAuthError(
			oauth.processGenericTokenEndpointResponse(as, client, res),
			'invalid_request'
		);
	});
});

describe('revocation and introspection', () => {
	it('revoking the access token makes the API refuse it', async () => {
		const auth = oauth.ClientSecretBasic('sandbox-confidential-secret');
		const { client, tokens } = await codeFlow('sandbox-confidential', auth);
		const active = await oauth.processIntrospectionResponse(
			as,
			client,
			await oauth.introspectionRequest(as, client, auth, tokens.access_token, insecure)
		);
		expect(active).toMatchObject({ active: true, sub: 'alice', client_id: 'sandbox-confidential' });

		await oauth.processRevocationResponse(
			await oauth.revocationRequest(as, client, auth, tokens.access_token, insecure)
		);
		const res = await api('/api/me', { headers: bearer(tokens.access_token) });
		expect(res.status).toBe(401);
		expect(res.headers.get('WWW-Authenticate')).toContain('error="invalid_token"');
	});

	it('revoking the refresh token makes a refresh fail with invalid_grant', async () => {
		const auth = oauth.None();
		const { client, tokens } = await codeFlow('sandbox-pkce', auth);
		await oauth.processRevocationResponse(
			await oauth.revocationRequest(as, client, auth, tokens.refresh_token!, insecure)
		);
		await expectOAuthError(refresh('sandbox-pkce', auth, tokens.refresh_token!), 'invalid_grant');
	});

	it('expired access tokens are refused', async () => {
		const short = await startSandbox({ issuerPort: 0, apiPort: 0, accessTokenTtl: 1, quiet: true });
		try {
			const res = await fetch(`${short.issuer}/token`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${Buffer.from('sandbox-service:sandbox-service-secret').toString('base64')}`,
					'Content-Type': 'application/x-www-form-urlencoded'
				},
				body: 'grant_type=client_credentials&scope=api:read'
			});
			const { access_token, expires_in } = await res.json();
			expect(expires_in).toBe(1);
			const url = `${short.apiUrl}/api/me`;
			expect((await fetch(url, { headers: bearer(access_token) })).status).toBe(200);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await fetch(url, { headers: bearer(access_token) })).status).toBe(401);
		} finally {
			await short.close();
		}
	});
});

describe('protected API', () => {
	const basic = (user: string, pass: string) => ({
		Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
	});

	it('public ping needs no auth', async () => {
		const res = await api('/api/public/ping');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ ok: true });
	});

	it('/api/me refuses missing and unknown tokens', async () => {
		for (const headers of [{}, bearer('nope'), basic('alice', 'alice-password')]) {
			const res = await api('/api/me', { headers });
			expect(res.status).toBe(401);
			expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
		}
	});

	it('Basic', async () => {
		const ok = await api('/api/basic/me', { headers: basic('alice', 'alice-password') });
		expect(await ok.json()).toEqual({ name: 'Alice Example', email: 'alice@example.test' });
		const bob = await api('/api/basic/me', { headers: basic('bob', 'bob-password') });
		expect((await bob.json()).name).toBe('Bob Example');
		for (const headers of [{}, basic('alice', 'bob-password'), basic('eve', 'x')]) {
			const res = await api('/api/basic/me', { headers });
			expect(res.status).toBe(401);
			expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic/);
		}
	});

	it('API key in X-Access-Token or X-Api-Key', async () => {
		for (const header of ['X-Access-Token', 'X-Api-Key']) {
			const ok = await api('/api/key/me', { headers: { [header]: 'sandbox-api-key-123' } });
			expect(ok.status).toBe(200);
			expect(await ok.json()).toMatchObject({ name: 'Alice Example' });
			const bad = await api('/api/key/me', { headers: { [header]: 'sandbox-api-key-124' } });
			expect(bad.status).toBe(401);
		}
		expect((await api('/api/key/me')).status).toBe(401);
	});

	it('personal access token as Bearer or token', async () => {
		for (const scheme of ['Bearer', 'token']) {
			const ok = await api('/api/pat/me', {
				headers: { Authorization: `${scheme} sandbox-pat-456` }
			});
			expect(ok.status).toBe(200);
			const bad = await api('/api/pat/me', {
				headers: { Authorization: `${scheme} sandbox-pat-457` }
			});
			expect(bad.status).toBe(401);
		}
	});

	it('custom: tenant header and query token together', async () => {
		const ok = await api('/api/custom/me?api_token=sandbox-custom-789', {
			headers: { 'X-Sandbox-Tenant': 'acme' }
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ tenant: 'acme' });
		expect((await api('/api/custom/me?api_token=sandbox-custom-789')).status).toBe(401);
		const wrongTenant = await api('/api/custom/me?api_token=sandbox-custom-789', {
			headers: { 'X-Sandbox-Tenant': 'globex' }
		});
		expect(wrongTenant.status).toBe(401);
		const noToken = await api('/api/custom/me', { headers: { 'X-Sandbox-Tenant': 'acme' } });
		expect(noToken.status).toBe(401);
	});

	it('echo returns what it received, with any kind of auth', async () => {
		const res = await api('/api/echo?a=1&a=2&b=x', {
			method: 'PUT',
			headers: {
				'X-Api-Key': 'sandbox-api-key-123',
				'Content-Type': 'application/json',
				'X-Custom': 'y'
			},
			body: JSON.stringify({ hello: 'world' })
		});
		expect(res.status).toBe(200);
		const echo = await res.json();
		expect(echo).toMatchObject({
			method: 'PUT',
			path: '/api/echo',
			query: { a: ['1', '2'], b: 'x' },
			body: '{"hello":"world"}',
			json: { hello: 'world' },
			auth: 'api-key'
		});
		expect(echo.headers['x-custom']).toBe('y');

		const token = (await clientCredentials()).access_token;
		expect((await (await api('/api/echo', { headers: bearer(token) })).json()).auth).toBe('oauth');
		expect((await api('/api/echo', { method: 'POST', body: 'x' })).status).toBe(401);
		expect((await api('/api/echo', { headers: bearer('nope') })).status).toBe(401);
	});

	it('unknown paths are 404', async () => {
		expect((await api('/api/nope')).status).toBe(404);
	});
});

describe('fail-next', () => {
	it.each([
		['500', 500, 'application/json', oauth.OperationProcessingError],
		['html', 200, 'text/html', oauth.OperationProcessingError],
		['invalid-json', 200, 'application/json', oauth.OperationProcessingError],
		['503-retry-after', 503, 'application/json', oauth.OperationProcessingError],
		['429', 429, 'application/json', oauth.ResponseBodyError]
	])('mode %s', async (mode, status, type, ErrorClass) => {
		await hook('fail-next', { count: 1, mode });
		const client = { client_id: 'sandbox-service' };
		const res = await oauth.clientCredentialsGrantRequest(
			as,
			client,
			oauth.ClientSecretBasic('sandbox-service-secret'),
			{ scope: 'api:read' },
			{ ...insecure, headers: { Origin: APP_ORIGIN } }
		);
		expect(res.status).toBe(status);
		expect(res.headers.get('Content-Type')).toContain(type);
		expect(res.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
		if (mode === '503-retry-after') expect(res.headers.get('Retry-After')).toBe('2');
		if (mode === '429') expect(res.headers.get('Retry-After')).toBeTruthy();
		await expect(oauth.processClientCredentialsResponse(as, client, res)).rejects.toBeInstanceOf(
			ErrorClass
		);
		// Only the next request fails.
		expect((await clientCredentials()).access_token).toBeTruthy();
		const counters = await stats();
		expect(counters.injectedFailures).toBe(1);
		expect(counters.tokenRequests.client_credentials).toBe(2);
		expect(counters.failNext.count).toBe(0);
	});

	it('fails exactly count requests and rejects unknown modes', async () => {
		await hook('fail-next', { count: 2, mode: '500' });
		await expect(clientCredentials()).rejects.toBeInstanceOf(oauth.OperationProcessingError);
		await expect(clientCredentials()).rejects.toBeInstanceOf(oauth.OperationProcessingError);
		expect((await clientCredentials()).access_token).toBeTruthy();
		const bad = await fetch(`${sandbox.issuer}/__sandbox/fail-next`, {
			method: 'POST',
			body: JSON.stringify({ count: 1, mode: 'teapot' })
		});
		expect(bad.status).toBe(400);
	});

	it('token-delay makes concurrency observable', async () => {
		await hook('token-delay', { ms: 300 });
		const started = Date.now();
		await Promise.all([clientCredentials(), clientCredentials(), clientCredentials()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		const counters = await stats();
		expect(counters.maxConcurrentTokenRequests).toBe(3);
		expect(counters.tokenDelayMs).toBe(300);
		await hook('reset');
		expect((await stats()).maxConcurrentTokenRequests).toBe(0);
	});
});

describe('CORS', () => {
	it('API preflight for an app origin allows the auth headers; other origins get nothing', async () => {
		const preflight = (origin: string) =>
			api('/api/me', {
				method: 'OPTIONS',
				headers: {
					Origin: origin,
					'Access-Control-Request-Method': 'GET',
					'Access-Control-Request-Headers': 'authorization,x-api-key'
				}
			});
		const ok = await preflight(APP_ORIGIN);
		expect(ok.status).toBe(204);
		expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
		const allowed = ok.headers.get('Access-Control-Allow-Headers')!.toLowerCase();
		for (const h of [
			'authorization',
			'content-type',
			'x-access-token',
			'x-api-key',
			'x-sandbox-tenant'
		])
			expect(allowed).toContain(h);
		expect(ok.headers.get('Access-Control-Allow-Methods')).toContain('GET');

		const other = await preflight(OTHER_ORIGIN);
		expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();

		const get = await api('/api/me', { headers: { Origin: APP_ORIGIN } });
		expect(get.status).toBe(401);
		expect(get.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
		expect(get.headers.get('Access-Control-Expose-Headers')).toContain('WWW-Authenticate');
	});

	it('token endpoint: app origins allowed per client, other origins refused', async () => {
		const preflight = await fetch(as.token_endpoint!, {
			method: 'OPTIONS',
			headers: { Origin: APP_ORIGIN, 'Access-Control-Request-Method': 'POST' }
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);

		const post = (origin: string) =>
			oauth.clientCredentialsGrantRequest(
				as,
				{ client_id: 'sandbox-service' },
				oauth.ClientSecretBasic('sandbox-service-secret'),
				{ scope: 'api:read' },
				{ ...insecure, headers: { Origin: origin } }
			);
		const ok = await post(APP_ORIGIN);
		expect(ok.status).toBe(200);
		expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
		const refused = await post(OTHER_ORIGIN);
		expect(refused.status).toBe(400);
		expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull();
	});

	it('test hooks answer app origins and refuse other origins', async () => {
		const res = await fetch(`${sandbox.issuer}/__sandbox/stats`, {
			headers: { Origin: APP_ORIGIN }
		});
		expect(res.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
		const other = await fetch(`${sandbox.issuer}/__sandbox/fail-next`, {
			method: 'POST',
			headers: { Origin: OTHER_ORIGIN, 'Content-Type': 'text/plain' },
			body: JSON.stringify({ count: 1, mode: '500' })
		});
		expect(other.status).toBe(403);
		expect((await stats()).failNext.count).toBe(0);
	});
});

describe('sandbox connector files', () => {
	const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
	const files = readdirSync(dir).filter((f) => /^sandbox-.*\.json$/.test(f));
	const connectors = files.map((f) =>
		validateConnector(JSON.parse(readFileSync(join(dir, f), 'utf8')))
	);
	/** The connector files name the default ports; the test sandbox runs on free ports. */
	const atDefaultPort = (url: string | undefined) =>
		url?.replace(sandbox.issuer, 'http://localhost:9400');

	it('cover every auth type, all marked sandbox', () => {
		expect(connectors.map((c) => c.authTypes[0]!.type).sort()).toEqual(
			[
				'api-key',
				'basic',
				'custom',
				'none',
				'oauth2-authorization-code',
				'oauth2-authorization-code',
				'oauth2-byoa',
				'oauth2-client-credentials',
				'oauth2-password',
				'oauth2-pkce',
				'oauth2-pkce',
				'pat'
			].sort()
		);
		for (const c of connectors) {
			expect(c.sandbox).toBe(true);
			expect(c.apiBaseUrl).toBe('http://localhost:9401');
			expect(c.unsupported).toBeUndefined();
			// Every sandbox host is documented to answer the app, so every auth type works directly.
			expect(reachOf(c, parseHostFacts(hosts))).toEqual({
				reach: 'direct',
				byAuthType: { [c.authTypes[0]!.type]: 'direct' }
			});
		}
	});

	it('use the endpoints of the discovery document', () => {
		for (const c of connectors) {
			const o = c.authTypes[0]!.oauth;
			if (!o) continue;
			expect(o.tokenUrl, c.id).toBe(atDefaultPort(as.token_endpoint));
			expect(o.revokeUrl, c.id).toBe(atDefaultPort(as.revocation_endpoint));
			if (o.authorizationUrl)
				expect(o.authorizationUrl, c.id).toBe(atDefaultPort(as.authorization_endpoint));
			if (o.issuer) expect(o.issuer, c.id).toBe(atDefaultPort(as.issuer));
			for (const scope of o.scopes.default) expect(as.scopes_supported, c.id).toContain(scope);
		}
	});

	it('their check requests succeed against the sandbox API with the documented credentials', async () => {
		const credentials: Record<string, RequestInit> = {
			'sandbox-basic': { headers: basicHeader('alice', 'alice-password') },
			'sandbox-api-key': { headers: { 'X-Access-Token': 'sandbox-api-key-123' } },
			'sandbox-pat': { headers: { Authorization: 'Bearer sandbox-pat-456' } },
			'sandbox-custom': { headers: { 'X-Sandbox-Tenant': 'acme' } },
			'sandbox-none': {}
		};
		const token = (await passwordGrant('alice', 'alice-password')).access_token;
		for (const c of connectors) {
			const path = c.checkRequest!.path;
			const init = credentials[c.id] ?? { headers: bearer(token) };
			const query = c.id === 'sandbox-custom' ? '?api_token=sandbox-custom-789' : '';
			const res = await api(`${path}${query}`, init);
			expect(res.status, c.id).toBe(200);
			const field = c.checkRequest!.accountField;
			if (field) expect((await res.json())[field], c.id).toBeTruthy();
		}
	});

	it('name real clients with their secrets', () => {
		const clients: Record<string, string | undefined> = {
			'sandbox-pkce': undefined,
			'sandbox-dpop': undefined,
			'sandbox-confidential': 'sandbox-confidential-secret',
			'sandbox-confidential-post': 'sandbox-confidential-post-secret',
			'sandbox-service': 'sandbox-service-secret',
			'sandbox-password': 'sandbox-password-secret'
		};
		for (const c of connectors) {
			const props = c.authTypes[0]!.properties;
			const id = props.find((p) => p.name === 'client_id');
			if (!id || id.askUser) continue;
			expect(Object.keys(clients), c.id).toContain(id.default);
			expect(props.find((p) => p.name === 'client_secret')?.default, c.id).toBe(
				clients[id.default!]
			);
		}
	});
});

function basicHeader(user: string, pass: string) {
	return { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}
