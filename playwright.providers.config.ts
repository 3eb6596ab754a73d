/**
 * The provider suite (`npm run test:providers`): the real catalog, unchanged, against the vendor
 * replicas of sandbox/providers. Inside the test browser only, the vendors' hostnames resolve to
 * the replica server and its certificate (made for this run) is accepted by its key hash; the
 * app is the same build as the other end-to-end tests, on its own port so both suites can run
 * at once.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './tests/chromium.js';

export const APP_PORT = 4174;
export const REPLICA_PORT = 9443;
export const CONTROL_PORT = 9402;

// One certificate per run (workers inherit the environment of the main process).
process.env.REPLICA_TLS_DIR ??= join(tmpdir(), `switchboard-replicas-${process.pid}`);
const tlsDir = process.env.REPLICA_TLS_DIR;
const { spki, rules } = JSON.parse(
	execFileSync(process.execPath, ['sandbox/providers/tls.js', tlsDir, String(REPLICA_PORT)], {
		encoding: 'utf8'
	})
) as { spki: string; rules: string };

export default defineConfig({
	testDir: 'tests/providers',
	// Apart from the other suite's results (both may run at once).
	outputDir: process.env.PROVIDERS_OUTPUT ?? 'test-results-providers',
	fullyParallel: false,
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [
		['list'],
		['./tests/providers/table-reporter.ts', { output: 'test-results-providers/table.md' }]
	],
	use: {
		baseURL: `http://localhost:${APP_PORT}`,
		trace: 'retain-on-failure',
		locale: 'en-US',
		launchOptions: {
			...chromiumLaunchOptions,
			args: [
				...chromiumLaunchOptions.args,
				`--host-resolver-rules=${rules}`,
				`--ignore-certificate-errors-spki-list=${spki}`
			]
		}
	},
	projects: [
		// The catalog as a browser page reaches it: types the vendor refuses must stop at Connect.
		{ name: 'providers', use: { browserName: 'chromium' }, testIgnore: /bridge\.spec\.ts/ },
		// Those types again, through the Switchboard Bridge extension (tests/providers/bridge-fixtures.ts).
		{ name: 'bridge', use: { browserName: 'chromium' } }
	],
	webServer: [
		{
			command: 'node scripts/serve.js',
			url: `http://localhost:${APP_PORT}/200.html`,
			reuseExistingServer: !process.env.CI,
			env: { PORT: String(APP_PORT) }
		},
		{
			command: 'node sandbox/providers/index.js',
			url: `http://localhost:${CONTROL_PORT}/health`,
			// Never another run's replicas: the browser trusts only this run's certificate.
			reuseExistingServer: false,
			env: {
				REPLICA_TLS_DIR: tlsDir,
				REPLICA_PORT: String(REPLICA_PORT),
				REPLICA_CONTROL_PORT: String(CONTROL_PORT),
				REPLICA_APP_ORIGINS: `http://localhost:${APP_PORT}`
			}
		}
	]
});
