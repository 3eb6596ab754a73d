/**
 * The Switchboard Bridge extension end to end (the `bridge` project only): pairing with a code
 * both sides show, the hosts it asks for, what page script can see of the relay, background
 * refresh through it, a token endpoint that refuses requests bearing Origin, a removed host, an
 * origin that is not paired, and the latency the bridge adds.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createVault, openConnect } from '../e2e/helpers';
import { EXTENSION_ID, extensionWindow, pairBridge, test } from './bridge-fixtures';
import { CONTROL } from './flow';

test.skip(({ bridged }) => !bridged, 'needs the extension');

const ZOOM = { id: 'replicaZoomClient01', secret: 'replica-zoom-secret' };
const MS_WEB = { id: '66666666-7777-4888-9999-000000000000', secret: 'replica-web-secret' };
const MS_SPA = '11111111-2222-4333-8444-555555555555';

async function events(vendor: string, kind: string): Promise<Record<string, unknown>[]> {
	return (await (await fetch(`${CONTROL}/events?vendor=${vendor}&kind=${kind}`)).json()) as never;
}

/**
 * Records what page script can see of the bridge: every message to and from the extension, and
 * every bridge message between the page and its worker.
 */
async function spyOnRelay(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const log: string[] = [];
		(window as unknown as { relayLog: string[] }).relayLog = log;
		const record = (value: unknown) => log.push(JSON.stringify(value));
		const runtime = (globalThis as { chrome?: { runtime?: Record<string, unknown> } }).chrome
			?.runtime;
		const send = runtime?.sendMessage as ((...args: unknown[]) => void) | undefined;
		if (runtime && send)
			runtime.sendMessage = (id: unknown, message: unknown, callback?: (r: unknown) => void) => {
				record(message);
				send.call(runtime, id, message, (reply: unknown) => {
					record(reply);
					callback?.(reply);
				});
			};
		const Original = window.Worker;
		window.Worker = class extends Original {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				this.addEventListener('message', (e) => {
					if ((e.data as { sbBridge?: unknown })?.sbBridge) record(e.data);
				});
			}
			override postMessage(message: unknown, transfer?: unknown): void {
				if ((message as { sbBridge?: unknown })?.sbBridge) record(message);
				super.postMessage(message, transfer as Transferable[]);
			}
		};
	});
}

async function fill(page: Page, values: Record<string, string>) {
	for (const [label, value] of Object.entries(values))
		await page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).fill(value);
}

/** Connect with a sign-in, allowing exactly `hosts` in the extension's window. */
async function connectThroughBridge(
	page: Page,
	type: string,
	values: Record<string, string>,
	hosts: string[] | null
): Promise<void> {
	await expect(async () => {
		await page.getByLabel('Authentication type').selectOption({ label: type });
		await fill(page, values);
		await expect(page.getByLabel('Authentication type').locator('option:checked')).toHaveText(
			type,
			{ timeout: 500 }
		);
	}).toPass();
	const granted = hosts && extensionWindow(page.context(), 'grant');
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	if (granted) {
		const window = await granted;
		await expect(window.locator('#hosts li')).toHaveText(hosts);
		await window.locator('#allow').click();
	}
	await (await popupOpened).getByRole('button', { name: 'Accept' }).click();
	await expect(page.getByTestId('account')).toBeVisible();
}

async function expectNoAxeViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function checkOk(page: Page) {
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verified at' })).toContainText(
		'HTTP 200'
	);
}

test.afterEach(async () => {
	await fetch(`${CONTROL}/reset`, { method: 'POST' });
});

test('pairing: the same code on both sides, a sealed test request, and other origins refused', async ({
	page
}) => {
	await createVault(page);
	await pairBridge(page);
	await page.getByRole('button', { name: 'Send a test request' }).click();
	await expect(page.getByTestId('bridge-test-result')).toContainText(/answered a sealed request/);
	await expectNoAxeViolations(page);

	const { pairingId } = await page.evaluate(
		(id) =>
			new Promise<{ pairingId: string }>((resolve) =>
				(
					globalThis as unknown as {
						chrome: { runtime: { sendMessage: (...a: unknown[]) => void } };
					}
				).chrome.runtime.sendMessage(id, { v: 1, type: 'hello' }, resolve)
			),
		EXTENSION_ID
	);
	expect(pairingId).toBeTruthy();
	// Another origin the extension answers (http://localhost on another port) is not paired: it
	// cannot use this origin's pairing, even knowing its id.
	const other = await page.context().newPage();
	await other.goto(`${CONTROL}/health`);
	const refused = await other.evaluate(
		([id, pairing]) =>
			new Promise<{ ok: boolean; error?: { code: string }; paired?: boolean }[]>((resolve) => {
				const { runtime } = (
					globalThis as unknown as {
						chrome: { runtime: { sendMessage: (...a: unknown[]) => void } };
					}
				).chrome;
				runtime.sendMessage(id, { v: 1, type: 'hello' }, (hello: never) =>
					runtime.sendMessage(
						id,
						{ v: 1, type: 'request', pairingId: pairing, iv: 'AAAAAAAAAAAAAAAA', data: 'AAAA' },
						(request: never) =>
							runtime.sendMessage(id, { v: 1, type: 'hosts', pairingId: pairing }, (hosts: never) =>
								resolve([hello, request, hosts])
							)
					)
				);
			}),
		[EXTENSION_ID, pairingId] as const
	);
	expect(refused[0]).toMatchObject({ ok: true, paired: false });
	expect(refused[1]).toMatchObject({ ok: false, error: { code: 'bridge.not-paired' } });
	expect(refused[2]).toMatchObject({ ok: false, error: { code: 'bridge.not-paired' } });
});

