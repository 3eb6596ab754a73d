import { expect, test, type Page } from '@playwright/test';
import { createVault, openConnect, signInAtSandbox } from './helpers';

/** Connects through a popup at the sandbox; ends on the new connection's page. */
async function connectWithPopup(page: Page, user = 'alice') {
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await signInAtSandbox(await popupOpened, user);
	await expect(page.getByTestId('account')).toBeVisible();
}

async function connectDirect(page: Page) {
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByTestId('account')).toBeVisible();
}

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test.beforeEach(async ({ page }) => {
	await createVault(page);
});

test('authorization code with PKCE, public client', async ({ page }) => {
	await openConnect(page, 'sandbox pkce', /PKCE/);
	await connectWithPopup(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/PKCE/);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
	await expect(page.getByTestId('granted-scopes')).toContainText('api:read');
	await expect(page.getByTestId('next-refresh')).not.toHaveText('—');
});

test('authorization code, confidential client with the secret in a Basic header', async ({
	page
}) => {
	await openConnect(page, 'sandbox authorization code', 'Sandbox — OAuth 2.0 Authorization code');
	await connectWithPopup(page, 'bob');
	await expect(page.getByTestId('account')).toHaveText('bob@example.test');
});

test('authorization code, confidential client with the secret in the body', async ({ page }) => {
	await openConnect(page, 'sandbox body', /body/i);
	await connectWithPopup(page);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
});

test('bring your own OAuth app: the user’s client id, secret and scopes', async ({ page }) => {
	await openConnect(page, 'sandbox bring', /Bring your own/);
	await textbox(page, 'Client ID').fill('sandbox-byoa');
	await textbox(page, 'Client secret').fill('sandbox-byoa-secret');
	await textbox(page, 'Scopes').fill('openid email offline_access api:read api:write');
	await connectWithPopup(page);
	await expect(page.getByTestId('granted-scopes')).toContainText('api:write');
});

test('client credentials: no redirect, account is System', async ({ page }) => {
	await openConnect(page, 'sandbox client credentials', /Client credentials/);
	await connectDirect(page);
	await expect(page.getByTestId('account')).toHaveText('System');
	await expect(page.getByTestId('expires')).not.toHaveText('—');
});

test('password grant, labelled discouraged', async ({ page }) => {
	await openConnect(page, 'sandbox password', /Password/);
	await expect(page.getByText('Discouraged')).toBeVisible();
	await textbox(page, 'Username').fill('alice');
	await textbox(page, 'Password').fill('alice-password');
	await connectDirect(page);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
});

for (const [search, fill, account] of [
	['sandbox basic', { Username: 'bob', Password: 'bob-password' }, 'bob@example.test'],
	['sandbox api key', { 'API key': 'sandbox-api-key-123' }, 'Alice Example'],
	['sandbox personal', { 'Personal access token': 'sandbox-pat-456' }, 'Alice Example'],
	['sandbox custom', {}, 'Acme tenant'],
	['sandbox no authentication', {}, 'System']
] as const) {
	test(`${search.replace('sandbox ', '')}: verified by the check request`, async ({ page }) => {
		await openConnect(page, search, /^Sandbox/);
		for (const [label, value] of Object.entries(fill)) await textbox(page, label).fill(value);
		if (search === 'sandbox custom') {
			await textbox(page, 'Tenant').fill('acme');
			await textbox(page, 'API token').fill('sandbox-custom-789');
		}
		await connectDirect(page);
		await expect(page.getByTestId('account')).toHaveText(account);
		await expect(page.getByText('Connected', { exact: true })).toBeVisible();
	});
}

test('wrong API key: refused, nothing stored', async ({ page }) => {
	await openConnect(page, 'sandbox api key', /^Sandbox/);
	await textbox(page, 'API key').fill('not-the-key');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('refused the connection’s credentials');
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
});

test('popups blocked: the whole tab goes to the provider and the flow completes after unlock', async ({
	page
}) => {
	await page.addInitScript(() => {
		window.open = () => null;
	});
	await page.reload();
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await openConnect(page, 'sandbox pkce', /PKCE/);
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await signInAtSandbox(page);
	// Back at /callback in this tab: the key went with the page, so unlock to finish.
	await expect(page.getByText('Unlock the vault to finish creating the connection.')).toBeVisible();
	await expect(page).toHaveURL(/\/callback$/);
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	await expect(page).toHaveURL(/\/connections\/[0-9a-f-]+$/);
});

test('reconnect a redirect-flow connection in place: same id, new sign-in', async ({ page }) => {
	await openConnect(page, 'sandbox pkce', /PKCE/);
	await connectWithPopup(page);
	const url = page.url();
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Reconnect' }).click();
	const popup = await popupOpened;
	// The provider still has a session: it may go straight back, or ask again.
	await Promise.race([
		popup.waitForEvent('close'),
		popup
			.getByLabel('Username')
			.waitFor()
			.then(() => signInAtSandbox(popup))
	]);
	await expect(page.getByText('Reconnected.')).toBeVisible();
	expect(page.url()).toBe(url);
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await expect(
		page.getByRole('region', { name: 'Connections in this folder' }).getByRole('row')
	).toHaveCount(2);
});
