/**
 * Request signing for every auth type with the real connector files, path escaping, and
 * "Copy as curl" quoting and redaction.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	applyAuth,
	basicCredentials,
	buildRequest,
	describeSecrets,
	resolveApiUrl,
	shellQuote,
	toCurl,
	type AuthContext
} from '../../src/lib/auth';
import { validateConnector, type AuthType, type Connector } from '../../src/lib/catalog';
import { AppError } from '../../src/lib/errors';
import type { TokenSet } from '../../src/lib/oauth';

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
const load = (id: string): Connector =>
	validateConnector(JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')));

/** Values as the connection screen hands them over: defaults merged with what the user typed. */
function context(
	id: string,
	typed: Record<string, string> = {},
	type?: AuthType,
	tokens?: TokenSet
): AuthContext {
	const connector = load(id);
	const auth = type ? connector.authTypes.find((a) => a.type === type)! : connector.authTypes[0]!;
	const values: Record<string, string> = {};
	for (const p of [...connector.properties, ...auth.properties])
		if (p.default !== undefined) values[p.name] = p.default;
	return { connector, auth, values: { ...values, ...typed }, tokens };
}

function sign(ctx: AuthContext, path = '/x') {
	const request = buildRequest(ctx, { path });
	return { url: request.url, headers: request.headers, request };
}

