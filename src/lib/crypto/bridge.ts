/**
 * The worker's half of the bridge protocol (extension/PROTOCOL.md): an ECDH P-256 agreement at
 * pairing, a confirmation code both sides show, and AES-GCM sealing of every request and response
 * that the page relays, so page script sees only ciphertext.
 */
import { AppError } from '../errors';
import { randomBytes, utf8 } from './bytes';

const CODE_LABEL = 'switchboard-bridge-code-v1';
const KEY_INFO = 'switchboard-bridge-v1 ';

export function b64u(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromB64u(text: string): Uint8Array<ArrayBuffer> {
	if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text))
		throw new AppError('bridge.invalid', { detail: 'not base64url' });
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export interface PairingKeys {
	privateKey: CryptoKey;
	/** Uncompressed P-256 point, 65 bytes. */
	publicKey: Uint8Array<ArrayBuffer>;
}

export async function generatePairingKeys(): Promise<PairingKeys> {
	const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
		'deriveBits'
	]);
	const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	return { privateKey: pair.privateKey, publicKey };
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function checkPoint(publicKey: Uint8Array): void {
	if (publicKey.length !== 65 || publicKey[0] !== 4)
		throw new AppError('bridge.invalid', { detail: 'public key' });
}

/** Six digits both sides derive from the two public keys and the origin: `123 456`. */
export async function pairingCode(
	origin: string,
	appPublicKey: Uint8Array,
	extensionPublicKey: Uint8Array
): Promise<string> {
	const zero = new Uint8Array([0]);
	const digest = new Uint8Array(
		await crypto.subtle.digest(
			'SHA-256',
			concat(
				utf8.encode(CODE_LABEL),
				zero,
				utf8.encode(origin),
				zero,
				appPublicKey,
				extensionPublicKey
			)
		)
	);
	const value = new DataView(digest.buffer).getUint32(0) % 1_000_000;
	const digits = String(value).padStart(6, '0');
	return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** The raw AES-256 key both sides derive (the worker seals it in the vault). */
export async function deriveBridgeKey(
	keys: PairingKeys,
	extensionPublicKey: Uint8Array<ArrayBuffer>,
	origin: string
): Promise<Uint8Array<ArrayBuffer>> {
	checkPoint(extensionPublicKey);
	const peer = await crypto.subtle.importKey(
		'raw',
		extensionPublicKey,
		{ name: 'ECDH', namedCurve: 'P-256' },
		false,
		[]
	);
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: peer },
		keys.privateKey,
		256
	);
	const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveBits']);
	const salt = await crypto.subtle.digest('SHA-256', concat(keys.publicKey, extensionPublicKey));
	const bits = await crypto.subtle.deriveBits(
		{ name: 'HKDF', hash: 'SHA-256', salt, info: utf8.encode(KEY_INFO + origin) },
		hkdf,
		256
	);
	return new Uint8Array(bits);
}

export function importBridgeKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export interface Sealed {
	iv: string;
	data: string;
}

export async function sealText(key: CryptoKey, aad: string, text: string): Promise<Sealed> {
	const iv = randomBytes(12);
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) },
		key,
		utf8.encode(text)
	);
	return { iv: b64u(iv), data: b64u(new Uint8Array(data)) };
}

/** Opens what the other side sealed; anything else (altered, replayed elsewhere) is refused. */
export async function openText(key: CryptoKey, aad: string, sealed: Sealed): Promise<string> {
	const iv = fromB64u(sealed.iv);
	if (iv.length !== 12) throw new AppError('bridge.invalid', { detail: 'iv' });
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) },
			key,
			fromB64u(sealed.data)
		);
		return utf8.decode(plain);
	} catch (cause) {
		throw new AppError('bridge.invalid', { detail: 'sealed reply does not open', cause });
	}
}

/** A fresh request id: 16 random bytes. */
export function requestId(): string {
	return b64u(randomBytes(16));
}
