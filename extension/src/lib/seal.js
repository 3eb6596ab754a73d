// AES-GCM sealing of requests and replies (PROTOCOL.md "Sealed requests"). The additional data
// binds each ciphertext to its pairing, the page's origin and (replies) the request id, so a
// sealed blob cannot be moved to another pairing, origin or request.
import { decode, encode } from './b64u.js';

const encoder = new TextEncoder();

/** @param {string} pairingId @param {string} origin */
export const requestAad = (pairingId, origin) => `req|${pairingId}|${origin}`;

/** @param {string} pairingId @param {string} origin @param {string} id */
export const responseAad = (pairingId, origin, id) => `res|${pairingId}|${origin}|${id}`;

/**
 * @param {CryptoKey} key
 * @param {unknown} value any JSON value
 * @param {string} aad
 * @returns {Promise<{ iv: string, data: string }>}
 */
export async function seal(key, value, aad) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
		key,
		encoder.encode(JSON.stringify(value))
	);
	return { iv: encode(iv), data: encode(new Uint8Array(data)) };
}

/**
 * @param {CryptoKey} key
 * @param {unknown} iv
 * @param {unknown} data
 * @param {string} aad
 * @returns {Promise<unknown>} the JSON value, or undefined when it does not open
 */
export async function open(key, iv, data, aad) {
	const ivBytes = decode(iv);
	const dataBytes = decode(data);
	if (!ivBytes || ivBytes.length !== 12 || !dataBytes) return undefined;
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: ivBytes, additionalData: encoder.encode(aad) },
			key,
			dataBytes
		);
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		return undefined;
	}
}
