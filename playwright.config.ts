import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.js';

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
