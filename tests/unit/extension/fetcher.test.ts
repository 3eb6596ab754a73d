// The bridge extension's fetch (extension/PROTOCOL.md "Sealed requests"): the options every
// request goes with, the body limits both ways, and the refusals. The fetch is a fake, handed in.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, performFetch } from '../../../extension/src/lib/fetcher.js';

type Init = RequestInit & { headers: Headers };

/** A fake fetch that records what it was asked and answers `response`. */
function fakeFetch(response: () => Response | Promise<Response>) {
	const calls: { url: string; init: Init }[] = [];
	const fetch = (async (url: string, init: Init) => {
		calls.push({ url, init });
		return response();
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

const request = (extra: object = {}) => ({
	url: 'https://api.example.com/token',
	method: 'POST',
	headers: [
		['content-type', 'application/x-www-form-urlencoded'],
		['authorization', 'Basic c2VjcmV0']
	] as [string, string][],
	body: 'grant_type=refresh_token',
	...extra
});

describe('bridge fetch', () => {
	it('sends without cookies, redirects, cache or referrer, with a time limit', async () => {
		const fake = fakeFetch(() => new Response('{"ok":1}', { status: 200, statusText: 'OK' }));
		const outcome = await performFetch(request(), { fetch: fake.fetch });
		expect(fake.calls).toHaveLength(1);
		const { url, init } = fake.calls[0]!;
		expect(url).toBe('https://api.example.com/token');
		expect(init).toMatchObject({
			method: 'POST',
			body: 'grant_type=refresh_token',
			credentials: 'omit',
			redirect: 'manual',
			cache: 'no-store',
			referrerPolicy: 'no-referrer'
		});
		expect(init.signal).toBeInstanceOf(AbortSignal);
		expect([...init.headers]).toEqual([
			['authorization', 'Basic c2VjcmV0'],
			['content-type', 'application/x-www-form-urlencoded']
		]);
		expect(outcome).toEqual({
			ok: true,
			result: {
				status: 200,
				statusText: 'OK',
				headers: [['content-type', 'text/plain;charset=UTF-8']],
				body: '{"ok":1}',
				truncated: false
			}
		});
	});

	it('takes a request body of 1 MB and refuses one byte more, counted in UTF-8', async () => {
		const fake = fakeFetch(() => new Response('ok'));
		const exact = await performFetch(request({ body: 'a'.repeat(MAX_BODY_BYTES) }), fake);
		expect(exact.ok).toBe(true);
		const over = await performFetch(request({ body: 'a'.repeat(MAX_BODY_BYTES + 1) }), fake);
		expect(over).toEqual({ ok: false, error: { code: 'bridge.too-large' } });
		// Half as many characters, but two bytes each.
		const wide = await performFetch(request({ body: 'é'.repeat(MAX_BODY_BYTES / 2 + 1) }), fake);
		expect(wide).toEqual({ ok: false, error: { code: 'bridge.too-large' } });
		expect(fake.calls).toHaveLength(1);
	});

	it('cuts a response at 1 MB, marks it truncated, and stops reading', async () => {
		let pulled = 0;
		let cancelled = false;
		const chunk = new Uint8Array(256 * 1024).fill(0x61);
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled += 1;
				controller.enqueue(chunk);
			},
			cancel() {
				cancelled = true;
			}
		});
		const outcome = await performFetch(
			request(),
			fakeFetch(() => new Response(endless))
		);
		if (!outcome.ok) throw new Error(outcome.error.code);
		expect(outcome.result.body).toHaveLength(MAX_BODY_BYTES);
		expect(outcome.result.truncated).toBe(true);
		expect(cancelled).toBe(true);
		expect(pulled).toBeLessThan(8);

		const exact = await performFetch(
			request(),
			fakeFetch(() => new Response('b'.repeat(MAX_BODY_BYTES)))
		);
		expect(exact).toMatchObject({ ok: true, result: { truncated: false } });
	});

	it('refuses a redirect instead of following it', async () => {
		const opaque = fakeFetch(() => {
			const response = new Response(null, { status: 200 });
			Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
			return response;
		});
		expect(await performFetch(request(), opaque)).toEqual({
			ok: false,
			error: { code: 'bridge.redirected' }
		});
		const plain = fakeFetch(() => new Response(null, { status: 302, headers: { location: '/x' } }));
		expect(await performFetch(request(), plain)).toEqual({
			ok: false,
			error: { code: 'bridge.redirected' }
		});
	});

	it('gives up after timeoutMs, and after 30 s at most', async () => {
		let signal: AbortSignal | undefined;
		const hanging = (async (_url: string, init: RequestInit) => {
			signal = init.signal ?? undefined;
			return new Promise((_, reject) =>
				init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
			);
		}) as unknown as typeof fetch;
		const started = Date.now();
		expect(await performFetch(request({ timeoutMs: 50 }), { fetch: hanging })).toEqual({
			ok: false,
			error: { code: 'bridge.timeout' }
		});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(signal?.aborted).toBe(true);
	});

	it('caps a long timeoutMs at 30 s', async () => {
		const original = AbortSignal.timeout;
		const asked: number[] = [];
		AbortSignal.timeout = (ms: number) => {
			asked.push(ms);
			return original.call(AbortSignal, ms);
		};
		try {
			const fake = fakeFetch(() => new Response('ok'));
			await performFetch(request({ timeoutMs: 120_000 }), fake);
			await performFetch(request(), fake);
			await performFetch(request({ timeoutMs: 1000 }), fake);
		} finally {
			AbortSignal.timeout = original;
		}
		expect(asked).toEqual([30_000, 30_000, 1000]);
	});

	it('reports a failed connection as bridge.network, without its message', async () => {
		const failing = (async () => {
			throw new TypeError('getaddrinfo ENOTFOUND secret-token-in-message');
		}) as unknown as typeof fetch;
		expect(await performFetch(request(), { fetch: failing })).toEqual({
			ok: false,
			error: { code: 'bridge.network' }
		});
	});

	it('refuses what a browser would not send, before sending', async () => {
		const fake = fakeFetch(() => new Response('ok'));
		for (const bad of [
			request({ method: 'GET' }),
			request({ method: 'CONNECT', body: null }),
			request({ method: 'TRACE', body: null }),
			request({ method: 'GE T', body: null }),
			request({ headers: [['bad name', 'x']] })
		]) {
			expect(await performFetch(bad, fake)).toEqual({
				ok: false,
				error: { code: 'bridge.bad-request' }
			});
		}
		expect(fake.calls).toHaveLength(0);
	});
});
