// Builds the service worker after `vite build`: Workbox precaches the whole static app, so once
// loaded it starts and works with the network off. Navigations fall back to the SPA shell.
import { generateSW } from 'workbox-build';

const out = process.env.SWITCHBOARD_OUT ?? 'build';
const { count, size, warnings } = await generateSW({
	globDirectory: out,
	globPatterns: ['**/*.{html,js,css,svg,png,webmanifest,json}'],
	// The browser extension's builds (scripts/build-extension.js) are not part of the app.
	globIgnores: ['extension/**', 'extension-test/**'],
	swDest: `${out}/sw.js`,
	navigateFallback: '/200.html',
	// Hashed assets are immutable: no cache-busting query needed.
	dontCacheBustURLsMatching: /\/_app\/immutable\//,
	maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
	// A new version waits for the user's "Reload" (see src/lib/state/pwa.svelte.ts).
	skipWaiting: false,
	clientsClaim: true,
	cleanupOutdatedCaches: true,
	inlineWorkboxRuntime: true,
	sourcemap: false
});
for (const warning of warnings) console.warn(warning);
console.log(`service worker: ${count} files precached, ${(size / 1024).toFixed(0)} KiB`);
