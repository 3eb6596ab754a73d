import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	AUTH_TYPES,
	fillTemplate,
	fillUrl,
	formModel,
	initialValues,
	parseHostFacts,
	reachOf,
	searchCatalog,
	validateConnector,
	validateField,
	validateForm,
	type Connector,
	type Property
} from '../../src/lib/catalog';
import { AppError } from '../../src/lib/errors';
import shippedHosts from '../../src/lib/catalog/hosts.json';
import sandboxHosts from '../../src/lib/catalog/hosts-sandbox.json';

/** The facts as the sandbox build has them (load.ts). */
const hosts = { ...shippedHosts, ...sandboxHosts };
import { en } from '../../src/lib/i18n';

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
const catalog: Connector[] = readdirSync(dir).map((f) =>
	validateConnector(JSON.parse(readFileSync(join(dir, f), 'utf8')))
);
const byId = (id: string) => catalog.find((c) => c.id === id)!;
const label = (c: string) => en[`category.${c}` as keyof typeof en];
const facts = parseHostFacts(hosts);
const search = (
	text: string,
	extra: Partial<Parameters<typeof searchCatalog>[1]> = {},
	reachable?: ReadonlySet<string>
) =>
	searchCatalog(catalog, { text, category: 'all', reach: 'all', ...extra }, label, {
		facts,
		reachable
	}).map((c) => c.name);

describe('template filling', () => {
	it('fills placeholders and encodes values', () => {
		expect(fillTemplate('https://{subdomain}.zendesk.com/api/v2', { subdomain: 'acme' })).toBe(
			'https://acme.zendesk.com/api/v2'
		);
		expect(fillTemplate('https://x.test/{path}', { path: 'a b/c?d' })).toBe(
			'https://x.test/a%20b%2Fc%3Fd'
		);
	});
	it('refuses a missing value', () => {
		expect(() => fillTemplate('https://{shop}.myshopify.com', {})).toThrow(AppError);
		expect(() => fillTemplate('https://{shop}.myshopify.com', { shop: '  ' })).toThrow(
			/missing shop/
		);
	});
	it('cannot be used to move a URL to another host', () => {
		expect(() => fillUrl('https://{subdomain}.zendesk.com/x', { subdomain: 'evil.com/' })).toThrow(
			AppError
		);
		expect(() => fillUrl('https://{subdomain}.zendesk.com/x', { subdomain: 'evil.com?' })).toThrow(
			AppError
		);
		expect(fillUrl('https://x.test/{id}', { id: '../admin' }).pathname).toBe('/..%2Fadmin');
	});
	it('refuses a dot-segment value, which would remove a path segment (finding 7)', () => {
		const authorize = 'https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/authorize';
		const detail = (template: string, values: Record<string, string>) => {
			try {
				fillUrl(template, values);
				return 'accepted';
			} catch (e) {
				expect(e).toBeInstanceOf(AppError);
				expect((e as AppError).code).toBe('input.invalid');
				return (e as AppError).detail;
			}
		};
		for (const tenant_id of ['.', '..', ' .. ', '%2E%2E', '%2e.', '.%2E', '%2e'])
			expect(detail(authorize, { tenant_id }), tenant_id).toBe('tenant_id');
		// Anywhere: in the host and in a relative request path too.
		expect(detail('https://{subdomain}.zendesk.com/x', { subdomain: '.' })).toBe('subdomain');
		expect(() => fillTemplate('/v1/{id}/items', { id: '..' })).toThrow(AppError);
		// Dots inside a value are fine: they cannot form a segment of their own.
		expect(fillUrl(authorize, { tenant_id: 'contoso.onmicrosoft.com' }).pathname).toBe(
			'/contoso.onmicrosoft.com/oauth2/v2.0/authorize'
		);
		expect(fillUrl(authorize, { tenant_id: '...' }).pathname).toBe('/.../oauth2/v2.0/authorize');
	});
	it('refuses a filled host over the DNS limits, naming the property (finding 7)', () => {
		const detail = (template: string, values: Record<string, string>) => {
			try {
				fillUrl(template, values);
				return 'accepted';
			} catch (e) {
				expect((e as AppError).code).toBe('input.invalid');
				return (e as AppError).detail;
			}
		};
		const zendesk = 'https://{subdomain}.zendesk.com/api/v2';
		expect(detail(zendesk, { subdomain: 'a'.repeat(10_000) })).toBe('subdomain');
		expect(detail(zendesk, { subdomain: 'a'.repeat(64) })).toBe('subdomain');
		expect(fillUrl(zendesk, { subdomain: 'a'.repeat(63) }).hostname).toBe(
			`${'a'.repeat(63)}.zendesk.com`
		);
		// Labels that fit alone but not together with the template's own, or once IDNA-encoded.
		expect(detail('https://x{subdomain}.zendesk.com', { subdomain: 'a'.repeat(63) })).toBe(
			'subdomain'
		);
		expect(detail(zendesk, { subdomain: 'ü'.repeat(60) })).toBe('subdomain');
		const long = Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.');
		expect(long.length).toBe(243);
		expect(detail(zendesk, { subdomain: long })).toBe('subdomain');
		expect(detail('https://{host}/x', { host: long })).toBe('accepted');
		expect(detail('https://{host}/x', { host: `${long}.${'b'.repeat(10)}` })).toBe('host');
		expect(
			detail('https://{a}.{b}.example.com', { a: 'a'.repeat(63), b: long.slice(0, 180) })
		).toBe('b');
	});
	it('accepts only https, or http on localhost', () => {
		expect(fillUrl('http://localhost:9400/token', {}).port).toBe('9400');
		expect(() => fillUrl('http://{host}/token', { host: 'example.com' })).toThrow(/https/);
	});
});

