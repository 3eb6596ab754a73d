import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createVault } from './helpers';

async function expectNoAxeViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

test.describe('German, from the browser language', () => {
	test.use({ locale: 'de-DE' });

	test('the whole vault and shell speak German', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Tresor anlegen' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'de');
		await page.getByLabel('Passphrase', { exact: true }).fill('richtig pferd batterie heftklammer');
		await page.getByLabel('Passphrase wiederholen').fill('richtig pferd batterie heftklammer');
		await page.getByRole('button', { name: 'Tresor anlegen' }).click();
		await expect(page.getByRole('link', { name: 'Verbindungen' })).toBeVisible();
		await expect(page.getByLabel('Aktueller Ordner')).toContainText('Mein Arbeitsbereich');
		await page.getByRole('link', { name: 'Einstellungen' }).click();
		await expect(page.getByRole('heading', { name: 'Passphrase ändern' })).toBeVisible();
		await expect(page.getByText('Automatisch sperren nach')).toBeVisible();
		await page.getByLabel('Sprache').selectOption('en');
		await expect(page.getByRole('heading', { name: 'Change passphrase' })).toBeVisible();
		await page.getByRole('button', { name: 'Lock' }).click();
		await page.getByLabel('Passphrase', { exact: true }).fill('wrong wrong wrong');
		await page.getByRole('button', { name: 'Unlock' }).click();
		await expect(page.getByRole('alert')).toContainText('not correct');
	});
});

for (const scheme of ['light', 'dark'] as const) {
	test(`axe finds no violations on the vault and shell pages (${scheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
		await expectNoAxeViolations(page);
		await createVault(page);
		await expectNoAxeViolations(page);
		for (const tab of ['Connectors', 'Settings']) {
			await page.getByRole('link', { name: tab, exact: true }).click();
			await expect(page.getByRole('heading', { name: tab, level: 1 })).toBeVisible();
			await expectNoAxeViolations(page);
		}
		await page.getByRole('button', { name: 'Lock' }).click();
		await page.getByLabel('Passphrase', { exact: true }).fill('not it');
		await page.getByRole('button', { name: 'Unlock' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoAxeViolations(page);
	});
}

test('every control is reachable by keyboard', async ({ page }) => {
	await createVault(page);
	const reached = new Set<string>();
	for (let i = 0; i < 12; i++) {
		await page.keyboard.press('Tab');
		reached.add(
			await page.evaluate(
				() => document.activeElement?.textContent?.trim() || document.activeElement?.id || ''
			)
		);
	}
	for (const name of ['Connectors', 'Connections', 'My Workspace', 'Settings', 'Lock'])
		expect([...reached]).toContain(name);
});

test('axe finds no violations on the connection list and connection page', async ({ page }) => {
	await createVault(page);
	await page.getByRole('link', { name: 'Connectors', exact: true }).click();
	await page.getByLabel('Search connectors').fill('sandbox api key');
	await page.getByRole('list', { name: 'Connectors' }).getByRole('link').first().click();
	await page.getByRole('link', { name: /^Connect to/ }).click();
	await page.getByRole('textbox', { name: 'API key', exact: true }).fill('sandbox-api-key-123');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByTestId('account')).toHaveText('Alice Example');
	await page.getByRole('button', { name: 'Send request' }).click();
	await expect(page.getByTestId('response-status')).toHaveText(/^200/);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('dialog')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await page.getByText('Manage folders').click();
	await expect(page.getByRole('region', { name: 'Connections in this folder' })).toBeVisible();
	await expectNoAxeViolations(page);
});
