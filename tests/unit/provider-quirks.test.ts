/**
 * What the vendor replicas made the app learn: values handed over after sign-in, Microsoft's
 * tenant-specific id_token (no `openid` without a configured issuer), public "bring your own"
 * apps, vendor error numbers, check requests on a vendor's other host, `host:port` values.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/lib/auth';
import {
	fillUrl,
	validateConnector,
	validateField,
	type Connector,
	type Property
} from '../../src/lib/catalog';
import type { ConnectionMeta } from '../../src/lib/connections';
import {
	chooseLearned,
	learnFromCallback,
	learnFromRequests,
	learnFromTokens
} from '../../src/lib/connections/learned';
import { AppError } from '../../src/lib/errors';
import {
	refresh,
	resolveOAuth,
	resolveScopes,
	toOAuthError,
	toTokenSet
} from '../../src/lib/oauth';
import { directFetch } from '../../src/lib/platform';

const text = (en: string) => ({ en, de: en });
const hidden = (name: string): Property => ({
	name,
	displayName: text(name),
	askUser: false,
	required: false,
	secret: false,
	sendIn: 'none',
	input: 'text'
});

function connector(extra: Record<string, unknown> = {}): Connector {
	return validateConnector({
		id: 'acme',
		name: 'Acme',
		vendor: 'Acme',
		category: 'other',
		description: text('Acme'),
		docsUrl: 'https://docs.acme.example',
		apiBaseUrl: 'https://{instance}/api',
		properties: [hidden('instance'), hidden('realm'), hidden('site')],
		authTypes: [
			{
				type: 'oauth2-byoa',
				oauth: {
					authorizationUrl: 'https://login.acme.example/authorize',
					tokenUrl: 'https://login.acme.example/token',
					scopes: { default: ['openid', 'read'] }
				},
				properties: [
					{ name: 'client_id', displayName: text('Client ID'), askUser: true, required: true },
					{
						name: 'client_secret',
						displayName: text('Client secret'),
						askUser: true,
						required: false,
						secret: true
					},
					{ name: 'scope', displayName: text('Scopes'), askUser: true, required: false }
				]
			}
		],
		checkRequest: { method: 'GET', path: 'https://login.acme.example/userinfo' },
		learned: [
			{ name: 'instance', from: 'token', field: 'instance_url', as: 'host' },
			{ name: 'realm', from: 'callback', field: 'realmId' },
			{
				name: 'site',
				from: 'request',
				url: 'https://{instance}/sites',
				list: 'sites',
				value: 'id',
				label: 'name',
				preferred: 'default'
			}
		],
		...extra
	});
}

const meta = { id: 'c1', properties: {} } as unknown as ConnectionMeta;
const tokens = toTokenSet({
	access_token: 'at-1',
	token_type: 'bearer',
	instance_url: 'https://eu12.acme.example',
	signature: 'kept-sealed'
} as unknown as oauth.TokenEndpointResponse);

describe('values learned after sign-in', () => {
	it('keeps the token response’s vendor fields and learns from them (as a host)', () => {
		expect(tokens.fields).toEqual({
			instance_url: 'https://eu12.acme.example',
			signature: 'kept-sealed'
		});
		expect(learnFromTokens(connector(), meta, tokens).properties).toEqual({
			instance: 'eu12.acme.example'
		});
	});

	it('refuses a token field that is not an https URL where a host is expected', () => {
		const plain = { ...tokens, fields: { instance_url: 'http://evil.example' } };
		expect(learnFromTokens(connector(), meta, plain).properties).toEqual({});
	});

	it('learns a callback parameter', () => {
		const url = new URL('http://localhost/callback?code=x&state=y&realmId=4620816365');
		expect(learnFromCallback(connector(), meta, url).properties).toEqual({ realm: '4620816365' });
	});

	it('learns from a request with the new token, preferring the marked item, keeping the others', async () => {
		const seen: Request[] = [];
		const original = globalThis.fetch;
		globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
			seen.push(new Request(input, init));
			return Response.json({
				sites: [
					{ id: 'a1', name: 'Alpha' },
					{ id: 'b2', name: 'Beta', default: true },
					{ name: 'no id' }
				]
			});
		}) as typeof fetch;
		try {
			const start = { ...meta, properties: { instance: 'eu12.acme.example' } };
			const learned = await learnFromRequests(connector(), start, tokens, directFetch);
			expect(learned.properties.site).toBe('b2');
			expect(learned.choices?.site).toEqual([
				{ value: 'a1', label: 'Alpha' },
				{ value: 'b2', label: 'Beta' }
			]);
			expect(seen[0]?.url).toBe('https://eu12.acme.example/sites');
			expect(seen[0]?.headers.get('authorization')).toBe('Bearer at-1');
			expect(seen[0]?.credentials).toBe('omit');

			expect(chooseLearned(connector(), learned, 'site', 'a1').properties.site).toBe('a1');
			// Only a value the provider offered, for a property learned by request.
			expect(() => chooseLearned(connector(), learned, 'site', 'zz')).toThrow(AppError);
			expect(() => chooseLearned(connector(), learned, 'instance', 'x')).toThrow(AppError);
		} finally {
			globalThis.fetch = original;
		}
	});

	it('fails the connect when the request finds nothing', async () => {
		const original = globalThis.fetch;
		globalThis.fetch = (async () => Response.json({ sites: [] })) as typeof fetch;
		try {
			const start = { ...meta, properties: { instance: 'eu12.acme.example' } };
			await expect(
				learnFromRequests(connector(), start, tokens, directFetch)
			).rejects.toMatchObject({
				code: 'connection.check-failed'
			});
		} finally {
			globalThis.fetch = original;
		}
	});

	it('the definition must name a hidden, non-secret connector property, once', () => {
		expect(() => connector({ learned: [{ name: 'nope', from: 'token', field: 'x' }] })).toThrow(
			/names no connector property/
		);
		expect(() =>
			connector({
				properties: [{ ...hidden('instance'), askUser: true }],
				learned: [{ name: 'instance', from: 'token', field: 'x' }]
			})
		).toThrow(/must not be asked for/);
	});
});

describe('what the Microsoft replica showed', () => {
	it('openid is requested only where the issuer is configured', () => {
		const c = connector();
		const config = c.authTypes[0]!.oauth!;
		expect(resolveScopes(config, {})).toEqual(['read']);
		expect(resolveScopes({ ...config, issuer: 'https://login.acme.example' }, {})).toEqual([
			'openid',
			'read'
		]);
	});

	it('a brought app without a secret is a public client', async () => {
		const c = connector();
		const resolved = await resolveOAuth(
			c,
			c.authTypes[0]!,
			{ client_id: 'spa-app' },
			'http://localhost:4173/callback'
		);
		expect(resolved.clientAuth).toBeTypeOf('function');
		const params = new URLSearchParams();
		const headers = new Headers();
		await resolved.clientAuth(resolved.as, resolved.client, params, headers);
		expect(params.get('client_id')).toBe('spa-app');
		expect(params.has('client_secret')).toBe(false);
		expect(headers.has('authorization')).toBe(false);
	});

	it('AADSTS9002326 is a browser refusal; vendor numbers become the detail, not the text', () => {
		const answer = (description: string) =>
			new oauth.ResponseBodyError('server responded with an error', {
				cause: { error: 'invalid_request', error_description: description },
				response: new Response(null, { status: 400 })
			});
		const refused = toOAuthError(
			answer("AADSTS9002326: Cross-origin token redemption ... Request origin: 'x'.")
		);
		expect(refused.code).toBe('oauth.browser-refused');
		expect(refused.detail).toBe('invalid_request AADSTS9002326');
		const other = toOAuthError(answer('AADSTS70008: The code has expired. secret-ish text'));
		expect(other.code).toBe('oauth.provider-error');
		expect(other.detail).toBe('invalid_request AADSTS70008');
		expect(toOAuthError(answer('free text only')).detail).toBe('invalid_request');
	});
});

describe('check requests and hosts', () => {
	it('the definition’s check request may use another host of the vendor; a typed path may not', () => {
		const c = connector();
		const ctx = {
			connector: c,
			auth: c.authTypes[0]!,
			values: { instance: 'eu12.acme.example' },
			tokens: { accessToken: 'at', tokenType: 'bearer', expiresAt: null, lifetime: null }
		};
		const path = 'https://login.acme.example/userinfo';
		expect(buildRequest(ctx, { path, fromDefinition: true }).url.href).toBe(path);
		expect(() => buildRequest(ctx, { path })).toThrow(/leaves the API origin/);
	});

	it('a host with a port fits a host template and a hostname field', () => {
		expect(fillUrl('https://{host}/sap/opu/odata', { host: 's4.example.com:44300' }).href).toBe(
			'https://s4.example.com:44300/sap/opu/odata'
		);
		expect(() => fillUrl('https://{host}/x', { host: 'a.example:99999' })).toThrow(AppError);
		const field = { ...hidden('host'), askUser: true, required: true, input: 'hostname' as const };
		expect(validateField(field, 's4.example.com:44300')).toBeNull();
		expect(validateField(field, 's4.example.com')).toBeNull();
		expect(validateField(field, 's4.example.com:')).toBe('hostname');
		expect(validateField(field, 'evil.example/x:1')).toBe('hostname');
	});
});

describe('request bodies', () => {
	const c = connector();
	const ctx = {
		connector: c,
		auth: c.authTypes[0]!,
		values: { instance: 'eu12.acme.example' },
		tokens: { accessToken: 'at', tokenType: 'bearer', expiresAt: null, lifetime: null }
	};
	it('a JSON body is labelled JSON unless the user chose a type', () => {
		const json = buildRequest(ctx, { method: 'POST', path: '/x', body: '{"a":1}' });
		expect(json.headers.get('content-type')).toBe('application/json');
		const typed = buildRequest(ctx, {
			method: 'POST',
			path: '/x',
			body: '{"a":1}',
			headers: { 'Content-Type': 'text/plain; charset=dropbox-cors-hack' }
		});
		expect(typed.headers.get('content-type')).toBe('text/plain; charset=dropbox-cors-hack');
		const plain = buildRequest(ctx, { method: 'POST', path: '/x', body: 'a=1' });
		expect(plain.headers.has('content-type')).toBe(false);
	});
});

describe('what the Slack replica showed', () => {
	it('an error told in a 200 body ({ ok: false }) is the provider’s error, not a bad response', async () => {
		const as = {
			issuer: 'https://slack.com',
			token_endpoint: 'https://slack.com/api/oauth.v2.access'
		};
		const client = { client_id: 'c' };
		const res = Response.json({ ok: false, error: 'invalid_code' });
		const error = await oauth.processAuthorizationCodeResponse(as, client, res).then(
			() => undefined,
			(e: unknown) => e
		);
		expect(toOAuthError(error)).toMatchObject({
			code: 'oauth.provider-error',
			detail: 'invalid_code'
		});
	});

	it('a vendor token type named in the definition is accepted (and only then)', async () => {
		const slackAnswer = async () =>
			Response.json({ ok: true, access_token: 'xoxb-2', token_type: 'bot', refresh_token: 'r2' });
		const withTypes = (tokenTypes?: string[]) => {
			const c = connector();
			const auth = structuredClone(c.authTypes[0]!);
			if (tokenTypes) auth.oauth!.tokenTypes = tokenTypes;
			return resolveOAuth(c, auth, { client_id: 'c' }, 'http://localhost:4173/callback', {
				fetch: slackAnswer
			});
		};
		expect(await refresh(await withTypes(['bot', 'user']), 'r1')).toMatchObject({
			accessToken: 'xoxb-2',
			tokenType: 'bot'
		});
		await expect(refresh(await withTypes(), 'r1')).rejects.toMatchObject({
			code: 'oauth.bad-response'
		});
	});
});

describe('token endpoint deviations (Marketing Cloud, Shopify)', () => {
	function resolveWith(quirks: Record<string, unknown>, answer: (init: RequestInit) => Response) {
		const c = connector();
		const auth = structuredClone(c.authTypes[0]!);
		Object.assign(auth.oauth!, quirks);
		const seen: RequestInit[] = [];
		return {
			seen,
			resolved: resolveOAuth(
				c,
				auth,
				{ client_id: 'c', client_secret: 's' },
				'http://localhost:4173/callback',
				{
					fetch: async (_url, init) => {
						seen.push(init);
						return answer(init);
					}
				}
			)
		};
	}

	it('sends the token request as JSON where the vendor takes nothing else', async () => {
		const { seen, resolved } = resolveWith({ tokenRequestBody: 'json' }, () =>
			Response.json({ access_token: 'at', token_type: 'Bearer', expires_in: 1080 })
		);
		await refresh(await resolved, 'r1');
		expect(new Headers(seen[0]!.headers).get('content-type')).toBe('application/json');
		expect(JSON.parse(String(seen[0]!.body))).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'r1'
		});
	});

	it('a token answer without token_type gets the documented one, and only where declared', async () => {
		const shopify = () => Response.json({ access_token: 'shpat_1', scope: 'read_products' });
		expect(
			await refresh(await resolveWith({ defaultTokenType: 'bearer' }, shopify).resolved, 'r1')
		).toMatchObject({ accessToken: 'shpat_1', tokenType: 'bearer' });
		await expect(refresh(await resolveWith({}, shopify).resolved, 'r1')).rejects.toMatchObject({
			code: 'oauth.bad-response'
		});
		// A form, as RFC 6749 says, unless told otherwise.
		const { seen, resolved } = resolveWith({ defaultTokenType: 'bearer' }, shopify);
		await refresh(await resolved, 'r1');
		expect(seen[0]!.body).toBeInstanceOf(URLSearchParams);
	});
});
