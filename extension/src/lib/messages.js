// The shapes of the protocol's messages (PROTOCOL.md). Anything else is `bridge.bad-request`
// before any work is done.
import { isValidHost } from './url-rules.js';

export const PROTOCOL_VERSION = 1;
export const MAX_HOSTS = 20;
export const MAX_LABEL = 100;
// A 1 MB body can grow several times over as escaped JSON, then by a third as base64url.
const MAX_SEALED = 8 * 1024 * 1024;

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {unknown} value @param {number} max */
const isText = (value, max) => typeof value === 'string' && value.length > 0 && value.length <= max;

/** An id as the protocol makes them: 16 random bytes, base64url. @param {unknown} value */
const isId = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);

/** @type {Record<string, (message: Record<string, unknown>) => boolean>} */
const OUTER = {
	hello: () => true,
	pair: (m) => isText(m.publicKey, 100),
	'pair-status': (m) => isId(m.requestId),
	request: (m) => isId(m.pairingId) && isText(m.iv, 16) && isText(m.data, MAX_SEALED),
	grant: (m) =>
		isId(m.pairingId) &&
		Array.isArray(m.hosts) &&
		m.hosts.length > 0 &&
		m.hosts.length <= MAX_HOSTS &&
		m.hosts.every(isValidHost) &&
		typeof m.label === 'string' &&
		m.label.trim().length > 0 &&
		m.label.length <= MAX_LABEL,
	'grant-status': (m) => isId(m.requestId),
	hosts: (m) => isId(m.pairingId),
	'remove-host': (m) => isId(m.pairingId) && isValidHost(m.host),
	unpair: (m) => isId(m.pairingId)
};

/**
 * The message when it is a well-formed version-1 message, else null.
 * @param {unknown} message
 * @returns {(Record<string, unknown> & { type: string }) | null}
 */
export function parseMessage(message) {
	if (!isObject(message) || message.v !== PROTOCOL_VERSION || typeof message.type !== 'string') {
		return null;
	}
	const valid = Object.hasOwn(OUTER, message.type) && OUTER[message.type]?.(message);
	return valid ? /** @type {Record<string, unknown> & { type: string }} */ (message) : null;
}

/** @param {unknown} headers @returns {headers is [string, string][]} */
const isHeaderList = (headers) =>
	Array.isArray(headers) &&
	headers.every(
		(pair) =>
			Array.isArray(pair) &&
			pair.length === 2 &&
			typeof pair[0] === 'string' &&
			typeof pair[1] === 'string'
	);

/**
 * @typedef {{ id: string, ts: number, kind: 'ping' }} PingRequest
 * @typedef {{ id: string, ts: number, kind: 'fetch', url: string, method: string,
 *   headers: [string, string][], body: string | null, timeoutMs?: number }} FetchRequest
 */

/**
 * The opened request when it is well-formed, else null.
 * @param {unknown} request
 * @returns {PingRequest | FetchRequest | null}
 */
export function parseRequest(request) {
	if (!isObject(request) || !isId(request.id) || typeof request.ts !== 'number') return null;
	if (request.kind === 'ping') return /** @type {PingRequest} */ (request);
	const valid =
		request.kind === 'fetch' &&
		typeof request.url === 'string' &&
		isText(request.method, 20) &&
		isHeaderList(request.headers) &&
		(request.body === null || typeof request.body === 'string') &&
		(request.timeoutMs === undefined ||
			(typeof request.timeoutMs === 'number' && request.timeoutMs > 0));
	return valid ? /** @type {FetchRequest} */ (request) : null;
}
