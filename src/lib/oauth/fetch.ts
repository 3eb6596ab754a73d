/**
 * The fetch oauth4webapi uses (through its `customFetch` option, no globals touched). It marks
 * failures of the request itself: a browser reports a CORS refusal, DNS failure or refused
 * connection all as a bare TypeError, which must not be confused with oauth4webapi's own
 * argument TypeErrors.
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export class NetworkFailure extends Error {
	constructor(cause: unknown) {
		super('the request did not reach the server', { cause });
		this.name = 'NetworkFailure';
	}
}

export function networkFetch(base?: FetchLike): FetchLike {
	// Called as a plain function: a browser's fetch throws "Illegal invocation" on another `this`.
	const send: FetchLike = base ?? ((input, init) => globalThis.fetch(input, init));
	return async (input, init) => {
		try {
			return await send(input, init);
		} catch (error) {
			const name = (error as { name?: unknown })?.name;
			// Time-outs and aborts are not network refusals; errors.ts maps them on their own.
			if (name === 'AbortError' || name === 'TimeoutError') throw error;
			throw new NetworkFailure(error);
		}
	};
}

/** False only when the browser knows it is offline (there is no `navigator` in Node). */
export function isOffline(): boolean {
	return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}
