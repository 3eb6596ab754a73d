import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { validateConnector } from '../../src/lib/catalog/validate';

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const referenceNames = readFileSync(
	join(import.meta.dirname, '../fixtures/reference-connectors.txt'),
	'utf8'
)
	.split('\n')
	.map((l) => l.trim())
	.filter(Boolean);

describe('catalog files', () => {
	const connectors = files.map((file) => ({
		file,
		raw: JSON.parse(readFileSync(join(dir, file), 'utf8'))
	}));

	it.each(connectors.map((c) => [c.file, c.raw]))('%s validates', (file, raw) => {
		const connector = validateConnector(raw);
		expect(`${connector.id}.json`).toBe(file);
	});

	it('has unique ids and names', () => {
		const ids = connectors.map((c) => c.raw.id);
		const names = connectors.map((c) => c.raw.name);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(names).size).toBe(names.length);
	});

	it('names exactly the sandbox connectors sandbox-*.json (the shipped build leaves those out)', () => {
		// src/lib/catalog/load.ts globs the sandbox files by name, in the sandbox build only.
		for (const { file, raw } of connectors)
			expect(file.startsWith('sandbox-'), file).toBe(raw.sandbox === true);
	});

	it('outside the sandbox build, refuses the sandbox connectors and only them', async () => {
		vi.stubEnv('SWITCHBOARD_SANDBOX', 'false');
		vi.resetModules();
		try {
			const shipped = await import('../../src/lib/catalog/validate');
			for (const { file, raw } of connectors) {
				if (raw.sandbox)
					expect(() => shipped.validateConnector(raw), file).toThrow(/only in the sandbox build/);
				else expect(shipped.validateConnector(raw).id, file).toBe(raw.id);
			}
		} finally {
			vi.unstubAllEnvs();
			vi.resetModules();
		}
	});

	it('holds every connector of the reference catalog, named as there', () => {
		const names = new Set(connectors.filter((c) => !c.raw.sandbox).map((c) => c.raw.name));
		const missing = referenceNames.filter((n) => !names.has(n));
		expect(missing).toEqual([]);
		expect(names.size).toBe(referenceNames.length);
	});

	it('suggests existing connectors that are not unsupported themselves as alternatives', () => {
		const byId = new Map(connectors.map((c) => [c.raw.id, c.raw]));
		for (const { raw } of connectors)
			for (const alt of raw.unsupported?.alternatives ?? []) {
				expect([...byId.keys()], raw.id).toContain(alt);
				expect(byId.get(alt)?.unsupported, `${raw.id} → ${alt}`).toBeUndefined();
			}
	});

	it('marks only connectors without a browser protocol unsupported, each with a reason', () => {
		const unsupported = connectors.filter((c) => c.raw.unsupported);
		expect(unsupported.length).toBeGreaterThan(0);
		for (const { raw } of unsupported) {
			expect(raw.unsupported.reason.en, raw.id).toBeTruthy();
			expect(raw.unsupported.reason.de, raw.id).toBeTruthy();
		}
		// The old per-connector verdict is gone: reach follows from the host facts (hosts.json).
		for (const { raw } of connectors) expect(raw, raw.id).not.toHaveProperty('browserSupport');
	});
});