function expectAppError(fn: () => unknown, code: string, detail?: string) {
	let error: unknown;
	try {
		fn();
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(AppError);
	expect((error as AppError).code).toBe(code);
	if (detail !== undefined) expect((error as AppError).detail).toBe(detail);
}

const token = (accessToken = 'at-123'): TokenSet => ({
	accessToken,
	tokenType: 'bearer',
	expiresAt: null,
	lifetime: null
});

describe('applyAuth', () => {
	it('basic: UTF-8 user:password in Base64', () => {
		const { headers, url } = sign(
			context('sandbox-basic', { username: 'alice', password: 'alice-password' })
		);
		expect(headers.get('Authorization')).toBe(
			`Basic ${Buffer.from('alice:alice-password').toString('base64')}`
		);
		expect([...url.searchParams]).toEqual([]);
		expect(basicCredentials('jürgen', 'pässwörd€')).toBe(
			`Basic ${Buffer.from('jürgen:pässwörd€', 'utf8').toString('base64')}`
		);
	});

	it('basic: missing password, colon in the user name', () => {
		expectAppError(
			() => sign(context('sandbox-basic', { username: 'alice' })),
			'input.invalid',
			'password'
		);
		expectAppError(
			() => sign(context('sandbox-basic', { password: 'x' })),
			'input.invalid',
			'username'
		);
		expectAppError(
			() => sign(context('sandbox-basic', { username: 'a:b', password: 'x' })),
			'input.invalid',
			'username'
		);
	});

	it('api-key: the header named by the property', () => {
		const { headers } = sign(
			context('sandbox-api-key', { 'X-Access-Token': 'sandbox-api-key-123' })
		);
		expect(headers.get('X-Access-Token')).toBe('sandbox-api-key-123');
		expect(headers.get('Authorization')).toBeNull();
		expectAppError(() => sign(context('sandbox-api-key')), 'input.invalid', 'X-Access-Token');
	});

	it('pat: the prefix from the data, not doubled when pasted', () => {
		expect(
			sign(context('sandbox-pat', { Authorization: 'sandbox-pat-456' })).headers.get(
				'Authorization'
			)
		).toBe('Bearer sandbox-pat-456');
		expect(
			sign(context('sandbox-pat', { Authorization: 'Bearer sandbox-pat-456' })).headers.get(
				'Authorization'
			)
		).toBe('Bearer sandbox-pat-456');
		expect(
			sign(context('github', { Authorization: 'ghp_x' }, 'pat')).headers.get('Authorization')
		).toBe('Bearer ghp_x');
	});

	it('custom: tenant header (default) and token in the query', () => {
		const { headers, url } = sign(
			context('sandbox-custom', { api_token: 'sandbox-custom-789' }),
			'/api/custom/me'
		);
		expect(headers.get('X-Sandbox-Tenant')).toBe('acme');
		expect(url.searchParams.get('api_token')).toBe('sandbox-custom-789');
		expect(url.href).toBe('http://localhost:9401/api/custom/me?api_token=sandbox-custom-789');
		expectAppError(
			() => sign(context('sandbox-custom', { api_token: 'x', 'X-Sandbox-Tenant': ' ' })),
			'input.invalid',
			'X-Sandbox-Tenant'
		);
	});

	it('none: nothing', () => {
		const { headers, url } = sign(context('sandbox-none'), '/api/public/ping');
		expect([...headers]).toEqual([]);
		expect(url.href).toBe('http://localhost:9401/api/public/ping');
	});

	it('OAuth: Bearer access token; no token means reconnect', () => {
		const { headers } = sign(context('sandbox-oauth-code', {}, undefined, token()));
		expect(headers.get('Authorization')).toBe('Bearer at-123');
		expectAppError(() => sign(context('sandbox-oauth-code')), 'connection.needs-reconnect');
	});

	it('OAuth: a custom token header and extra properties (Zoho Desk)', () => {
		const ctx = context(
			'zoho-desk',
			{ client_id: 'id', client_secret: 's', orgId: '4711', dc: 'eu' },
			'oauth2-authorization-code',
			token()
		);
		const { headers, url } = sign(ctx, '/myinfo');
		expect(url.href).toBe('https://desk.zoho.eu/api/v1/myinfo');
		expect(headers.get('orgId')).toBe('4711');
		const expected = ctx.auth.oauth?.tokenHeader
			? `${ctx.auth.oauth.tokenHeader.prefix}at-123`
			: 'Bearer at-123';
		expect(headers.get(ctx.auth.oauth?.tokenHeader?.name ?? 'Authorization')).toBe(expected);
		// An optional extra property left empty is not sent.
		const bare = sign(
			context(
				'zoho-desk',
				{ client_id: 'id', client_secret: 's' },
				'oauth2-authorization-code',
				token()
			)
		);
		expect(bare.headers.has('orgId')).toBe(false);
	});

	it('OAuth: an inline token header with an empty prefix', () => {
		const connector = load('sandbox-oauth-code');
		const auth = structuredClone(connector.authTypes[0]!);
		auth.oauth!.tokenHeader = { name: 'OAuth-Token', prefix: '' };
		const url = new URL('http://localhost:9401/x');
		const headers = new Headers();
		applyAuth({ url, headers }, { connector, auth, values: {}, tokens: token('t') });
		expect(headers.get('OAuth-Token')).toBe('t');
		expect(headers.has('Authorization')).toBe(false);
	});

	it('refuses header values with line breaks without echoing them', () => {
		try {
			sign(context('sandbox-api-key', { 'X-Access-Token': 'key\r\nX-Evil: 1' }));
			expect.unreachable();
		} catch (e) {
			expect((e as AppError).code).toBe('input.invalid');
			expect((e as AppError).detail).toBe('X-Access-Token');
			expect((e as AppError).message).not.toContain('key');
		}
	});
});

describe('buildRequest / resolveApiUrl', () => {
	const base = 'https://desk.zoho.{dc}/api/v1';
	const values = { dc: 'com' };

	it('resolves relative paths under the base path', () => {
		expect(resolveApiUrl(base, values, '/myinfo').href).toBe('https://desk.zoho.com/api/v1/myinfo');
		expect(resolveApiUrl(base, values, 'tickets?limit=5').href).toBe(
			'https://desk.zoho.com/api/v1/tickets?limit=5'
		);
		expect(resolveApiUrl('https://api.github.com', {}, '/user').href).toBe(
			'https://api.github.com/user'
		);
		expect(resolveApiUrl('https://api.github.com/', {}, 'user').href).toBe(
			'https://api.github.com/user'
		);
	});

	it('keeps protocol-relative and backslash paths on the API origin', () => {
		for (const path of [
			'//evil.example/x',
			'\\\\evil.example/x',
			'/\\evil.example',
			'@evil.example'
		])
			expect(resolveApiUrl(base, values, path).origin).toBe('https://desk.zoho.com');
	});

	it('refuses paths that leave the origin or the base path', () => {
		for (const path of [
			'https://evil.example/x',
			'http://desk.zoho.com/api/v1/x',
			'javascript:alert(1)',
			'/../../admin',
			'/%2e%2e/%2e%2e/admin',
			'a/../../x'
		])
			expectAppError(() => resolveApiUrl(base, values, path), 'input.invalid');
	});

	it('allows absolute URLs (templates too) on the same origin', () => {
		const sf = 'https://{instance}/services/data/v62.0';
		const v = { instance: 'acme.my.salesforce.com' };
		expect(resolveApiUrl(sf, v, 'https://{instance}/services/oauth2/userinfo').href).toBe(
			'https://acme.my.salesforce.com/services/oauth2/userinfo'
		);
		expectAppError(
			() =>
				resolveApiUrl(sf, { instance: 'acme.my.salesforce.com' }, 'https://login.salesforce.com/x'),
			'input.invalid'
		);
	});

	it('template values cannot change the host or add path segments', () => {
		expectAppError(() => resolveApiUrl(base, { dc: 'evil.example/x?' }, '/me'), 'input.invalid');
		expect(resolveApiUrl(base, { dc: 'com', id: '../x' }, '/tickets/{id}').pathname).toBe(
			'/api/v1/tickets/..%2Fx'
		);
	});

	it('applies auth and keeps method, headers and body', () => {
		const ctx = context('sandbox-api-key', { 'X-Access-Token': 'k' });
		const request = buildRequest(ctx, {
			method: 'post',
			path: '/api/echo',
			headers: { 'Content-Type': 'application/json' },
			body: '{}'
		});
		expect(request.method).toBe('POST');
		expect(request.url.href).toBe('http://localhost:9401/api/echo');
		expect(request.headers.get('Content-Type')).toBe('application/json');
		expect(request.headers.get('X-Access-Token')).toBe('k');
		expect(request.body).toBe('{}');
	});
});

describe('where credentials may go', () => {
	it('fills a request path only from non-secret values', () => {
		const ctx = context('sandbox-custom', { region: 'eu', api_token: 's3cret-789' });
		expect(sign(ctx, '/api/{region}/me').url.pathname).toBe('/api/eu/me');
		expectAppError(() => sign(ctx, '/api/{api_token}'), 'input.invalid', 'missing api_token');
		expectAppError(
			() => sign(ctx, 'http://localhost:9401/{api_token}'),
			'input.invalid',
			'missing api_token'
		);
	});

	it('sends a generic (HTTP) connection only to its own base URL', () => {
		const typed = { base_url: 'https://api.example.com/v1' };
		const ctx = context('http', typed, 'none');
		expect(sign(ctx, '/users').url.href).toBe('https://api.example.com/v1/users');
		expect(sign(ctx, 'https://api.example.com/v1/x').url.href).toBe('https://api.example.com/v1/x');
		expectAppError(() => sign(ctx, 'https://attacker.example/x'), 'input.invalid');
		expectAppError(() => sign(ctx, '/../../admin'), 'input.invalid');
		for (const base_url of ['http://api.example.com', 'https://user:pw@api.example.com', 'nope'])
			expectAppError(
				() => sign(context('http', { base_url }, 'none'), '/x'),
				'input.invalid',
				'base_url'
			);
	});

	it('refuses a credentialed request when there is no API base at all', () => {
		const ctx = context('sandbox-api-key', { 'X-Access-Token': 'k' });
		const noBase = { ...ctx, connector: { ...ctx.connector, apiBaseUrl: undefined } };
		expectAppError(() => sign(noBase, 'https://anywhere.example/x'), 'input.invalid');
	});
});

describe('toCurl', () => {
	const hasSh = (() => {
		try {
			execFileSync('sh', ['-c', 'true']);
			return true;
		} catch {
			return false;
		}
	})();

	it('quotes single quotes so that the shell reads back the exact text', () => {
		const nasty = `it's $(rm -rf /) \`x\` "q" \\ \n ;|&`;
		expect(shellQuote("it's")).toBe(`'it'\\''s'`);
		if (hasSh) {
			const echoed = execFileSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`]).toString();
			expect(echoed).toBe(nasty);
		}
	});

	it('redacts an OAuth token, keeping the scheme', () => {
		const ctx = context('sandbox-oauth-code', {}, undefined, token('secret-at'));
		const request = buildRequest(ctx, { path: '/api/me' });
		const curl = toCurl(request, describeSecrets(ctx));
		expect(curl).toBe(
			`curl 'http://localhost:9401/api/me' \\\n  -H 'authorization: Bearer <access token>'`
		);
		expect(toCurl(request, 'include')).toContain(`-H 'authorization: Bearer secret-at'`);
	});

	it('redacts secret query values but not the non-secret tenant header', () => {
		const ctx = context('sandbox-custom', { api_token: "s3cr'et" });
		const request = buildRequest(ctx, { path: '/api/custom/me?a=1' });
		const curl = toCurl(request, describeSecrets(ctx));
		expect(curl).not.toContain('s3cr');
		expect(curl).toContain(`'http://localhost:9401/api/custom/me?a=1&api_token=<API token>'`);
		expect(curl).toContain(`-H 'x-sandbox-tenant: acme'`);
		expect(toCurl(request, 'include')).toContain(`api_token=s3cr%27et`);
		expect(toCurl(request, describeSecrets(ctx, 'de'))).toContain('api_token=<API-Token>');
	});

	it('redacts API keys, PATs and Basic credentials', () => {
		const key = context('sandbox-api-key', { 'X-Access-Token': 'k-123' });
		expect(toCurl(buildRequest(key, { path: '/' }), describeSecrets(key))).toContain(
			`-H 'x-access-token: <API key>'`
		);
		const pat = context('sandbox-pat', { Authorization: 'p-456' });
		expect(toCurl(buildRequest(pat, { path: '/' }), describeSecrets(pat))).toContain(
			`-H 'authorization: Bearer <Personal access token>'`
		);
		const basic = context('sandbox-basic', { username: 'alice', password: 'pw' });
		const curl = toCurl(buildRequest(basic, { path: '/' }), describeSecrets(basic));
		expect(curl).toContain(`-H 'authorization: Basic <username:password in Base64>'`);
		expect(curl).not.toContain(Buffer.from('alice:pw').toString('base64'));
	});

	it('a plain set of names redacts headers in any case and query parameters', () => {
		const curl = toCurl(
			{
				method: 'put',
				url: 'https://api.example.com/x?token=abc&keep=1',
				headers: { 'X-Api-Key': 'abc', Accept: 'application/json' },
				body: `{"a":"it's"}`
			},
			new Set(['x-api-key', 'token'])
		);
		expect(curl).toBe(
			[
				`curl -X 'PUT' 'https://api.example.com/x?token=<secret>&keep=1'`,
				`-H 'X-Api-Key: <secret>'`,
				`-H 'Accept: application/json'`,
				`--data-raw '{"a":"it'\\''s"}'`
			].join(' \\\n  ')
		);
	});

	it('describeSecrets names what carries secrets', () => {
		const zoho = context('zoho-desk', {}, 'oauth2-authorization-code');
		const secrets = describeSecrets(zoho);
		const header = (zoho.auth.oauth?.tokenHeader?.name ?? 'Authorization').toLowerCase();
		expect([...secrets.headers.keys()]).toEqual([header]);
		expect(secrets.query.size).toBe(0);
		expect(describeSecrets(context('sandbox-none')).headers.size).toBe(0);
		expect([...describeSecrets(context('sandbox-custom')).query.keys()]).toEqual(['api_token']);
	});
});
