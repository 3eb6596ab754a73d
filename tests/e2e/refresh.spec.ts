import {
	expect,
	test,
	type APIRequestContext,
	type BrowserContext,
	type Page
} from '@playwright/test';
import { createVault, openConnect, unlock } from './helpers';

/**
 * The e2e sandbox issues 20-second access tokens with rotating refresh tokens, so a refresh is
 * due 10 s after each token is issued (the margin is capped at half the lifetime).
 */
const SANDBOX = 'http://localhost:9400/__sandbox';
const TOKEN_URL = 'http://localhost:9400/token';
const LIFETIME_MS = 20_000;

interface Stats {
	refreshes: { total: number; byGrant: Record<string, number> };
	invalidGrant: number;
	injectedFailures: number;
	inFlightTokenRequests: number;
}
const stats = async (request: APIRequestContext): Promise<Stats> =>
	(await request.get(`${SANDBOX}/stats`)).json();
const refreshTotal = async (request: APIRequestContext) => (await stats(request)).refreshes.total;

/**
 * The time a detail field (`expires`, `next-refresh`) shows, as epoch ms, parsed by the page that
 * formatted it (same locale and time zone). It is shown to the second, so this is the end of that
 * second: the real time is at most this.
 */
async function shownTime(page: Page, testId: 'expires' | 'next-refresh'): Promise<number> {
	const text = await page.getByTestId(testId).innerText();
	const ms = await page.evaluate(
		(t) =>
			Date.parse(
				t
					.replace(/\(.*\)/, '')
					.replace(/\s+/g, ' ')
					.trim()
			),
		text
	);
	expect(ms, `"${testId}" shows a time: ${text}`).toBeGreaterThan(Date.now());
	return ms + 1_000;
}

/** Waits (a condition, not a sleep) until the clock has passed `time`, epoch ms. */
async function untilPast(time: number, what: string): Promise<void> {
	await expect
		.poll(() => Date.now(), {
			message: `time passes ${what}`,
			intervals: [250],
			timeout: time - Date.now() + 5_000
		})
		.toBeGreaterThanOrEqual(time);
}

/** The browser's token-endpoint POSTs (failed ones included), seen from the test side. */
function watchTokenRequests(context: BrowserContext): string[] {
	const seen: string[] = [];
	context.on('request', (r) => {
		if (r.method() === 'POST' && r.url() === TOKEN_URL) seen.push(r.url());
	});
	return seen;
}

/** A password-grant connection: it has a refresh token and needs no popup. */
async function addRefreshableConnection(page: Page) {
	await openConnect(page, 'sandbox password', /Password/);
	await page.getByRole('textbox', { name: 'Username', exact: true }).fill('alice');
	await page.getByRole('textbox', { name: 'Password', exact: true }).fill('alice-password');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	return page.url();
}

test.beforeEach(async ({ request }) => {
	await request.post(`${SANDBOX}/reset`);
});

test('one tab keeps a connection alive for three lifetimes; locking stops refreshing, unlock catches up', async ({
	page,
	request
}) => {
	test.setTimeout(150_000);
	await createVault(page);
	await addRefreshableConnection(page);
	// One refresh every 10 s: at least five within three lifetimes.
	await expect
		.poll(() => refreshTotal(request), { intervals: [250], timeout: 3 * LIFETIME_MS + 2_000 })
		.toBeGreaterThanOrEqual(5);
	expect((await stats(request)).invalidGrant).toBe(0);
	await expect(page.getByTestId('last-refresh')).toContainText('succeeded');
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verified at' })).toBeVisible();

	// Lock once the page shows the current token (the refresh just counted included).
	const beforeLock = await refreshTotal(request);
	const expiresAt = await shownTime(page, 'expires');
	await page.getByRole('button', { name: 'Lock' }).click();
	await expect(page.getByRole('heading', { name: 'Unlock Switchboard' })).toBeVisible();
	const locked = await refreshTotal(request);
	expect(locked, 'no refresh between reading the expiry and locking').toBe(beforeLock);
	// While locked the token's refresh time, and its expiry, pass: nothing is refreshed.
	await untilPast(expiresAt + 1_000, 'the expiry of the token held at lock');
	expect(await refreshTotal(request)).toBe(locked);
	await unlock(page);
	// The token expired while locked: it is refreshed at once.
	await expect.poll(() => refreshTotal(request), { timeout: 5_000 }).toBe(locked + 1);
});

