// Which URLs and host names the extension accepts (PROTOCOL.md "Hosts" and `bridge.url`):
// https everywhere, plain http only on this machine, never credentials in the URL.

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1']);
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::[0-9]{1,5})?$`);

/** @param {string} hostname without port */
export const isLocalHostname = (hostname) => LOCAL_HOSTNAMES.has(hostname);

/** @param {string} host with optional port */
const hostnameOf = (host) => host.replace(/:[0-9]+$/, '');

/** The scheme a grant for `host` gives: http for localhost and 127.0.0.1, https elsewhere. */
export const schemeOf = (/** @type {string} */ host) =>
	isLocalHostname(hostnameOf(host)) ? 'http' : 'https';

/**
 * Whether `host` is a host name as the protocol has them: lower-case ASCII (punycode) labels,
 * optionally `:port`, no wildcard, written exactly as a URL parser writes it back.
 * @param {unknown} host
 * @returns {host is string}
 */
export function isValidHost(host) {
	if (typeof host !== 'string' || host.length > 260 || !HOST.test(host)) return false;
	try {
		return new URL(`${schemeOf(host)}://${host}/`).host === host;
	} catch {
		return false;
	}
}

/** The browser permission pattern for a granted host, e.g. `https://api.example.com/*`. */
export const hostPattern = (/** @type {string} */ host) => `${schemeOf(host)}://${host}/*`;

/** The domain a declarativeNetRequest condition names for a host: the host without its port. */
export const ruleDomain = hostnameOf;

/**
 * Checks a request URL. The host it returns is what grants are compared with (`URL.host`:
 * lower-case, punycode, port only when not the scheme's default).
 * @param {unknown} text
 * @returns {{ ok: true, url: URL, host: string } | { ok: false }}
 */
export function checkUrl(text) {
	if (typeof text !== 'string') return { ok: false };
	let url;
	try {
		url = new URL(text);
	} catch {
		return { ok: false };
	}
	if (url.username || url.password) return { ok: false };
	const allowed =
		url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHostname(url.hostname));
	if (!allowed || !isValidHost(url.host)) return { ok: false };
	return { ok: true, url, host: url.host };
}

/**
 * Checks an origin the user adds for a self-hosted copy: https, or http on localhost/127.0.0.1;
 * nothing but scheme, host and port.
 * @param {string} text
 * @returns {string | null} the origin as the browser writes it, or null
 */
export function checkUserOrigin(text) {
	let url;
	try {
		url = new URL(text.trim());
	} catch {
		return null;
	}
	const allowed =
		url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHostname(url.hostname));
	const bare = !url.username && !url.password && !url.search && !url.hash && url.pathname === '/';
	return allowed && bare && isValidHost(url.host) ? url.origin : null;
}
