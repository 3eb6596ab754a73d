import { expect, test, type Page } from '@playwright/test';
import { createVault, openConnect, signInAtSandbox, unlock } from './helpers';

const SANDBOX = 'http://localhost:9400/__sandbox';
const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const connect = (page: Page) => page.getByRole('button', { name: 'Connect', exact: true }).click();

async function expectNothingStored(page: Page) {
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
}

async function byoa(
	page: Page,
	clientId: string,
	secret: string,
	scopes = 'openid offline_access api:read'
) {
	await openConnect(page, 'sandbox bring', /Bring your own/);
	await textbox(page, 'Client ID').fill(clientId);
	await textbox(page, 'Client secret').fill(secret);
	await textbox(page, 'Scopes').fill(scopes);
}

test.beforeEach(async ({ page, request }) => {
	await request.post(`${SANDBOX}/reset`);
	await createVault(page);
});

test('wrong client secret: invalid client, nothing stored', async ({ page }) => {
	await byoa(page, 'sandbox-byoa', 'not-the-secret');
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	await signInAtSandbox(await popupOpened);
	await expect(page.getByRole('alert')).toContainText('rejected the client ID or client secret');
	await expect(page.getByRole('alert')).toContainText('developer portal');
	await expectNothingStored(page);
});

test('redirect URI not registered: the provider stops, the app explains when the window closes', async ({
	page
}) => {
	// sandbox-service has no redirect URI registered: the provider shows its own error page.
	await byoa(page, 'sandbox-service', 'sandbox-service-secret');
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	const popup = await popupOpened;
	await expect(
		popup.getByText(/redirect_uri|unauthorized_client|invalid_client/i).first()
	).toBeVisible();
	await popup.close();
	await expect(page.getByRole('alert')).toContainText('The sign-in window was closed');
	await expect(page.getByRole('alert')).toContainText('redirect URI');
	await expectNothingStored(page);
});

test('one click on Connect after typing an invalid value shows what to correct', async ({
	page
}) => {
	await byoa(page, 'sandbox-byoa', 'sandbox-byoa-secret', 'openid "quoted"');
	// The pointer clicks while focus is still in the field: nothing may move the button away.
	await connect(page);
	await expect(page.getByRole('alert')).toContainText('Correct the marked fields');
	await expect(page.getByText('quotes and backslashes are not allowed')).toBeVisible();
	await expect(textbox(page, 'Scopes')).toBeFocused();
});

test('a new attempt clears the notice of the last one', async ({ page }) => {
	await byoa(page, 'sandbox-service', 'sandbox-service-secret');
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	const popup = await popupOpened;
	await popup.close();
	await expect(page.getByRole('alert')).toContainText('The sign-in window was closed');
	await textbox(page, 'Client ID').fill('');
	await connect(page);
	await expect(page.getByText('This field is required.')).toBeVisible();
	await expect(page.getByText('The sign-in window was closed')).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveText('Correct the marked fields to continue.');
});

test('consent denied: access denied, nothing stored', async ({ page }) => {
	await openConnect(page, 'sandbox pkce', /PKCE/);
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	await signInAtSandbox(await popupOpened, 'alice', 'Deny');
	await expect(page.getByRole('alert')).toContainText('Access was denied');
	await expectNothingStored(page);
});

test('a callback with a forged state is refused while a real sign-in is pending', async ({
	page,
	context
}) => {
	await openConnect(page, 'sandbox pkce', /PKCE/);
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	const popup = await popupOpened;
	await expect(popup.getByLabel('Username')).toBeVisible();
	// An attacker gets the browser to load a callback with their own code and a made-up state.
	const forged = await context.newPage();
	await forged.goto(
		'/callback?code=attacker-code&state=forged-state&iss=http%3A%2F%2Flocalhost%3A9400'
	);
	await expect(forged).toHaveURL(/\/callback$/);
	// The waiting tab does not take a callback of another flow; the forged one, left to finish
	// on its own, is refused there.
	await unlock(forged);
	await expect(forged.getByRole('alert')).toContainText('may have been forged');
	await expect(page.getByRole('alert')).toHaveCount(0);
	// The real sign-in still completes.
	await signInAtSandbox(popup);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
});

test('provider unreachable from the browser (stopped or refusing CORS)', async ({
	page,
	context
}) => {
	await context.route('http://localhost:9400/**', (route) => route.abort('connectionrefused'));
	await openConnect(page, 'sandbox client credentials', /Client credentials/);
	await connect(page);
	await expect(page.getByRole('alert')).toContainText('could not be reached from the browser');
	await expectNothingStored(page);
});

for (const [mode, text] of [
	['500', 'server error'],
	['html', 'not a valid OAuth response'],
	['invalid-json', 'not a valid OAuth response']
] as const) {
	test(`token endpoint answers ${mode}: a clear message, nothing stored`, async ({
		page,
		request
	}) => {
		await request.post(`${SANDBOX}/fail-next`, { data: { count: 1, mode } });
		await openConnect(page, 'sandbox client credentials', /Client credentials/);
		await connect(page);
		await expect(page.getByRole('alert')).toContainText(text);
		await expectNothingStored(page);
	});
}

test('offline: checking says so, and the connection is kept', async ({ page, context }) => {
	await openConnect(page, 'sandbox api key', /^Sandbox/);
	await textbox(page, 'API key').fill('sandbox-api-key-123');
	await connect(page);
	await expect(page.getByTestId('account')).toHaveText('Alice Example');
	await context.setOffline(true);
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('alert').first()).toContainText('You are offline.');
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('short-lived token without a refresh token is flagged', async ({ page }) => {
	await byoa(page, 'sandbox-byoa', 'sandbox-byoa-secret', 'openid email api:read');
	const popupOpened = page.waitForEvent('popup');
	await connect(page);
	await signInAtSandbox(await popupOpened);
	await expect(page.locator('#last-error')).toContainText('gave no refresh token');
	await expect(page.locator('#last-error')).toContainText('Enable refresh tokens');
});

test('revocation refused at delete: deleted here, the user is told to revoke at the provider', async ({
	page,
	context
}) => {
	await openConnect(page, 'sandbox client credentials', /Client credentials/);
	await connect(page);
	await expect(page.getByTestId('account')).toHaveText('System');
	await context.route('http://localhost:9400/token/revocation', (route) =>
		route.fulfill({ status: 503, body: 'down' })
	);
	await page.getByRole('button', { name: 'Delete' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('alert')).toContainText('could not be told to revoke');
	await expect(page.getByText('No connections in this folder yet.')).toBeVisible();
});
