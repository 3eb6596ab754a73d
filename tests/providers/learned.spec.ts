/**
 * A value learned after sign-in with several offers: DocuSign's userinfo lists two accounts for
 * the production user (na3, the default, and eu). The connection takes the default, the page
 * offers the other, and choosing it moves the connection's API requests to that account's host.
 */
import { expect, test } from '@playwright/test';
import { createVault, openConnect } from '../e2e/helpers';

const PUBLIC_KEY = '6f0a3c9e-2b1d-4e8f-9a7c-5d3e1f2a4b6c';
const NA3_ACCOUNT = '2d4f6a8c-0e2a-4c6e-9a0c-2e4a6c8e0a2c';
const EU_ACCOUNT = '7c9e1a3b-5d7f-4b9a-8c1e-3f5a7b9c1d3e';

test('DocuSign: the default account’s host is learned, and another offered one can be chosen', async ({
	page
}) => {
	await createVault(page);
	await openConnect(page, 'docusign', /^DocuSign/);
	const authType = page.getByLabel('Authentication type');
	const clientId = page.getByLabel(/^Client ID/);
	await expect(async () => {
		await authType.selectOption({ label: 'OAuth 2.0 Authorization code with PKCE' });
		await page.getByLabel(/^Account server/).fill('account.docusign.com');
		await clientId.fill(PUBLIC_KEY);
		await expect(clientId).toHaveValue(PUBLIC_KEY, { timeout: 500 });
	}).toPass();
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await (await popupOpened).getByRole('button', { name: 'Accept' }).click();

	await expect(page.getByTestId('learned-baseUri')).toHaveText('na3.docusign.net');
	const picker = page.getByLabel('Use another eSignature API host');
	await expect(picker.locator('option')).toHaveText(['Smart Europe', 'Smart Inc.']);
	await expect(picker).toHaveValue('na3.docusign.net');

	const send = async (account: string) => {
		await page.getByLabel('Path').fill(`/accounts/${account}`);
		await page.getByRole('button', { name: 'Send request' }).click();
	};
	await send(NA3_ACCOUNT);
	await expect(page.getByTestId('response-body')).toContainText('Smart Inc.');

	await picker.selectOption({ label: 'Smart Europe' });
	await expect(page.getByTestId('learned-baseUri')).toHaveText('eu.docusign.net');
	// Requests now go to eu.docusign.net: the EU account answers, the na3 one is not served there.
	await send(EU_ACCOUNT);
	await expect(page.getByTestId('response-body')).toContainText('Smart Europe');
	await send(NA3_ACCOUNT);
	await expect(page.getByTestId('response-status')).toHaveText(/^400/);
	await expect(page.getByTestId('response-body')).toContainText(
		'USER_DOES_NOT_BELONG_TO_SPECIFIED_ACCOUNT'
	);
	// The choice is stored: it survives a reload and unlock.
	await page.reload();
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByTestId('learned-baseUri')).toHaveText('eu.docusign.net');
});
