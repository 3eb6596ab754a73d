import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The hashes of the inline scripts in src/app.html (SvelteKit hashes only its own). */
const templateScripts = [
	...readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').matchAll(
		/<script>([\s\S]*?)<\/script>/g
	)
].map(
	([, body]) =>
		`sha256-${createHash('sha256')
			.update(body ?? '')
			.digest('base64')}`
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SWITCHBOARD_OUT lets the benchmark build (`--mode bench`) go beside the real one.
		adapter: adapter({
			pages: process.env.SWITCHBOARD_OUT ?? 'build',
			assets: process.env.SWITCHBOARD_OUT ?? 'build',
			fallback: '200.html',
			strict: true
		}),
		// Workbox builds the service worker after `vite build` (scripts/build-sw.js).
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...templateScripts],
				'worker-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				// The page fetches only its own origin: providers' token endpoints and APIs are
				// reached from the worker, whose script response carries its own policy (README
				// "Deploying"). frame-ancestors is a response header (scripts/serve.js): a meta
				// policy cannot carry it.
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				// DOM XSS sinks take only values made by a named policy: Svelte's for its templates,
				// app.html's default one for the worker's and service worker's script URLs.
				'require-trusted-types-for': ['script'],
				'trusted-types': ['svelte-trusted-html', 'default']
			}
		}
	}
};

export default config;
