import { expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'correct horse battery staple';

/** Opens the app on a fresh origin storage and creates a vault. */
export async function createVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
	await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	await page.getByLabel('Repeat passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Create vault' }).click();
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
	await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
}
