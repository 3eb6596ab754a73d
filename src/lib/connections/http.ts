/**
 * Sends an API request built by lib/auth and returns what the request console shows. Network
 * failures become typed errors: offline, or (the browser hides the reason) a CORS refusal.
 */
import type { ApiRequest } from '../auth';
import { AppError } from '../errors';
import { dpopResourceRequest, type DPoPHandle } from '../oauth';
import { fetchFailure, type FetchLike } from '../platform';

export interface ApiResponse {
	status: number;
	statusText: string;
	headers: [string, string][];
	body: string;
	/** The body was cut at MAX_BODY characters. */
	truncated: boolean;
	durationMs: number;
}

const MAX_BODY = 1_000_000;
const TIMEOUT_MS = 30_000;

/** A DPoP-bound token (RFC 9449): each request gets a proof signed with the connection's key. */
export interface DPoPSending {
	handle: DPoPHandle;
	accessToken: string;
}

/**
 * `send` is the connection's route (ctx.network): straight from this browser, or through the
 * bridge extension; either sends without cookies and never follows a redirect.
 */
export async function sendRequest(
	request: ApiRequest,
	send: FetchLike,
	dpop?: DPoPSending
): Promise<ApiResponse> {
	const started = performance.now();
	let response: Response;
	try {
		const signal = AbortSignal.timeout(TIMEOUT_MS);
		response = dpop
			? await dpopResourceRequest(dpop.handle, dpop.accessToken, request, send, signal)
			: await send(request.url.href, {
					method: request.method,
					headers: request.headers,
					body: request.body,
					signal
				});
	} catch (cause) {
		// The route's own refusals (the bridge is missing, a host not granted) are typed already.
		if (cause instanceof AppError) throw cause;
		throw fetchFailure(cause);
	}
	// Browsers hide a manual redirect (opaqueredirect, status 0); other runtimes show the 3xx.
	if (
		response.type === 'opaqueredirect' ||
		(response.status >= 300 && response.headers.has('location'))
	)
		throw new AppError('connection.redirected', { detail: String(response.status) });
	const text = await response.text();
	return {
		status: response.status,
		statusText: response.statusText,
		headers: [...response.headers.entries()],
		body: text.slice(0, MAX_BODY),
		truncated: text.length > MAX_BODY,
		durationMs: Math.round(performance.now() - started)
	};
}

/** Reads `a.b.0.c` from a JSON body; undefined when it is not there or not text/number. */
export function readField(body: string, path: string): string | undefined {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return undefined;
	}
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