test('Zoom through the bridge: exact hosts, nothing secret in the relay, background refresh, a removed host', async ({
	page
}) => {
	// Waits for a background refresh (tokens of 20 s are due after about 10 s).
	test.setTimeout(150_000);
	await spyOnRelay(page);
	await createVault(page);
	await pairBridge(page);
	// New access tokens live 20 s: the background refresh comes due within seconds.
	await fetch(`${CONTROL}/access-ttl?seconds=20`, { method: 'POST' });

	await openConnect(page, 'zoom', 'Zoom');
	await connectThroughBridge(
		page,
		'OAuth 2.0 Authorization code',
		{ 'Client ID': ZOOM.id, 'Client secret': ZOOM.secret },
		['api.zoom.us', 'zoom.us']
	);
	await expect(page.getByTestId('account')).toHaveText('jill@replica.example');
	await checkOk(page);

	// Refreshed in the background (no click), through the bridge, and the new token works.
	await expect
		.poll(async () => (await events('zoom', 'refresh')).length, { timeout: 45_000 })
		.toBeGreaterThan(0);
	await checkOk(page);

	// The page saw the relay, and nothing secret in it.
	const relayed = (await page.evaluate(() =>
		(window as unknown as { relayLog: string[] }).relayLog.join('\n')
	)) as string;
	expect(relayed).toContain('"type":"request"');
	for (const secret of [ZOOM.secret, 'access_token', 'refresh_token', 'Bearer', 'Basic '])
		expect(relayed).not.toContain(secret);

	// Settings lists the granted hosts; removing one makes the next request fail with the grant
	// message, and nothing else changes.
	await page.getByRole('link', { name: 'Settings' }).click();
	const hosts = page.getByTestId('bridge-hosts').locator('code');
	await expect(hosts).toHaveText(['api.zoom.us', 'zoom.us']);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Remove api.zoom.us' }).click();
	await expect(hosts).toHaveText(['zoom.us']);
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await page.getByRole('link', { name: /Zoom/ }).first().click();
	await page.getByRole('button', { name: 'Check connection' }).click();
	await expect(page.getByRole('alert').first()).toHaveAttribute(
		'data-error-code',
		'bridge.host-not-granted'
	);
	await expect(page.getByRole('alert').first()).toContainText('api.zoom.us');

	// Revocation still goes through the bridge (zoom.us is granted).
	const revoked = (await events('zoom', 'revoke')).length;
	await page.getByRole('button', { name: 'Delete' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect.poll(async () => (await events('zoom', 'revoke')).length).toBe(revoked + 1);
});

test('Microsoft Web platform: the bridge sends no Origin, and the latency it adds', async ({
	page
}) => {
	await createVault(page);
	await pairBridge(page);
	await openConnect(page, 'microsoft 365', /^Microsoft 365/);
	await connectThroughBridge(
		page,
		'OAuth 2.0 Authorization code',
		{ 'Client ID': MS_WEB.id, 'Client secret': MS_WEB.secret },
		['graph.microsoft.com', 'login.microsoftonline.com']
	);
	// The replica refuses cross-origin redemption for this app (AADSTS9002326): it saw no Origin.
	const tokens = await events('microsoft', 'token');
	expect(tokens.at(-1)).toMatchObject({ origin: null });
	const bridged = await requestTimes(page, 15);

	// The same request straight from the page, with the app registered as a single-page app.
	await openConnect(page, 'microsoft 365', /^Microsoft 365/);
	await connectThroughBridge(
		page,
		'OAuth 2.0 Authorization code with PKCE',
		{ 'Client ID': MS_SPA },
		null
	);
	const direct = await requestTimes(page, 15);

	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	const figures = {
		requests: bridged.length,
		medianBridgedMs: median(bridged),
		medianDirectMs: median(direct),
		addedMs: median(bridged) - median(direct)
	};
	test.info().annotations.push({ type: 'bridge latency', description: JSON.stringify(figures) });
	mkdirSync('test-results-providers', { recursive: true });
	writeFileSync(
		'test-results-providers/bridge-latency.json',
		`${JSON.stringify(figures, null, 2)}\n`
	);
	expect(bridged.length).toBe(15);
});

/** Sends GET /me `count` times from the request console; the durations it shows. */
async function requestTimes(page: Page, count: number): Promise<number[]> {
	const times: number[] = [];
	await page.getByLabel('Path').fill('/me');
	for (let i = 0; i < count; i++) {
		const status = page.getByTestId('response-status');
		await page.getByRole('button', { name: 'Send request' }).click();
		await expect(status).toHaveText(/^200/);
		const shown = await page.getByTestId('response-duration').textContent();
		times.push(Number(shown?.match(/\d+/)?.[0]));
	}
	return times;
}
