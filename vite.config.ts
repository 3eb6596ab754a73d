import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * The modes that build the local sandbox flavour: the 11 sandbox connectors (test credentials
 * in their defaults and descriptions, http://localhost endpoints) and the "Local sandbox build"
 * label. `npm run build` (mode production, or any mode not listed) ships without them; the
 * sandbox connectors are then tree-shaken out of the catalog (src/lib/catalog/load.ts).
 */
const SANDBOX_MODES = new Set(['sandbox', 'bench', 'development', 'test']);

export default defineConfig(({ mode }) => {
	const sandbox = SANDBOX_MODES.has(mode);
	// For src/app.html (`%sveltekit.env.…%`): SvelteKit reads the environment after this runs.
	process.env.PUBLIC_SWITCHBOARD_SANDBOX_LABEL = sandbox ? 'Local sandbox build' : '';
	process.env.PUBLIC_SWITCHBOARD_SANDBOX_LABEL_DE = sandbox ? 'Lokaler Sandbox-Build' : '';
	return {
		plugins: [sveltekit()],
		// A string, as Vitest hands `define`d env values over as strings.
		define: { 'import.meta.env.SWITCHBOARD_SANDBOX': JSON.stringify(String(sandbox)) },
		worker: { format: 'es' },
		server: { port: 5173 },
		preview: { port: 4173, strictPort: true },
		test: {
			projects: [
				{
					extends: true,
					test: {
						name: 'unit',
						include: ['tests/unit/**/*.test.ts'],
						environment: 'node',
						setupFiles: ['tests/unit/setup.ts']
					}
				},
				{
					// State modules (runes) with the worker faked, in a DOM; Svelte's client build.
					extends: true,
					resolve: { conditions: ['browser'] },
					test: {
						name: 'state',
						include: ['tests/unit/**/*.svelte.spec.ts'],
						environment: 'jsdom'
					}
				}
			]
		}
	};
});
