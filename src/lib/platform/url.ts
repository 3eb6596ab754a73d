/**
 * The one URL policy: credentials and OAuth traffic go only over https, except to the local
 * sandbox at http://localhost (never 127.0.0.1 or another loopback spelling: one name keeps the
 * exception small and matches what the catalog validator allows).
 */
export function isLocalHttp(url: URL): boolean {
	return url.protocol === 'http:' && url.hostname === 'localhost';
}

/** https, or http://localhost. */
export function isAllowedUrl(url: URL): boolean {
	return url.protocol === 'https:' || isLocalHttp(url);
}

/** Parses `text`, or returns null when it is not an absolute URL. */
export function parseUrl(text: string): URL | null {
	try {
		return new URL(text);
	} catch {
		return null;
	}
}
