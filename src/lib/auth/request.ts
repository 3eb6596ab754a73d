/**
 * Builds API requests against a connector's API base. A path from a check request, a user or an
 * imported definition must not send the connection's credentials to another server, so anything
 * that leaves the API base's origin is refused, and so is a request with no API base at all.
 */
import { fillTemplate, fillUrl } from '../catalog';
import { AppError } from '../errors';
import { isAllowedUrl, parseUrl } from '../platform';
import { applyAuth } from './apply';
import { allProperties, type AuthContext } from './context';

/** The property a generic connector (HTTP) keeps its API base in. */
const BASE_URL_PROPERTY = 'base_url';

export interface ApiRequest {
	method: string;
	url: URL;
	headers: Headers;
	body?: string;
}

export interface RequestSpec {
	method?: string;
	/**
	 * Relative to apiBaseUrl (`/me`, `me?x=1`), or an absolute URL on the API base's origin —
	 * any https URL when `fromDefinition`.
	 */
	path: string;
	/**
	 * The path comes from the connector definition (its check request), not from a user typing in
	 * the console: its absolute URL may name another host of the vendor (a userinfo endpoint on
	 * the sign-in host), as the definition's token URL does.
	 */
	fromDefinition?: boolean;
	headers?: HeadersInit;
	body?: string;
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

const escapes = (detail: string) => new AppError('input.invalid', { detail });

/**
 * Resolves `path` against the API base. Relative paths are appended to the base path (so
 * `/myinfo` on `https://desk.zoho.com/api/v1` is `/api/v1/myinfo`) and may not climb out of it
 * with `..`; absolute URLs (and templates like `https://{instance}/…`) must keep the base origin.
 * Without an API base there is nowhere credentials may go, so nothing is resolved.
 */
export function resolveApiUrl(
	apiBase: string | URL | undefined,
	values: Record<string, string>,
	path: string,
	fromDefinition = false
): URL {
	if (fromDefinition && ABSOLUTE.test(path)) return fillUrl(path, values);
	if (!apiBase) throw escapes('no API base URL');
	const base = typeof apiBase === 'string' ? fillUrl(apiBase, values) : apiBase;
	if (ABSOLUTE.test(path)) {
		const url = fillUrl(path, values);
		if (url.origin !== base.origin) throw escapes('path leaves the API origin');
		return url;
	}
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

/**
 * The values a URL may be filled from: never a secret property's (a path or host shows up in
 * Copy as curl, logs and the provider's access logs).
 */
function publicValues(ctx: AuthContext): Record<string, string> {
	const secret = new Set(
		allProperties(ctx.connector, ctx.auth)
			.filter((p) => p.secret)
			.map((p) => p.name)
	);
	return Object.fromEntries(Object.entries(ctx.values).filter(([name]) => !secret.has(name)));
}

/**
 * The connection's API base: the connector's, or for a generic connector (HTTP) the user's
 * `base_url` property, which must be https (or the local sandbox).
 */
function apiBaseOf(ctx: AuthContext, values: Record<string, string>): string | URL | undefined {
	if (ctx.connector.apiBaseUrl) return ctx.connector.apiBaseUrl;
	const declared = allProperties(ctx.connector, ctx.auth).some(
		(p) => p.name === BASE_URL_PROPERTY && !p.secret
	);
	const url = declared ? parseUrl(values[BASE_URL_PROPERTY] ?? '') : null;
	if (declared && (!url || !isAllowedUrl(url) || url.username || url.password))
		throw new AppError('input.invalid', { detail: BASE_URL_PROPERTY });
	return url ?? undefined;
}

/**
 * A request to the connection's API with its credentials applied; it goes to the API base's
 * origin only (or, for the definition's own check request, where the definition says).
 */
export function buildRequest(ctx: AuthContext, spec: RequestSpec): ApiRequest {
	const values = publicValues(ctx);
	const url = resolveApiUrl(apiBaseOf(ctx, values), values, spec.path, spec.fromDefinition);
	const headers = new Headers(spec.headers);
	applyAuth({ url, headers }, ctx);
	const request: ApiRequest = { method: (spec.method ?? 'GET').toUpperCase(), url, headers };
	if (spec.body !== undefined) {
		request.body = spec.body;
		// Without a type a browser labels a string body text/plain, which JSON APIs refuse
		// (Dropbox: 400 "Bad HTTP Content-Type header").
		if (!headers.has('content-type') && isJson(spec.body))
			headers.set('Content-Type', 'application/json');
	}
	return request;
}

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
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
