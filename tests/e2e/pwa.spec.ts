import { expect, test } from '@playwright/test';
import { createVault, unlock } from './helpers';

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
