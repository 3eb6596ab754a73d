/**
 * DPoP (RFC 9449) in the real app: the sandbox's DPoP connector gets tokens bound to a key the
 * worker holds, Check connection proves possession to the API, and the token replayed without
 * a proof — as anyone who copied it from the network would — is refused by the API.
 */
import { expect, test } from '@playwright/test';
import { createVault, openConnect, signInAtSandbox, unlock } from './helpers';

const SANDBOX = 'http://localhost:9400/__sandbox';
const API_ME = 'http://localhost:9401/api/me';

test('a DPoP-bound token works with its proof and is refused without it', async ({
	page,
	context,
	request
}) => {
	await request.post(`${SANDBOX}/reset`);
	// The token response as it crosses the network (the app never hands a token to the page).
	const issued: { access_token: string; token_type: string }[] = [];
	context.on('response', async (r) => {
		if (r.url() !== 'http://localhost:9400/token' || r.status() !== 200) return;
		const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
		if (typeof body.access_token === 'string' && typeof body.token_type === 'string')
			issued.push({ access_token: body.access_token, token_type: body.token_type });
	});
	const proofs: string[] = [];
	context.on('request', (r) => {
		if (r.url() === API_ME && r.method() === 'GET') proofs.push(r.headers()['dpop'] ?? '');
	});

	await createVault(page);
	await openConnect(page, 'sandbox dpop', /DPoP/);
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await signInAtSandbox(await popupOpened);
	// The account comes from the API's answer to a request with a proof.
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();

	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verified at' })).toContainText(
		'HTTP 200'
	);
	// Every API request carried a proof, a JWT.
	expect(proofs.length).toBeGreaterThanOrEqual(2);
	for (const proof of proofs) expect(proof).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

	await expect.poll(() => issued.length).toBeGreaterThan(0);
	const [{ access_token: token, token_type: type }] = issued as [(typeof issued)[number]];
	expect(type).toBe('DPoP');

	// Replayed without the proof: refused, whatever the scheme.
	const asDPoP = await request.get(API_ME, { headers: { Authorization: `DPoP ${token}` } });
	expect(asDPoP.status()).toBe(401);
	expect(asDPoP.headers()['www-authenticate']).toMatch(/^DPoP /);
	const asBearer = await request.get(API_ME, { headers: { Authorization: `Bearer ${token}` } });
	expect(asBearer.status()).toBe(401);
	// Replaying the app's own proof does not help either (jti seen, and it names another request).
	const replayed = await request.get(API_ME, {
		headers: { Authorization: `DPoP ${token}`, DPoP: proofs.at(-1) ?? '' }
	});
	expect(replayed.status()).toBe(401);

	// The key survives a reload: after unlocking again the connection still checks.
	await page.reload();
	await unlock(page);
	await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await page.getByRole('link', { name: /DPoP/ }).first().click();
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verified at' })).toContainText(
		'HTTP 200'
	);
});
