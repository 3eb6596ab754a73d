import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from './tests/chromium.js';

// The tests drive the sandbox connectors, which only the local sandbox flavour has
// (`npm run build:sandbox`; `npm run build` is the shipped flavour, without them).
let shell = '';
try {
	shell = readFileSync('build/200.html', 'utf8');
} catch {
	// No build yet: the app server reports that.
}
if (shell && !/data-sandbox-label="[^"]+"/.test(shell))
	throw new Error(
		'build/ holds the shipped build, without the sandbox connectors: run `npm run build:sandbox` first'
	);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// One worker: tests share the sandbox's counters and fault injection.
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: 'http://localhost:4173',
		trace: 'retain-on-failure',
		locale: 'en-US',
		launchOptions: chromiumLaunchOptions
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: [
		{
			command: 'node scripts/serve.js',
			url: 'http://localhost:4173/200.html',
			reuseExistingServer: !process.env.CI,
			env: { PORT: '4173' }
		},
		{
			// Short-lived tokens so refresh behaviour shows within a test.
			command: 'node sandbox/index.js',
			url: 'http://localhost:9400/.well-known/openid-configuration',
			reuseExistingServer: !process.env.CI,
			env: { SANDBOX_ACCESS_TOKEN_TTL: '20' }
		}
	]
});
