/**
 * Requests through the paired extension. Each is sealed for the extension alone (AES-GCM, with
 * the pairing and origin as additional data), relayed by the page as ciphertext, and its answer
 * opened here and turned back into a Response for oauth4webapi and the request console.
 */
import { openText, requestId, sealText } from '../crypto';
import { AppError } from '../errors';
import type { FetchLike } from '../platform';
import { expectOk, message, refusal, type Relay } from './protocol';

export interface Pairing {
	pairingId: string;
	key: CryptoKey;
	/** This app's origin, as the extension reads it from the browser. */
	origin: string;
}

const TIMEOUT_MS = 30_000;
/** Bodies oauth4webapi and the console send: text, form parameters. */
const MAX_BODY = 1_000_000;
/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

interface SealedResponse {
	id: string;
	status: number;
	statusText: string;
	headers: [string, string][];
	body: string;
	truncated: boolean;
}

function bodyText(body: BodyInit | null | undefined): string | null {
	if (body === undefined || body === null) return null;
	if (typeof body === 'string') return body;
	if (body instanceof URLSearchParams) return body.toString();
	throw new AppError('bridge.invalid', { detail: 'body type' });
}

export class BridgeLink {
	constructor(
		readonly pairing: Pairing,
		private readonly relay: Relay,
		private readonly now: () => number = Date.now
	) {}

	/** Seals one request, relays it, opens the answer. */
	async #exchange(request: Record<string, unknown>): Promise<Record<string, unknown>> {
		const { pairingId, key, origin } = this.pairing;
		const id = requestId();
		const sealed = await sealText(
			key,
			`req|${pairingId}|${origin}`,
			JSON.stringify({ ...request, id, ts: this.now() })
		);
		const reply = expectOk(await this.relay(message('request', { pairingId, ...sealed })));
		if (typeof reply.iv !== 'string' || typeof reply.data !== 'string')
			throw new AppError('bridge.invalid', { detail: 'reply' });
		const opened = JSON.parse(
			await openText(key, `res|${pairingId}|${origin}|${id}`, { iv: reply.iv, data: reply.data })
		) as Record<string, unknown>;
		if (opened.id !== id) throw new AppError('bridge.invalid', { detail: 'reply id' });
		if (opened.error) throw refusal(opened.error as { code?: unknown });
		return opened;
	}

	readonly fetch: FetchLike = async (url, init) => {
		const body = bodyText(init.body);
		if (body !== null && body.length > MAX_BODY) throw new AppError('bridge.too-large');
		const work = this.#exchange({
			kind: 'fetch',
			url,
			method: init.method ?? 'GET',
			headers: [...new Headers(init.headers).entries()],
			body,
			timeoutMs: TIMEOUT_MS
		});
		const opened = (await abortable(work, init.signal)) as unknown as SealedResponse;
		if (!Number.isInteger(opened.status) || opened.status < 200 || opened.status > 599)
			throw new AppError('bridge.invalid', { detail: 'status' });
		return new Response(NULL_BODY.has(opened.status) ? null : opened.body, {
			status: opened.status,
			statusText: opened.statusText,
			headers: opened.headers
		});
	};

	/** A sealed round trip: proves both sides hold the key. */
	async ping(): Promise<{ version: string; hosts: string[] }> {
		const opened = await this.#exchange({ kind: 'ping' });
		if (opened.pong !== true) throw new AppError('bridge.invalid', { detail: 'ping' });
		return {
			version: String(opened.version ?? ''),
			hosts: Array.isArray(opened.hosts) ? opened.hosts.map(String) : []
		};
	}
}

/** The caller's abort (a time-out) wins; the bridge's own errors pass through as they are. */
async function abortable<T>(work: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
	if (!signal) return work;
	signal.throwIfAborted();
	let onAbort: () => void = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([work, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
