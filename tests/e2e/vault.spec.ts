import { expect, test } from '@playwright/test';
import { createVault, PASSPHRASE, unlock } from './helpers';

test('create vault, lock, unlock', async ({ page }) => {
	await createVault(page);
	await expect(page).toHaveURL(/\/connections$/);
	await expect(page.getByRole('link', { name: 'Connections' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await page.getByRole('button', { name: 'Lock' }).click();
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await unlock(page);
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
	// A reload drops the key: the vault asks again.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await unlock(page);
	await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
});

test('vault creation validates the passphrase', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Passphrase', { exact: true }).fill('short');
	await expect(page.getByText('Strength: too short')).toBeVisible();
	await page.getByLabel('Repeat passphrase').fill('shorter');
	await page.getByRole('button', { name: 'Create vault' }).click();
	await expect(page.getByText('The two passphrases are not the same.')).toBeVisible();
	await expect(page.getByText('cannot be recovered')).toBeVisible();
	await page.getByLabel('Passphrase', { exact: true }).fill('Tr0ub4dor & 3 purple elephants');
	await expect(page.getByText('Strength: strong')).toBeVisible();
	await page.getByRole('button', { name: 'Show passphrase' }).first().click();
	await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAttribute('type', 'text');
});

test('a wrong passphrase is refused and changes nothing', async ({ page }) => {
	await createVault(page);
	await page.getByRole('button', { name: 'Lock' }).click();
	await unlock(page, 'not the passphrase');
	await expect(page.getByRole('alert')).toContainText('That passphrase is not correct.');
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await unlock(page);
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
});

test('auto-lock after the idle time set in Settings', async ({ page }) => {
	await page.clock.install();
	await createVault(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Lock automatically after').selectOption('5');
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.clock.fastForward('04:00');
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
	await page.clock.fastForward('01:30');
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	await expect(page.getByRole('status')).toContainText('after 5 minutes without activity');
});

test('change passphrase: the new one unlocks, the old one fails', async ({ page }) => {
	const next = 'a brand new passphrase 2026';
	await createVault(page);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Current passphrase').fill('wrong current passphrase');
	await page.getByLabel('New passphrase', { exact: true }).fill(next);
	await page.getByLabel('Repeat new passphrase').fill(next);
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.getByRole('alert')).toContainText('That passphrase is not correct.');
	await page.getByLabel('Current passphrase').fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.getByText('Passphrase changed.')).toBeVisible();
	await page.getByRole('button', { name: 'Lock' }).click();
	await unlock(page, PASSPHRASE);
	await expect(page.getByRole('alert')).toContainText('That passphrase is not correct.');
	await unlock(page, next);
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
});

test('locking in one tab locks the other; settings follow', async ({ context }) => {
	const first = await context.newPage();
	await createVault(first);
	const second = await context.newPage();
	await second.goto('/connections');
	await unlock(second);
	await expect(second.getByRole('button', { name: 'Lock' })).toBeVisible();
	await first.getByRole('link', { name: 'Settings' }).click();
	await first.getByLabel('Language').selectOption('de');
	await expect(second.getByRole('button', { name: 'Sperren' })).toBeVisible();
	await first.getByRole('button', { name: 'Sperren' }).click();
	await expect(second.getByRole('heading', { name: 'Switchboard entsperren' })).toBeVisible();
});
