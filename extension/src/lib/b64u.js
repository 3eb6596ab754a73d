// base64url without padding (PROTOCOL.md "Encoding"), strict on input: anything else is refused.

/** @param {Uint8Array} bytes */
export function encode(bytes) {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * @param {unknown} text
 * @returns {Uint8Array<ArrayBuffer> | null} null when `text` is not base64url without padding
 */
export function decode(text) {
	if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
		return null;
	}
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** `size` random bytes as base64url: request ids, pairing ids. */
export function randomId(size = 16) {
	return encode(crypto.getRandomValues(new Uint8Array(size)));
}
