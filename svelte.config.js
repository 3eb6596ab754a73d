import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
				'script-src': ['self'],
				'worker-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				// OAuth token endpoints and APIs are reached from the browser; the sandbox is on localhost.
				'connect-src': ['self', 'https:', 'http://localhost:*'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
