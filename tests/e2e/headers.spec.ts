// The security headers of README "Deploying", as scripts/serve.js (the reference static host)
// sends them, and what they make the browser refuse: framing, eval in the page and in the worker.
import { expect, test, type APIResponse, type Page, type Worker } from '@playwright/test';
import { createVault, openConnect, signInAtSandbox } from './helpers';

const PAGES = ['/', '/connections', '/connectors', '/settings', '/callback', '/no-such-page'];
const DENIED_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb'];

/** A policy's directives: name → sources. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name, ...sources]) => [name!.toLowerCase(), sources])
	);
}

/** The headers every response carries. */
function expectCommonHeaders(response: APIResponse): void {
	const headers = response.headers();
	expect(directives(headers['content-security-policy'] ?? '').get('frame-ancestors')).toEqual([
		"'none'"
	]);
	// Not `same-origin`: that would sever the app from its OAuth popup (see the test below).
	expect(headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['x-content-type-options']).toBe('nosniff');
	const permissions = headers['permissions-policy'] ?? '';
	for (const feature of DENIED_FEATURES) expect(permissions).toContain(`${feature}=()`);
}

/** The worker the app starts, once it has started. */
async function appWorker(page: Page): Promise<Worker> {
	const started = page.waitForEvent('worker', (w) => w.url().includes('/_app/immutable/workers/'));
	await page.goto('/');
	return started;
}

test('every page, and what is not found, is sent with the security headers', async ({
	request
}) => {
	for (const path of PAGES) {
		const response = await request.get(path);
		expect(response.ok(), path).toBe(true);
		expectCommonHeaders(response);
		// The rest of the page's policy is its meta tag (kit.csp): the page fetches only its own
		// origin, evaluates no strings, and allows no plain-http origin at all.
		const html = await response.text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		expect(meta, path).toBeDefined();
		const policy = directives(meta!);
		expect(policy.get('connect-src')).toEqual(["'self'"]);
		expect(policy.get('script-src')).toContain("'self'");
		expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
		expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
		expect(policy.get('object-src')).toEqual(["'none'"]);
		expect(policy.get('require-trusted-types-for')).toEqual(["'script'"]);
		expect(policy.get('trusted-types')).toEqual(['svelte-trusted-html', 'default']);
		expect(meta).not.toContain('http:');
		// Ignored in a meta tag; the header above carries it.
		expect(policy.has('frame-ancestors')).toBe(false);
	}
	const missing = await request.get('/_app/immutable/no-such-file.js');
	expect(missing.status()).toBe(404);
	expectCommonHeaders(missing);
	for (const asset of ['/manifest.webmanifest', '/sw.js', '/icons/icon.svg'])
		expectCommonHeaders(await request.get(asset));
});

test('the worker script carries its own policy: no eval, providers over https', async ({
	page,
	request
}) => {
	const worker = await appWorker(page);
	const response = await request.get(worker.url());
	expect(response.ok()).toBe(true);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	const policy = directives(response.headers()['content-security-policy'] ?? '');
	expect(policy.get('default-src')).toEqual(["'none'"]);
	expect(policy.get('script-src')).toEqual(["'self'"]);
	// The e2e tests run the local sandbox build: its worker also reaches http://localhost.
	expect(policy.get('connect-src')).toEqual(['https:', 'http://localhost:*']);
});

test('the browser refuses eval in the page and in the worker', async ({ page }) => {
	const worker = await appWorker(page);
	// Run outside the evaluated script itself, which DevTools exempts from the policy.
	const tryEval = () =>
		new Promise<string>((resolve) =>
			setTimeout(() => {
				try {
					resolve(String(new Function('return "allowed"')()));
				} catch (error) {
					resolve((error as Error).name);
				}
			}, 0)
		);
	expect(await worker.evaluate(tryEval)).toBe('EvalError');
	expect(await page.evaluate(tryEval)).toBe('EvalError');
});

test('Trusted Types: the page refuses HTML strings and script URLs of another origin', async ({
	page
}) => {
	await appWorker(page);
	const refused = await page.evaluate(() => {
		const attempt = (action: () => unknown) => {
			try {
				action();
				return 'allowed';
			} catch (error) {
				return (error as Error).name;
			}
		};
		const blob = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
		return {
			html: attempt(() => (document.createElement('div').innerHTML = '<img src=x>')),
			blobWorker: attempt(() => new Worker(blob)),
			otherOrigin: attempt(() => new Worker('http://localhost:9400/x.js'))
		};
	});
	expect(refused).toEqual({ html: 'TypeError', blobWorker: 'TypeError', otherOrigin: 'TypeError' });
});

test('the browser refuses to show the app in a frame', async ({ page }) => {
	const messages: string[] = [];
	page.on('console', (message) => messages.push(message.text()));
	await page.goto('/');
	const framed = await page.evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const frame = document.createElement('iframe');
				frame.src = '/settings';
				// A refused frame holds the browser's error page, of another origin.
				frame.onload = () => resolve(frame.contentDocument !== null);
				document.body.append(frame);
			})
	);
	expect(framed).toBe(false);
	// Refused by the CSP header (which overrides X-Frame-Options where both are present).
	expect(messages.join('\n')).toContain("frame-ancestors 'none'");
});

test('the opener policy keeps the OAuth popup: a user may take their time at the provider', async ({
	page
}) => {
	// Under `same-origin`, the popup that navigates to the provider joins another browsing
	// context group: to the app it reads as closed, and after a short grace the flow gives up.
	await createVault(page);
	await openConnect(page, 'sandbox pkce', /PKCE/);
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	const popup = await popupOpened;
	await expect(popup.getByLabel('Username')).toBeVisible();
	// The user reads the page for longer than the app's 1.5 s grace for a closed popup: wait on
	// the clock passing that point (a condition, polled), then check the flow is still alive.
	const shown = Date.now();
	await expect.poll(() => Date.now() - shown, { intervals: [250] }).toBeGreaterThan(3_000);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await signInAtSandbox(popup);
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
});

test('the local sandbox build says so on every page', async ({ page }) => {
	await page.goto('/');
	const label = await page.evaluate(() => getComputedStyle(document.body, '::before').content);
	expect(label).toBe('"Local sandbox build"');
	// In German, in German (the app sets the page's language).
	const german = await page.evaluate(() => {
		document.documentElement.lang = 'de';
		return getComputedStyle(document.body, '::before').content;
	});
	expect(german).toBe('"Lokaler Sandbox-Build"');
});
