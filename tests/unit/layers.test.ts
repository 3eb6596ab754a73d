/**
 * The layer rules of eslint.config.js (DESIGN.md "Layout") refuse what they should, with a
 * message that names the rule, and let the allowed imports through.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The probe files do not exist on disk, so the type-aware parser settings are turned off for them.
const eslint = new ESLint({
	cwd: process.cwd(),
	overrideConfig: {
		languageOptions: { parserOptions: { projectService: false } },
		rules: { '@typescript-eslint/no-floating-promises': 'off' }
	}
});

async function problems(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: file });
	const messages = result?.messages ?? [];
	const fatal = messages.find((m) => m.fatal);
	if (fatal) throw new Error(`ESLint could not parse the probe: ${fatal.message}`);
	return messages
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
		.map((m) => m.message);
}

describe('layer rules', () => {
	it('refuse an upward import, naming the layer order', async () => {
		const found = await problems(
			'src/lib/oauth/probe.ts',
			"import { listConnections } from '../connections';\nexport const x = listConnections;\n"
		);
		expect(found.join('\n')).toMatch(/Layer order .*oauth may import only lower layers/);
	});

	it('refuse the worker outside lib/state', async () => {
		for (const file of ['src/routes/probe.ts', 'src/lib/ui/probe.ts']) {
			const found = await problems(
				file,
				"import { worker } from '$lib/worker';\nexport const x = worker;\n"
			);
			expect(found.join('\n')).toMatch(/Only lib\/state talks to the worker/);
		}
		expect(
			await problems(
				'src/lib/state/probe.ts',
				"import { worker } from '../worker';\nexport const x = worker;\n"
			)
		).toEqual([]);
	});

	it("refuse deep imports into another folder's files", async () => {
		const found = await problems(
			'src/lib/connections/probe.ts',
			"import { fillUrl } from '../catalog/template';\nexport const x = fillUrl;\n"
		);
		expect(found.join('\n')).toMatch(/No deep imports/);
		// Components and the lazy catalog entry are the two sanctioned file imports.
		expect(
			await problems(
				'src/routes/probe.ts',
				"import Badge from '$lib/ui/StatusBadge.svelte';\nexport const x = Badge;\n"
			)
		).toEqual([]);
		expect(
			await problems(
				'src/lib/worker/probe.ts',
				"import { loadCatalog } from '../catalog/load';\nexport const x = loadCatalog;\n"
			)
		).toEqual([]);
	});

	it('keep idb in lib/db and crypto.subtle in lib/crypto', async () => {
		const idb = "import { openDB } from 'idb';\nexport const x = openDB;\n";
		expect((await problems('src/lib/vault/probe.ts', idb)).join('\n')).toMatch(/Only lib\/db/);
		expect(await problems('src/lib/db/probe.ts', idb)).toEqual([]);
		const subtle = 'export const x = crypto.subtle;\n';
		expect((await problems('src/lib/vault/probe.ts', subtle)).join('\n')).toMatch(
			/Only lib\/crypto/
		);
		expect(await problems('src/lib/crypto/probe.ts', subtle)).toEqual([]);
	});
});