test('three tabs on one vault: exactly one refresh per expiry, no invalid_grant', async ({
	context,
	request
}) => {
	test.setTimeout(150_000);
	const first = await context.newPage();
	await createVault(first);
	const url = await addRefreshableConnection(first);
	const others = [await context.newPage(), await context.newPage()];
	for (const tab of others) {
		await tab.goto(url);
		await unlock(tab);
		await expect(tab.getByTestId('account')).toHaveText('alice@example.test');
	}
	// Measure from a refresh to the sixth one after it: three lifetimes at one refresh per 10 s.
	// Three tabs refreshing on their own get there in a third of the time, tabs that stop never.
	const settled = await refreshTotal(request);
	await expect
		.poll(() => refreshTotal(request), { intervals: [100], timeout: LIFETIME_MS })
		.toBeGreaterThan(settled);
	const start = await stats(request);
	const started = Date.now();
	await expect
		.poll(async () => (await refreshTotal(request)) - start.refreshes.total, {
			message: 'refreshes during three lifetimes',
			intervals: [100],
			timeout: 3 * LIFETIME_MS + 5_000
		})
		.toBeGreaterThanOrEqual(6);
	const end = await stats(request);
	const elapsed = Date.now() - started;
	const refreshes = end.refreshes.total - start.refreshes.total;
	// One token every 10 s: three tabs refreshing on their own would triple this.
	expect(refreshes).toBeGreaterThanOrEqual(Math.floor(elapsed / 10_000) - 1);
	expect(refreshes).toBeLessThanOrEqual(Math.ceil(elapsed / 10_000) + 1);
	expect(Object.keys(end.refreshes.byGrant)).toHaveLength(1);
	expect(end.invalidGrant).toBe(0);
	// Every tab shows the refresh another tab made.
	for (const tab of [first, ...others])
		await expect(tab.getByTestId('last-refresh')).toContainText('succeeded');
	// The refreshing tab closes: another one takes over.
	await first.close();
	const handedOver = await refreshTotal(request);
	await expect
		.poll(() => refreshTotal(request), { intervals: [250], timeout: LIFETIME_MS })
		.toBeGreaterThan(handedOver);
	expect((await stats(request)).invalidGrant).toBe(0);
});

test('closing the tab in the middle of a refresh loses nothing', async ({ context, request }) => {
	const page = await context.newPage();
	await createVault(page);
	const url = await addRefreshableConnection(page);
	await request.post(`${SANDBOX}/token-delay`, { data: { ms: 3000 } });
	await page.getByRole('button', { name: 'Refresh now' }).click();
	// The refresh has reached the provider, which holds it for 3 s: close the tab now.
	await expect
		.poll(async () => (await stats(request)).inFlightTokenRequests, { intervals: [50] })
		.toBe(1);
	await page.close();
	await request.post(`${SANDBOX}/token-delay`, { data: { ms: 0 } });
	// The orphaned request is finished with (answered or dropped) before the next tab starts.
	await expect
		.poll(async () => (await stats(request)).inFlightTokenRequests, { intervals: [100] })
		.toBe(0);
	const again = await context.newPage();
	await again.goto(url);
	await unlock(again);
	await expect(again.getByTestId('account')).toHaveText('alice@example.test');
	await again.getByRole('button', { name: 'Check connection' }).click();
	await expect(again.getByRole('status').filter({ hasText: 'Verified at' })).toBeVisible();
	await again.getByRole('button', { name: 'Refresh now' }).click();
	await expect(again.getByText('The access token was refreshed.')).toBeVisible();
	expect((await stats(request)).invalidGrant).toBe(0);
});

test('a revoked grant turns the connection to needs reconnect, with its message', async ({
	page,
	request
}) => {
	await createVault(page);
	await addRefreshableConnection(page);
	await request.post(`${SANDBOX}/revoke-all`, { data: { account: 'alice' } });
	await expect(page.getByText('Needs reconnect', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('#last-error')).toContainText('no longer accepts this sign-in');
	await expect(page.locator('#last-error')).toContainText('Reconnect');
	// Reconnect signs in again in place.
	await page.getByRole('button', { name: 'Reconnect' }).click();
	await expect(page.getByText('Reconnected.')).toBeVisible();
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('offline pauses refreshing; back online it resumes', async ({ page, context, request }) => {
	test.setTimeout(90_000);
	await createVault(page);
	await addRefreshableConnection(page);
	const tokenPosts = watchTokenRequests(context);
	await context.setOffline(true);
	const before = await refreshTotal(request);
	const expiresAt = await shownTime(page, 'expires');
	// Offline the refresh time, and the expiry, pass: the app does not even try (an attempt
	// would fail in the browser, so only the browser's own request log can show it).
	await untilPast(expiresAt + 1_000, 'the token expiry while offline');
	expect(tokenPosts, 'token requests tried while offline').toHaveLength(0);
	expect(await refreshTotal(request)).toBe(before);
	await context.setOffline(false);
	// Back online: the paused (or backed-off) refresh runs again.
	await expect.poll(() => refreshTotal(request), { timeout: 40_000 }).toBeGreaterThan(before);
	await expect(page.getByTestId('last-refresh')).toContainText('succeeded');
	expect((await stats(request)).invalidGrant).toBe(0);
	// The request log does see the app's token requests (so its silence offline means something).
	expect(tokenPosts.length).toBeGreaterThan(0);
});

test('a 500 from the token endpoint is retried until it succeeds', async ({ page, request }) => {
	test.setTimeout(60_000);
	await createVault(page);
	await addRefreshableConnection(page);
	await request.post(`${SANDBOX}/fail-next`, { data: { count: 2, mode: '500' } });
	await expect
		.poll(async () => (await stats(request)).injectedFailures, { timeout: 20_000 })
		.toBe(2);
	await expect
		.poll(async () => (await stats(request)).refreshes.total, { timeout: 15_000 })
		.toBeGreaterThan(0);
	await expect(page.getByTestId('last-refresh')).toContainText('succeeded');
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('Refresh now refreshes on demand', async ({ page, request }) => {
	await createVault(page);
	await addRefreshableConnection(page);
	await page.getByRole('button', { name: 'Refresh now' }).click();
	await expect(page.getByText('The access token was refreshed.')).toBeVisible();
	expect((await stats(request)).refreshes.total).toBeGreaterThanOrEqual(1);
});
