import { describe, expect, it } from 'vitest';
import { AUTH_TYPES, CATEGORIES, CORS_FACTS, REACH } from '../../src/lib/catalog/schema';
import { CONNECTION_STATUSES } from '../../src/lib/connections/model';
import { ERROR_CODES } from '../../src/lib/errors';
import {
	browserLocale,
	de,
	en,
	errorMessageKeys,
	translate,
	type MessageKey
} from '../../src/lib/i18n';

const keys = Object.keys(en) as MessageKey[];

describe('messages', () => {
	it('every error code has a cause and a resolution in both languages', () => {
		for (const code of ERROR_CODES) {
			const { message, resolution } = errorMessageKeys(code);
			for (const key of [message, resolution]) {
				expect(en[key as keyof typeof en], `en ${key}`).toBeTruthy();
				expect(de[key], `de ${key}`).toBeTruthy();
			}
		}
	});

	it('every auth type, category, reach, CORS fact, endpoint role, probe outcome and status has a label', () => {
		const roles = ['token', 'refresh', 'revoke', 'discovery', 'learned', 'api', 'check'];
		const outcomes = ['reachable', 'refused', 'unreachable', 'skipped'];
		const needed = [
			...AUTH_TYPES.map((t) => `auth.${t}`),
			...CATEGORIES.map((c) => `category.${c}`),
			...REACH.map((r) => `reach.${r}`),
			...REACH.filter((r) => r !== 'unsupported').map((r) => `tested.${r}`),
			...CORS_FACTS.map((f) => `cors.${f}`),
			...roles.map((r) => `role.${r}`),
			...outcomes.map((o) => `probe.${o}`),
			...CONNECTION_STATUSES.map((s) => `status.${s}`)
		];
		for (const key of needed) expect(keys, key).toContain(key);
	});

	it('German is a translation, not a copy (names and codes excepted)', () => {
		const same = keys.filter((k) => de[k] === en[k]);
		// Proper names, technical terms and format-only strings read the same in German.
		const allowed = new Set([
			'app.name',
			'settings.language.en',
			'settings.language.de',
			'settings.theme.system',
			'vault.create.passphrase',
			'vault.unlock.passphrase',
			'nav.connectors',
			'shell.connectors.title',
			'catalog.sandbox',
			'category.crm',
			'category.marketing',
			'auth.basic',
			'connections.sort.name',
			'connections.sort.connector',
			'connections.sort.status',
			'connections.col.name',
			'connections.col.connector',
			'connections.col.status',
			'connections.statusFilter',
			'connections.system',
			'console.status',
			'detail.connector',
			'detail.settings',
			'connector.hosts.host',
			// A file name.
			'bridge.install.zip'
		]);
		expect(same.filter((k) => !allowed.has(k))).toEqual([]);
	});

	it('fills parameters and follows the browser language', () => {
		expect(translate('de', 'connector.connect', { connector: 'Slack' })).toBe(
			'Mit Slack verbinden'
		);
		expect(translate('en', 'connector.connect', { connector: 'Slack' })).toBe('Connect to Slack');
		expect(browserLocale(['de-AT', 'en'])).toBe('de');
		expect(browserLocale(['fr-FR', 'en-GB'])).toBe('en');
		expect(browserLocale(['fr-FR'])).toBe('en');
	});
});