describe('form model', () => {
	it('byoa asks client id, secret and scopes and shows the redirect URI', () => {
		const model = formModel(byId('sandbox-byoa'), 'oauth2-byoa');
		expect(model.fields.map((f) => f.name)).toEqual(['client_id', 'client_secret', 'scope']);
		expect(model.fields.find((f) => f.name === 'client_secret')?.secret).toBe(true);
		expect(model.showRedirectUri).toBe(true);
	});
	it('a pre-registered sandbox client asks nothing but keeps its defaults', () => {
		const connector = byId('sandbox-oauth-code');
		const model = formModel(connector, 'oauth2-authorization-code');
		expect(model.fields).toEqual([]);
		expect(initialValues(connector, model.auth).client_id).toBe('sandbox-confidential');
	});
	it('password is labelled discouraged and asks username and password', () => {
		const model = formModel(byId('sandbox-password'), 'oauth2-password');
		expect(model.discouraged).toBe(true);
		expect(model.showRedirectUri).toBe(false);
		expect(model.fields.map((f) => f.name)).toEqual(
			expect.arrayContaining(['username', 'password'])
		);
	});
	it('tenant properties come first, then the auth type fields', () => {
		const model = formModel(byId('zendesk'), byId('zendesk').authTypes[0]!.type);
		expect(model.fields[0]!.name).toBe(byId('zendesk').properties[0]!.name);
	});
	it('every auth type of every connector yields a form', () => {
		const seen = new Set<string>();
		for (const c of catalog)
			for (const a of c.authTypes) {
				const model = formModel(c, a.type);
				seen.add(a.type);
				for (const f of model.fields) expect(f.askUser).toBe(true);
				// Defaults must satisfy the field's own rules.
				const values = initialValues(c, model.auth);
				for (const f of model.fields) {
					const value = values[f.name];
					if (value) expect(validateField(f, value), `${c.id}.${f.name}`).toBeNull();
				}
			}
		expect([...seen].sort()).toEqual([...AUTH_TYPES].sort());
	});
});

describe('field validation', () => {
	const field = (over: Partial<Property>): Property => ({
		name: 'x',
		displayName: { en: 'X', de: 'X' },
		askUser: true,
		required: true,
		secret: false,
		sendIn: 'none',
		input: 'text',
		...over
	});
	it('is specific', () => {
		expect(validateField(field({}), '')).toBe('required');
		expect(validateField(field({ required: false }), '')).toBeNull();
		expect(validateField(field({ input: 'url' }), 'example.com')).toBe('url');
		expect(validateField(field({ input: 'url' }), 'http://example.com')).toBe('url');
		expect(validateField(field({ input: 'url' }), 'https://example.com/x')).toBeNull();
		expect(validateField(field({ input: 'hostname' }), 'https://acme.my.salesforce.com')).toBe(
			'hostname'
		);
		expect(validateField(field({ input: 'hostname' }), 'acme.my.salesforce.com')).toBeNull();
		expect(validateField(field({ input: 'scopes' }), 'read "write"')).toBe('scopes');
		expect(validateField(field({ input: 'scopes' }), 'openid api:read')).toBeNull();
		expect(validateField(field({ pattern: '[a-z]+' }), 'abc1')).toBe('pattern');
		expect(validateForm([field({ name: 'a' }), field({ name: 'b' })], { a: 'ok' })).toEqual({
			b: 'required'
		});
	});
	it('refuses dot-segment values in every field (finding 7)', () => {
		for (const value of ['.', '..', ' .. ', '%2E%2E', '.%2e', '%2e']) {
			expect(validateField(field({}), value), value).toBe('pattern');
			expect(validateField(field({ input: 'password', secret: true }), value), value).toBe(
				'pattern'
			);
			expect(validateField(field({ input: 'scopes' }), value), value).toBe('pattern');
			expect(validateField(field({ input: 'hostname' }), value), value).toBe('hostname');
			expect(validateField(field({ input: 'url' }), value), value).toBe('url');
		}
		expect(validateField(field({}), 'contoso.onmicrosoft.com')).toBeNull();
		expect(validateField(field({}), '...')).toBeNull();
	});
	it('refuses host names over the DNS limits (63 per label, 253 in all)', () => {
		const host = field({ input: 'hostname' });
		expect(validateField(host, `${'a'.repeat(63)}.example.com`)).toBeNull();
		expect(validateField(host, `${'a'.repeat(64)}.example.com`)).toBe('hostname');
		expect(validateField(host, 'a'.repeat(10_000))).toBe('hostname');
		const labels = (n: number) => Array.from({ length: n }, () => 'a'.repeat(62)).join('.');
		expect(validateField(host, `${labels(4)}.a`)).toBeNull(); // 253
		expect(validateField(host, `${labels(4)}.ab`)).toBe('hostname'); // 254
	});
});

