// The pairing's cryptography (PROTOCOL.md "Pairing"): ECDH P-256, the confirmation code, and the
// HKDF-derived AES-GCM key. Private keys and the derived key are created non-extractable.

const encoder = new TextEncoder();
const CURVE = { name: 'ECDH', namedCurve: 'P-256' };

/** @param {Uint8Array<ArrayBuffer>[]} parts */
function concat(...parts) {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

/** @param {Uint8Array<ArrayBuffer>} bytes */
async function sha256(bytes) {
	return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * The extension's key pair for one pairing, with its public key as an uncompressed point.
 * @returns {Promise<{ privateKey: CryptoKey, publicRaw: Uint8Array<ArrayBuffer> }>}
 */
export async function createKeyPair() {
	const pair = /** @type {CryptoKeyPair} */ (
		await crypto.subtle.generateKey(CURVE, false, ['deriveBits'])
	);
	const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	return { privateKey: pair.privateKey, publicRaw };
}

/**
 * Imports the app's public key; rejects anything that is not a point on P-256.
 * @param {Uint8Array<ArrayBuffer>} raw
 */
export function importPublicKey(raw) {
	return crypto.subtle.importKey('raw', raw, CURVE, true, []);
}

/**
 * The six digits both sides show, as "123 456".
 * @param {string} origin
 * @param {Uint8Array<ArrayBuffer>} appPublicRaw
 * @param {Uint8Array<ArrayBuffer>} extensionPublicRaw
 */
export async function confirmationCode(origin, appPublicRaw, extensionPublicRaw) {
	const zero = new Uint8Array([0]);
	const hash = await sha256(
		concat(
			encoder.encode('switchboard-bridge-code-v1'),
			zero,
			encoder.encode(origin),
			zero,
			appPublicRaw,
			extensionPublicRaw
		)
	);
	const number = new DataView(hash.buffer).getUint32(0, false) % 1_000_000;
	const digits = String(number).padStart(6, '0');
	return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/**
 * The pairing's AES-GCM key, non-extractable: it never leaves the extension's IndexedDB.
 * @param {{ privateKey: CryptoKey, appPublicKey: CryptoKey, appPublicRaw: Uint8Array<ArrayBuffer>,
 *   extensionPublicRaw: Uint8Array<ArrayBuffer>, origin: string }} input
 */
export async function deriveSessionKey(input) {
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: input.appPublicKey },
		input.privateKey,
		256
	);
	const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: await sha256(concat(input.appPublicRaw, input.extensionPublicRaw)),
			info: encoder.encode(`switchboard-bridge-v1 ${input.origin}`)
		},
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}
