import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import sirv from 'sirv';
import { createVault, PASSPHRASE, unlock } from './helpers';

test('once loaded, the app reloads and works with the network off', async ({ page, context }) => {
	await createVault(page);
	// Wait until the service worker has precached everything and controls the page.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve)
			);
	});
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await expect(page.getByText('You are offline.')).toBeVisible();
	await unlock(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
	// A deep link never visited before is served by the precached shell too.
	await page.goto('/connectors');
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await context.setOffline(false);
});

test('the manifest makes the app installable', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(new URL(href!, page.url()).href)).json();
	expect(manifest).toMatchObject({
		name: 'Switchboard',
		display: 'standalone',
		start_url: '/connections'
	});
	const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	for (const icon of manifest.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});

test('a new version waits for "Reload" instead of changing under the user', async ({ page }) => {
	// Its own static host, so the test can "deploy" a new service worker mid-session.
	let deployed = false;
	const files = sirv('build', { single: '200.html', dev: true });
	const server = createServer((req, res) => {
		if (req.url === '/sw.js' && deployed) {
			res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
			res.end(`${readFileSync('build/sw.js', 'utf8')}\n// next version\n`);
			return;
		}
		files(req, res);
	});
	await new Promise<void>((resolve) => server.listen(4199, 'localhost', resolve));
	try {
		await page.goto('http://localhost:4199/');
		await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
		await page.getByLabel('Repeat passphrase').fill(PASSPHRASE);
		await page.getByRole('button', { name: 'Create vault' }).click();
		await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller)
				await new Promise((resolve) =>
					navigator.serviceWorker.addEventListener('controllerchange', resolve)
				);
		});
		deployed = true;
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await expect(page.getByText('An update of Switchboard is available.')).toBeVisible();
		// Nothing changed under the user: the vault is still open on the old version.
		await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
		await page.getByRole('button', { name: 'Reload' }).click();
		await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
		await expect(page.getByText('An update of Switchboard is available.')).toHaveCount(0);
		expect(
			await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)
		).toBe(false);
	} finally {
		server.close();
	}
});
