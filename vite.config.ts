import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
});
