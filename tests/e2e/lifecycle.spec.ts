import { expect, test, type Page } from '@playwright/test';
import { PASSPHRASE, createVault, openConnect } from './helpers';

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

async function addApiKeyConnection(page: Page, name: string) {
	await openConnect(page, 'sandbox api key', /^Sandbox/);
	await textbox(page, 'Connection name').fill(name);
	await textbox(page, 'API key').fill('sandbox-api-key-123');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
	await createVault(page);
});

test('rename inline, description and polling interval persist', async ({ page }) => {
	await addApiKeyConnection(page, 'Key one');
	await page.getByRole('button', { name: 'Rename' }).click();
	await textbox(page, 'Connection name').fill('Renamed key');
	await page.getByRole('button', { name: 'Save name' }).click();
	await expect(page.getByRole('heading', { name: 'Renamed key', level: 1 })).toBeVisible();
	await page.getByLabel('Description').fill('Used by the nightly report');
	await page.getByLabel('Polling interval (minutes)').fill('15');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.reload();
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByRole('heading', { name: 'Renamed key', level: 1 })).toBeVisible();
	await expect(page.getByLabel('Description')).toHaveValue('Used by the nightly report');
	await expect(page.getByLabel('Polling interval (minutes)')).toHaveValue('15');
});

test('list with filter and sort; one default per connector per folder', async ({ page }) => {
	await addApiKeyConnection(page, 'Alpha key');
	await expect(page.getByText('Default', { exact: true })).toBeVisible();
	// With a single connection of the connector, "Set as default" is not offered.
	await expect(page.getByRole('button', { name: 'Set as default' })).toHaveCount(0);
	await addApiKeyConnection(page, 'Beta key');
	await page.getByRole('button', { name: 'Set as default' }).click();
	await expect(page.getByText('Default', { exact: true })).toBeVisible();
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	const table = page.getByRole('region', { name: 'Connections in this folder' });
	await expect(table.getByRole('row')).toHaveCount(3);
	const beta = table.getByRole('row').filter({ hasText: 'Beta key' });
	await expect(beta).toContainText('Default');
	await expect(table.getByRole('row').filter({ hasText: 'Alpha key' })).not.toContainText(
		'Default'
	);
	await page.getByLabel('Filter connections').fill('alp');
	await expect(table.getByRole('row')).toHaveCount(2);
	await page.getByLabel('Filter connections').fill('');
	await page.getByLabel('Sort by').selectOption('name');
	await expect(table.getByRole('row').nth(1)).toContainText('Alpha key');
});

test('check connection shows the verified time; delete asks first', async ({ page }) => {
	await addApiKeyConnection(page, 'To check');
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verified at' })).toContainText(
		'HTTP 200'
	);
	await expect(page.getByTestId('last-checked')).not.toHaveText('—');
	await page.getByRole('button', { name: 'Delete' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete To check?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('heading', { name: 'To check', level: 1 })).toBeVisible();
	await page.getByRole('button', { name: 'Delete' }).click();
	await dialog.getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
});

test('folders: create, move a connection there, rename, delete with its connections', async ({
	page
}) => {
	await addApiKeyConnection(page, 'Shared key');
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await page.getByText('Manage folders').click();
	await page.getByLabel('New shared folder').fill('Finance team');
	await page.getByRole('button', { name: 'Create folder' }).click();
	await expect(page.getByLabel('Current folder')).toHaveValue(/.+/);
	await expect(page.getByLabel('Current folder').locator('option:checked')).toHaveText(
		'Finance team'
	);
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
	await page.getByLabel('Current folder').selectOption({ label: 'My Workspace' });
	await page.getByRole('link', { name: 'Shared key' }).click();
	await page.getByLabel('Move to folder').selectOption({ label: 'Finance team' });
	await page.getByRole('button', { name: 'Move', exact: true }).click();
	await expect(page.getByText('Moved.')).toBeVisible();
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
	await page.getByLabel('Current folder').selectOption({ label: 'Finance team' });
	await expect(page.getByRole('link', { name: 'Shared key' })).toBeVisible();
	await page.getByText('Manage folders').click();
	await page.getByRole('button', { name: 'Rename Finance team' }).click();
	await page.getByLabel('New folder name').fill('Finance');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Current folder').locator('option:checked')).toHaveText('Finance');
	await page.getByRole('button', { name: 'Delete Finance' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('Its connection is deleted with it');
	await dialog.getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByLabel('Current folder').locator('option:checked')).toHaveText(
		'My Workspace'
	);
	await expect(page.getByLabel('Current folder').locator('option')).toHaveCount(1);
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
});

test('request console: auth applied, response shown, Copy as curl hides the secret', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await addApiKeyConnection(page, 'Console key');
	await page.getByLabel('Path').fill('/api/echo?x=1');
	await page.getByLabel('Method').selectOption('POST');
	await page.getByLabel('Body').fill('{"hello":"world"}');
	await page
		.getByLabel(/^Headers/)
		.fill('Accept: application/json\nContent-Type: application/json');
	await page.getByRole('button', { name: 'Send request' }).click();
	await expect(page.getByTestId('response-status')).toHaveText(/^200/);
	const body = page.getByTestId('response-body');
	await expect(body).toContainText('"x-access-token": "sandbox-api-key-123"');
	await expect(body).toContainText('"hello": "world"');
	const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
	await page.getByRole('button', { name: 'Copy as curl' }).click();
	// The copy goes through the worker: wait for the clipboard to change.
	await expect.poll(clipboard).toContain('curl');
	const curl = await clipboard();
	expect(curl).toContain("curl -X 'POST'");
	expect(curl).toContain('http://localhost:9401/api/echo?x=1');
	expect(curl).not.toContain('sandbox-api-key-123');
	expect(curl).toMatch(/X-Access-Token: <[^>]+>/i);
	// Including the secret needs the passphrase again: the worker refuses without it.
	await page.getByLabel('Include the secret').check();
	await page.getByRole('button', { name: 'Copy as curl' }).click();
	await expect(page.getByRole('alert')).toContainText('needs your passphrase again');
	expect(await clipboard()).not.toContain('sandbox-api-key-123');
	await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase');
	await page.getByRole('button', { name: 'Confirm and copy' }).click();
	await expect(page.getByRole('alert').last()).toContainText('passphrase');
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Confirm and copy' }).click();
	await expect.poll(clipboard).toContain('sandbox-api-key-123');
	// Within the minute, another copy with the secret needs no new proof.
	await page.getByRole('button', { name: 'Copy as curl' }).click();
	await expect(page.getByRole('button', { name: 'Confirm and copy' })).toHaveCount(0);
});

test('German connection pages', async ({ page }) => {
	await addApiKeyConnection(page, 'Schlüssel');
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByLabel('Language').selectOption('de');
	await page.getByRole('link', { name: 'Verbindungen', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Verbindung hinzufügen' })).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'Konto' })).toBeVisible();
	await page.getByRole('link', { name: 'Schlüssel' }).click();
	for (const name of [
		'Verbindung prüfen',
		'Neu verbinden',
		'Löschen',
		'Umbenennen',
		'Anfrage senden',
		'Als curl kopieren'
	])
		await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	await expect(page.getByText('Verbunden', { exact: true })).toBeVisible();
});
