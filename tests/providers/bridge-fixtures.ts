/**
 * The provider suite's `bridge` project: each test gets its own browser profile with the test
 * build of the Switchboard Bridge extension loaded (build/extension-test: the same extension, its
 * hosts pre-granted because headless Chromium cannot answer the browser's permission prompt), and
 * pairs it with the vault it creates. The other project uses Playwright's own page.
 */
import { expect, test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';

export const EXTENSION_DIR = resolve('build/extension-test');
export const EXTENSION_ID = 'lhgofkhplhildfjabjbldakendmlokep';

export const test = base.extend<{ bridged: boolean; extensionContext: BrowserContext | null }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function names.
	bridged: async ({}, use, info) => use(info.project.name === 'bridge'),
	extensionContext: async ({ bridged, launchOptions, baseURL, locale }, use) => {
		if (!bridged) return use(null);
		const context = await chromium.launchPersistentContext('', {
			...launchOptions,
			headless: true,
			baseURL,
			locale,
			args: [
				...(launchOptions.args ?? []),
				`--disable-extensions-except=${EXTENSION_DIR}`,
				`--load-extension=${EXTENSION_DIR}`
			]
		});
		await use(context);
		await context.close();
	},
	page: async ({ page, extensionContext }, use) => {
		if (!extensionContext) return use(page);
		await use(extensionContext.pages()[0] ?? (await extensionContext.newPage()));
	}
});

/** The next window the extension opens (pair.html, grant.html), once it shows its request. */
export function extensionWindow(context: BrowserContext, name: 'pair' | 'grant'): Promise<Page> {
	return context.waitForEvent('page', {
		predicate: (p) => p.url().startsWith(`chrome-extension://${EXTENSION_ID}/${name}.html`),
		timeout: 15_000
	});
}

/** Settings › Browser bridge › Pair, confirmed in the extension's window showing the same code. */
export async function pairBridge(page: Page): Promise<void> {
	await page.getByRole('link', { name: 'Settings' }).click();
	const status = page.getByTestId('bridge-status');
	await expect(status).toHaveAttribute('data-status', 'installed');
	const opened = extensionWindow(page.context(), 'pair');
	await page.getByRole('button', { name: 'Pair', exact: true }).click();
	const window = await opened;
	const code = (await page.getByTestId('bridge-code').locator('strong').textContent())?.trim();
	await expect(window.locator('#code')).toHaveText(code ?? 'no code shown');
	await window.locator('#pair').click();
	await expect(status).toHaveAttribute('data-status', 'paired');
}
