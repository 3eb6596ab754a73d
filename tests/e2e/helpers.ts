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

/** From the shell, open the connection screen of a connector found by search. */
export async function openConnect(
	page: Page,
	search: string,
	connectorName: string | RegExp
): Promise<void> {
	await page.getByRole('link', { name: 'Connectors', exact: true }).click();
	await page.getByLabel('Search connectors').fill(search);
	await page
		.getByRole('list', { name: 'Connectors' })
		.getByRole('link', { name: connectorName })
		.first()
		.click();
	await page.getByRole('link', { name: /^Connect to/ }).click();
}

/** The sandbox provider's own login and consent pages. */
export async function signInAtSandbox(
	popup: Page,
	user = 'alice',
	consent: 'Allow' | 'Deny' = 'Allow'
): Promise<void> {
	await popup.getByLabel('Username').fill(user);
	await popup.getByLabel('Password').fill(`${user}-password`);
	await popup.getByRole('button', { name: 'Sign in' }).click();
	await popup.getByRole('button', { name: consent }).click();
}