describe('search', () => {
	it('finds Salesforce and Salesforce Marketing Cloud for "sales", Salesforce first', () => {
		const names = search('sales');
		expect(names[0]).toBe('Salesforce');
		expect(names).toContain('Salesforce Marketing Cloud');
	});
	it('tolerates case and small typos', () => {
		expect(search('SLACK')[0]).toBe('Slack');
		expect(search('salesforse')[0]).toBe('Salesforce');
		expect(search('gogle drive')[0]).toBe('Google Drive');
		expect(search('zendsk')[0]).toBe('Zendesk');
	});
	it('finds by alias and category', () => {
		expect(search('twitter')).toContain('X (formerly Twitter)');
		expect(search('crm').length).toBeGreaterThan(5);
	});
	it('filters by category and by reach, computed from the host facts', () => {
		for (const name of search('', { category: 'mail' })) expect(byName(name).category).toBe('mail');
		const direct = search('', { reach: 'direct' });
		const bridge = search('', { reach: 'bridge' });
		const unsupported = search('', { reach: 'unsupported' });
		// The sandbox connectors' hosts are documented to answer browsers; Mail speaks IMAP.
		expect(direct).toContain('Sandbox — API key');
		expect(unsupported).toContain('Mail');
		for (const name of direct) expect(reachOf(byName(name), facts).reach).toBe('direct');
		for (const name of bridge) expect(reachOf(byName(name), facts).reach).toBe('bridge');
		for (const name of unsupported) expect(byName(name).unsupported).toBeDefined();
		// The three reaches split the catalog.
		expect(direct.length + bridge.length + unsupported.length).toBe(catalog.length);
		expect(search('sandbox', { reach: 'unsupported' })).toEqual([]);
	});
	it('counts a host this browser reached as answering browsers when filtering', () => {
		// GitHub's PAT type calls only api.github.com; its OAuth type has a browserLimit.
		const github = byId('github');
		const reached = new Set(['api.github.com', 'github.com']);
		expect(reachOf(github, facts, reached)).toEqual({
			reach: 'direct',
			byAuthType: { 'oauth2-byoa': 'bridge', pat: 'direct' }
		});
		expect(search('github', { reach: 'direct' }, reached)).toContain('GitHub');
		expect(search('github', { reach: 'bridge' }, reached)).not.toContain('GitHub');
	});
	it('lists sandbox connectors first, then by name', () => {
		const names = search('');
		expect(byName(names[0]!).sandbox).toBe(true);
		const real = names.filter((n) => !byName(n).sandbox);
		expect(real).toEqual(
			[...real].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
		);
	});
});

function byName(name: string) {
	return catalog.find((c) => c.name === name)!;
}

describe('validator: secrets and PKCE', () => {
	/** A real definition as raw JSON, to change one fact and validate again. */
	const raw = (id: string) =>
		JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as Record<string, unknown> & {
			authTypes: {
				type: string;
				properties: Record<string, unknown>[];
				oauth?: Record<string, unknown>;
			}[];
			unconfirmed?: string[];
		};
	const problems = (definition: unknown) => {
		try {
			validateConnector(definition);
			return '';
		} catch (e) {
			return (e as AppError).detail ?? '';
		}
	};

	it('refuses a secret-looking property that is not marked secret', () => {
		const def = raw('sandbox-api-key');
		const key = def.authTypes[0]!.properties[0]!;
		expect(problems(def)).toBe('');
		key.secret = false;
		expect(problems(def)).toMatch(/looks secret but is not marked secret/);
	});

	it('accepts identifiers with secret-like words (an AWS access key id)', () => {
		expect(problems(raw('amazon-ses'))).toBe('');
	});

	it('refuses PKCE "none" on a redirect flow unless the vendor documented it', () => {
		const def = raw('box');
		expect(def.unconfirmed).toContain('pkce');
		def.authTypes[0]!.oauth!.pkce = 'none';
		expect(problems(def)).toMatch(/PKCE none needs the vendor's word/);
		def.unconfirmed = (def.unconfirmed ?? []).filter((f) => f !== 'pkce');
		expect(problems(def)).toBe('');
	});
});
