import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	AUTH_TYPES,
	fillTemplate,
	fillUrl,
	formModel,
	initialValues,
	searchCatalog,
	validateConnector,
	validateField,
	validateForm,
	type Connector,
	type Property
} from '../../src/lib/catalog';
import { AppError } from '../../src/lib/errors';
import { en } from '../../src/lib/i18n';

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
const catalog: Connector[] = readdirSync(dir).map((f) =>
	validateConnector(JSON.parse(readFileSync(join(dir, f), 'utf8')))
);
const byId = (id: string) => catalog.find((c) => c.id === id)!;
const label = (c: string) => en[`category.${c}` as keyof typeof en];
const search = (text: string, extra: Partial<Parameters<typeof searchCatalog>[1]> = {}) =>
	searchCatalog(catalog, { text, category: 'all', browserOnly: false, ...extra }, label).map(
		(c) => c.name
	);

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
	it('filters by category and browser support', () => {
		for (const name of search('', { category: 'mail' })) expect(byName(name).category).toBe('mail');
		for (const name of search('', { browserOnly: true }))
			expect(byName(name).browserSupport.verdict).toBe('full');
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
