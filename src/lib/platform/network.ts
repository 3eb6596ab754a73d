/**
 * What a failed fetch means. A browser reports a CORS refusal, a DNS failure and a refused
 * connection all as a bare TypeError; it only tells us when it knows it is offline. Time-outs
 * and aborts are names of their own.
 */
import { AppError } from '../errors';
import { isOnline } from './online';

/** The request itself failed (no HTTP answer), as opposed to an argument error of a library. */
export class NetworkFailure extends Error {
	constructor(cause: unknown) {
		super('the request did not reach the server', { cause });
		this.name = 'NetworkFailure';
	}
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A request straight from this browser, as every credentialed one is sent: no cookies, no
 * referrer, and credentials never follow a redirect (the next hop may be another origin).
 */
export const directFetch: FetchLike = (input, init) =>
	globalThis.fetch(input, {
		...init,
		credentials: 'omit',
		redirect: 'manual',
		referrerPolicy: 'no-referrer'
	});

/** Wraps a fetch so that failures of the request itself become NetworkFailure. */
export function networkFetch(base?: FetchLike): FetchLike {
	// Called as a plain function: a browser's fetch throws "Illegal invocation" on another `this`.
	const send: FetchLike = base ?? ((input, init) => globalThis.fetch(input, init));
	return async (input, init) => {
		try {
			return await send(input, init);
		} catch (error) {
			if (isTimeout(error)) throw error;
			throw new NetworkFailure(error);
		}
	};
}

export function isTimeout(error: unknown): boolean {
	const name = (error as { name?: unknown } | null)?.name;
	return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * The code for a request that got no answer: `network.timeout` when it ran out of time,
 * `network.offline` when the device is offline, otherwise a refusal the browser will not explain
 * (most often CORS: the provider does not allow browser requests).
 */
export function fetchFailure(cause: unknown): AppError {
	if (isTimeout(cause)) return new AppError('network.timeout', { cause });
	if (!isOnline()) return new AppError('network.offline', { cause });
	return new AppError('oauth.cors', { cause });
}
