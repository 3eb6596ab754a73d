/**
 * Sends an API request built by lib/auth and returns what the request console shows. Network
 * failures become typed errors: offline, or (the browser hides the reason) a CORS refusal.
 */
import type { ApiRequest } from '../auth';
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

export async function sendRequest(request: ApiRequest): Promise<ApiResponse> {
	const started = performance.now();
	let response: Response;
	try {
		response = await fetch(request.url, {
			method: request.method,
			headers: request.headers,
			body: request.body,
			credentials: 'omit',
			redirect: 'follow',
			referrerPolicy: 'no-referrer',
			signal: AbortSignal.timeout(TIMEOUT_MS)
		});
	} catch (cause) {
		throw fetchFailure(cause);
	}
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
