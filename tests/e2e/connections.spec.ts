import { expect, test } from '@playwright/test';
import { createVault, openConnect, signInAtSandbox } from './helpers';

test('authorization code with PKCE (public client) through the real login and consent pages', async ({
	page
}) => {
	await createVault(page);
	await openConnect(page, 'sandbox pkce', /PKCE/);
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	const popup = await popupOpened;
	await signInAtSandbox(popup);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/PKCE/);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
	await expect(page.getByTestId('granted-scopes')).toContainText('api:read');
});
