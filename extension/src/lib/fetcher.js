// Performs one request for the app (PROTOCOL.md "Sealed requests"): no cookies, no redirects
// followed, no cache, no referrer, a bounded time, bounded bodies both ways.

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_TIMEOUT_MS = 30_000;
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * @typedef {{ url: string, method: string, headers: [string, string][], body: string | null,
 *   timeoutMs?: number }} FetchRequest
 * @typedef {{ status: number, statusText: string, headers: [string, string][], body: string,
 *   truncated: boolean }} FetchResult
 * @typedef {{ code: string }} FetchError
 */

/** The UTF-8 size of a request body. @param {string | null} body */
export const bodySize = (body) => (body === null ? 0 : new TextEncoder().encode(body).length);

/**
 * Reads at most `limit` bytes of a response body, then stops reading it.
 * @param {Response} response
 * @param {number} limit
 */
async function readCapped(response, limit) {
	if (!response.body) return { body: '', truncated: false };
	const reader = response.body.getReader();
	/** @type {Uint8Array[]} */
	const chunks = [];
	let size = 0;
	let truncated = false;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (size + value.length > limit) {
			chunks.push(value.subarray(0, limit - size));
			size = limit;
			truncated = true;
			// Not awaited: a server that keeps sending must not hold the answer back.
			reader.cancel().catch(() => undefined);
			break;
		}
		chunks.push(value);
		size += value.length;
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return { body: new TextDecoder().decode(bytes), truncated };
}

/**
 * @param {FetchRequest} request already checked against the URL rules and the grants
 * @param {{ fetch?: typeof fetch }} [options] `fetch`: the function that sends it
 * @returns {Promise<{ ok: true, result: FetchResult } | { ok: false, error: FetchError }>}
 */
export async function performFetch(request, { fetch: send = fetch } = {}) {
	const method = request.method.toUpperCase();
	if (!/^[A-Z]+$/.test(method) || FORBIDDEN_METHODS.has(method)) {
		return { ok: false, error: { code: 'bridge.bad-request' } };
	}
	if (request.body !== null && (method === 'GET' || method === 'HEAD')) {
		return { ok: false, error: { code: 'bridge.bad-request' } };
	}
	if (bodySize(request.body) > MAX_BODY_BYTES) {
		return { ok: false, error: { code: 'bridge.too-large' } };
	}
	let headers;
	try {
		headers = new Headers(request.headers);
	} catch {
		return { ok: false, error: { code: 'bridge.bad-request' } };
	}
	const timeout = Math.min(request.timeoutMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS);
	try {
		const response = await send(request.url, {
			method,
			headers,
			body: request.body,
			credentials: 'omit',
			redirect: 'manual',
			cache: 'no-store',
			referrerPolicy: 'no-referrer',
			signal: AbortSignal.timeout(timeout)
		});
		if (response.type === 'opaqueredirect' || REDIRECTS.has(response.status)) {
			response.body?.cancel().catch(() => undefined);
			return { ok: false, error: { code: 'bridge.redirected' } };
		}
		const { body, truncated } = await readCapped(response, MAX_BODY_BYTES);
		return {
			ok: true,
			result: {
				status: response.status,
				statusText: response.statusText,
				headers: [...response.headers],
				body,
				truncated
			}
		};
	} catch (error) {
		const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
		return { ok: false, error: { code: timedOut ? 'bridge.timeout' : 'bridge.network' } };
	}
}
