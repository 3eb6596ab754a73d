/**
 * Builds API requests against a connector's API base. A path from a check request, a user or an
 * imported definition must not send the connection's credentials to another server, so anything
 * that leaves the API base's origin is refused.
 */
import { fillTemplate, fillUrl } from '../catalog';
import { AppError } from '../errors';
import { applyAuth } from './apply';
import type { AuthContext } from './context';

export interface ApiRequest {
	method: string;
	url: URL;
	headers: Headers;
	body?: string;
}

export interface RequestSpec {
	method?: string;
	/** Relative to apiBaseUrl (`/me`, `me?x=1`), or an absolute URL on the API base's origin. */
	path: string;
	headers?: HeadersInit;
	body?: string;
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

const escapes = (detail: string) => new AppError('input.invalid', { detail });

/**
 * Resolves `path` against the filled API base. Relative paths are appended to the base path (so
 * `/myinfo` on `https://desk.zoho.com/api/v1` is `/api/v1/myinfo`) and may not climb out of it
 * with `..`; absolute URLs (and templates like `https://{instance}/…`) must keep the base origin.
 */
export function resolveApiUrl(
	apiBaseUrl: string | undefined,
	values: Record<string, string>,
	path: string
): URL {
	if (ABSOLUTE.test(path)) {
		const url = fillUrl(path, values);
		if (!apiBaseUrl) return url;
		if (url.origin !== fillUrl(apiBaseUrl, values).origin)
			throw escapes('path leaves the API origin');
		return url;
	}
	if (!apiBaseUrl) throw escapes('path needs an API base URL');
	const base = fillUrl(apiBaseUrl, values);
	// Placeholders in a relative path are percent-encoded by fillTemplate: they cannot add `/`.
	const filled = fillTemplate(path, values);
	const basePath = base.pathname.replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(`${base.origin}${basePath}/${filled.replace(/^[/\\]+/, '')}`);
	} catch (cause) {
		throw new AppError('input.invalid', { detail: 'not a URL', cause });
	}
	if (url.origin !== base.origin) throw escapes('path leaves the API origin');
	if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))
		throw escapes('path leaves the API base');
	return url;
}

/** A request to the connection's API with its credentials applied. */
export function buildRequest(ctx: AuthContext, spec: RequestSpec): ApiRequest {
	const url = resolveApiUrl(ctx.connector.apiBaseUrl, ctx.values, spec.path);
	const headers = new Headers(spec.headers);
	applyAuth({ url, headers }, ctx);
	const request: ApiRequest = { method: (spec.method ?? 'GET').toUpperCase(), url, headers };
	if (spec.body !== undefined) request.body = spec.body;
	return request;
}

/** Headers typed one per line as `Name: value`; a line without a name is a mistake to show. */
export function parseHeaderLines(text: string): [string, string][] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const at = line.indexOf(':');
			if (at < 1) throw new AppError('input.invalid', { detail: 'headers' });
			return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
		});
}
