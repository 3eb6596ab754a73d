/**
 * Sends an API request built by lib/auth and returns what the request console shows. Network
 * failures become typed errors: offline, or (the browser hides the reason) a CORS refusal.
 */
import type { ApiRequest } from '../auth';
import { AppError } from '../errors';
import { dpopResourceRequest, type DPoPHandle } from '../oauth';
import { fetchFailure } from '../platform';

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

/** What every credentialed request is sent with, whoever builds it. */
function credentialedFetch(url: string | URL, init: RequestInit): Promise<Response> {
	return fetch(url, {
		...init,
		credentials: 'omit',
		// Credentials never follow a redirect: the next hop may be another origin.
		redirect: 'manual',
		referrerPolicy: 'no-referrer'
	});
}

export async function sendRequest(request: ApiRequest, dpop?: DPoPSending): Promise<ApiResponse> {
	const started = performance.now();
	let response: Response;
	try {
		const signal = AbortSignal.timeout(TIMEOUT_MS);
		response = dpop
			? await dpopResourceRequest(dpop.handle, dpop.accessToken, request, credentialedFetch, signal)
			: await credentialedFetch(request.url, {
					method: request.method,
					headers: request.headers,
					body: request.body,
					signal
				});
	} catch (cause) {
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
