import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createVault } from './helpers';

async function openCatalog(page: Page) {
	await createVault(page);
	await page.getByRole('link', { name: 'Connectors', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('connectors');
}

const results = (page: Page) => page.getByRole('list', { name: 'Connectors' });

test('search as you type, tolerant of typos, with filters', async ({ page }) => {
	await openCatalog(page);
	const search = page.getByLabel('Search connectors');
	await search.fill('sales');
	await expect(results(page).getByRole('link', { name: 'Salesforce', exact: true })).toBeVisible();
	await expect(
		results(page).getByRole('link', { name: 'Salesforce Marketing Cloud' })
	).toBeVisible();
	await expect(results(page).getByRole('link').first()).toHaveText('Salesforce');
	await search.fill('SLAK');
	await expect(results(page).getByRole('link').first()).toHaveText('Slack');
	await search.fill('');
	await page.getByLabel('Category').selectOption({ label: 'Mail' });
	await expect(results(page).getByRole('link', { name: 'Gmail' })).toBeVisible();
	await expect(results(page).getByRole('link', { name: 'Slack' })).toHaveCount(0);
	const reach = page.getByLabel('Reach');
	await reach.selectOption({ label: 'Not in a browser' });
	await expect(results(page).getByRole('link', { name: 'Mail', exact: true })).toBeVisible();
	await expect(results(page).getByRole('link', { name: 'Gmail' })).toHaveCount(0);
	await reach.selectOption({ label: 'Works directly' });
	await expect(results(page).getByRole('link', { name: 'Mail', exact: true })).toHaveCount(0);
	await reach.selectOption({ label: 'All' });
	await expect(results(page).getByRole('link', { name: 'Mail', exact: true })).toBeVisible();
	await search.fill('zzzzqqq');
	await expect(page.getByText('No connector matches.')).toBeVisible();
});

test('an unsupported connector explains why and suggests one that works', async ({ page }) => {
	await openCatalog(page);
	await page.getByLabel('Search connectors').fill('mail');
	await results(page).getByRole('link', { name: 'Mail', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Mail', level: 1 })).toBeVisible();
	await expect(page.getByText('Not in a browser', { exact: true })).toBeVisible();
	await expect(page.getByTestId('reach-reason')).toContainText('IMAP');
	await expect(page.getByRole('button', { name: 'Test in this browser' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /Connect to/ })).toHaveCount(0);
	await page.getByRole('link', { name: 'Gmail' }).click();
	await expect(page.getByRole('heading', { name: 'Gmail', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Connect to Gmail' })).toBeVisible();
});

test('the connector page shows where requests go, and "Test in this browser" remembers', async ({
	page
}) => {
	await openCatalog(page);
	const name = 'Sandbox — OAuth 2.0 Authorization code with PKCE';
	await page.getByLabel('Search connectors').fill('sandbox pkce');
	const card = results(page).getByRole('listitem').filter({ hasText: name });
	await expect(card).toContainText('Works directly');
	await expect(card).not.toContainText('Tested:');
	await card.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

	const table = page.getByRole('table');
	await expect(
		page.getByRole('heading', { name: 'Where this connector’s requests go' })
	).toBeVisible();
	const auth = table.getByRole('row').filter({ hasText: 'localhost:9400' });
	await expect(auth).toContainText('token, revoke, discovery');
	await expect(auth).toContainText('Answers browsers');
	await expect(auth).toContainText('The local sandbox answers browser requests');
	await expect(auth.getByRole('link', { name: 'Source for localhost:9400' })).toHaveAttribute(
		'href',
		/^https:\/\/github\.com\/panva\/node-oidc-provider/
	);
	const api = table.getByRole('row').filter({ hasText: 'localhost:9401' });
	await expect(api).toContainText('API');

	await page.getByRole('button', { name: 'Test in this browser' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Tested:' })).toHaveText(
		'Tested: reachable directly'
	);
	await expect(auth.getByTestId('probe-outcome')).toHaveText('Reachable directly');
	await expect(api.getByTestId('probe-outcome')).toHaveText('Reachable directly');

	await page.getByRole('link', { name: /All connectors/ }).click();
	await page.getByLabel('Search connectors').fill('sandbox pkce');
	await expect(card).toContainText('Tested: reachable directly');
	// Remembered on the device: still there after a reload and unlock.
	await page.reload();
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await page.getByLabel('Search connectors').fill('sandbox pkce');
	await expect(card).toContainText('Tested: reachable directly');
});

test('generated screens: BYOA, API key, password — fields, validation, redirect URI', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openCatalog(page);
	await page.goto('/connectors');
	// (a full load locks the vault; unlock through the real screen)
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();

	await page.getByLabel('Search connectors').fill('sandbox bring');
	await page.getByRole('link', { name: /Bring your own/ }).click();
	await page.getByRole('link', { name: /^Connect to/ }).click();
	await expect(page.getByText('Authentication type: Bring your own OAuth 2.0 app')).toBeVisible();
	await expect(page.getByRole('combobox', { name: 'Folder', exact: true })).toBeVisible();
	for (const label of ['Connection name', 'Client ID', 'Client secret', 'Scopes', 'Redirect URI'])
		await expect(page.getByRole('textbox', { name: label, exact: true })).toBeVisible();
	await expect(page.getByLabel('Redirect URI', { exact: true })).toHaveValue(
		'http://localhost:4173/callback'
	);
	await expect(page.getByLabel('Redirect URI', { exact: true })).toHaveAttribute('readonly', '');
	await page.getByRole('button', { name: 'Copy the redirect URI' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
		'http://localhost:4173/callback'
	);
	await expect(page.getByLabel('Client secret')).toHaveAttribute('type', 'password');
	await page.getByRole('button', { name: 'Show Client secret' }).click();
	await expect(page.getByLabel('Client secret')).toHaveAttribute('type', 'text');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByText('Correct the marked fields to continue.')).toBeVisible();
	await expect(page.getByLabel('Client ID')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Client ID')).toBeFocused();
	await page.getByLabel('Scopes').fill('openid "api"');
	await expect(page.getByText('quotes and backslashes are not allowed')).toBeVisible();

	await page.goto('/connectors/sandbox-api-key/connect');
	await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByLabel('API key')).toBeVisible();
	await expect(page.getByLabel('Redirect URI', { exact: true })).toHaveCount(0);
	await expect(page.getByLabel('Client ID')).toHaveCount(0);

	await page.getByRole('link', { name: 'Connectors', exact: true }).click();
	await page.getByLabel('Search connectors').fill('github');
	await page.getByRole('link', { name: 'GitHub' }).click();
	await page.getByRole('link', { name: 'Connect to GitHub' }).click();
	const authType = page.getByLabel('Authentication type');
	await expect(authType.locator('option')).toHaveText([
		'Bring your own OAuth 2.0 app',
		'Personal Access Token (PAT)'
	]);
	await authType.selectOption({ label: 'Personal Access Token (PAT)' });
	await expect(page.getByLabel('Personal access token')).toBeVisible();
	await expect(page.getByLabel('Client ID')).toHaveCount(0);
});

test.describe('German', () => {
	test.use({ locale: 'de-DE' });
	test('catalog and generated screens for three auth types in German', async ({ page }) => {
		await page.goto('/');
		await page.getByLabel('Passphrase', { exact: true }).fill('richtig pferd batterie heftklammer');
		await page.getByLabel('Passphrase wiederholen').fill('richtig pferd batterie heftklammer');
		await page.getByRole('button', { name: 'Tresor anlegen' }).click();
		const open = async (search: string, name: RegExp) => {
			await page.getByRole('link', { name: 'Connectors', exact: true }).click();
			await page.getByLabel('Connectors durchsuchen').fill(search);
			await page
				.getByRole('list', { name: 'Connectors' })
				.getByRole('link', { name })
				.first()
				.click();
			await page.getByRole('link', { name: /^Mit .* verbinden$/ }).click();
		};
		const field = (name: string) => page.getByRole('textbox', { name, exact: true });

		await open('sandbox passwor', /Password/);
		await expect(page.getByText('Authentifizierungsart: OAuth 2.0 – Passwort')).toBeVisible();
		await expect(page.getByText('Nicht empfohlen')).toBeVisible();
		await expect(page.getByRole('combobox', { name: 'Ordner', exact: true })).toContainText(
			'Mein Arbeitsbereich'
		);
		for (const label of ['Verbindungsname', 'Benutzername', 'Passwort'])
			await expect(field(label)).toBeVisible();
		await page.getByRole('button', { name: 'Verbinden', exact: true }).click();
		await expect(page.getByText('Dieses Feld ist erforderlich.').first()).toBeVisible();

		await open('sandbox bring', /Bring your own/);
		await expect(
			page.getByText('Authentifizierungsart: Eigene OAuth 2.0-App verwenden')
		).toBeVisible();
		for (const label of ['Client-ID', 'Client-Geheimnis', 'Bereiche', 'Weiterleitungs-URI'])
			await expect(field(label)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Client-Geheimnis anzeigen' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Weiterleitungs-URI kopieren' })).toBeVisible();

		await open('github', /GitHub/);
		await page
			.getByLabel('Authentifizierungsart')
			.selectOption({ label: 'Persönliches Zugriffstoken (PAT)' });
		await expect(field('Persönliches Zugriffstoken')).toBeVisible();
		await expect(field('Client-ID')).toHaveCount(0);
	});
});

test('axe: catalog, connector page and connection screen', async ({ page }) => {
	await openCatalog(page);
	const check = async () => {
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
			[]
		);
	};
	await check();
	await results(page).getByRole('link', { name: 'Salesforce', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Salesforce', level: 1 })).toBeVisible();
	await check();
	await page.getByRole('link', { name: 'Connect to Salesforce' }).click();
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByText('Correct the marked fields')).toBeVisible();
	await check();
});
