// The bridge extension's pairing cryptography and sealing (extension/PROTOCOL.md), checked
// against an app side written here with node:crypto and WebCrypto, independently of the
// extension's code.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../../extension/src/lib/b64u.js';
import {
	confirmationCode,
	createKeyPair,
	deriveSessionKey,
	importPublicKey
} from '../../../extension/src/lib/pairing.js';
import { open, requestAad, responseAad, seal } from '../../../extension/src/lib/seal.js';

const enc = new TextEncoder();
const ORIGIN = 'https://switchboard.app';

/** The app's half: its key pair, and the raw AES key it derives from the extension's public key. */
async function appSide(extensionPublicRaw?: Uint8Array<ArrayBuffer>) {
	const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
		'deriveBits'
	])) as CryptoKeyPair;
	const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	async function keyFor(extRaw: Uint8Array<ArrayBuffer>) {
		const ext = await crypto.subtle.importKey(
			'raw',
			extRaw,
			{ name: 'ECDH', namedCurve: 'P-256' },
			false,
			[]
		);
		const shared = new Uint8Array(
			await crypto.subtle.deriveBits({ name: 'ECDH', public: ext }, pair.privateKey, 256)
		);
		const salt = createHash('sha256').update(publicRaw).update(extRaw).digest();
		const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
		return crypto.subtle.deriveKey(
			{ name: 'HKDF', hash: 'SHA-256', salt, info: enc.encode(`switchboard-bridge-v1 ${ORIGIN}`) },
			hkdf,
			{ name: 'AES-GCM', length: 256 },
			false,
			['encrypt', 'decrypt']
		);
	}
	return {
		pair,
		publicRaw,
		key: extensionPublicRaw ? await keyFor(extensionPublicRaw) : undefined,
		keyFor
	};
}

/** Both halves of one pairing. */
async function paired() {
	const app = await appSide();
	const ext = await createKeyPair();
	const extensionKey = await deriveSessionKey({
		privateKey: ext.privateKey,
		appPublicKey: await importPublicKey(app.publicRaw),
		appPublicRaw: app.publicRaw,
		extensionPublicRaw: ext.publicRaw,
		origin: ORIGIN
	});
	return { appKey: await app.keyFor(ext.publicRaw), extensionKey, app, ext };
}

describe('bridge pairing', () => {
	it('computes the confirmation code as PROTOCOL.md defines it', async () => {
		const appRaw = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : i));
		const extRaw = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 255 - i));
		// By hand: SHA-256 over the label, 0x00, the origin, 0x00 and both keys; the first four
		// bytes big-endian, modulo 1,000,000.
		const hash = createHash('sha256')
			.update('switchboard-bridge-code-v1')
			.update(Buffer.from([0]))
			.update(ORIGIN)
			.update(Buffer.from([0]))
			.update(appRaw)
			.update(extRaw)
			.digest();
		const digits = String(hash.readUInt32BE(0) % 1_000_000).padStart(6, '0');
		const expected = `${digits.slice(0, 3)} ${digits.slice(3)}`;
		expect(await confirmationCode(ORIGIN, appRaw, extRaw)).toBe(expected);
		// Pinned, with its leading zero, so that a change on both sides still shows.
		expect(expected).toBe('098 133');
		// The origin and the order of the keys are part of the code.
		expect(await confirmationCode('http://localhost:4173', appRaw, extRaw)).not.toBe(expected);
		expect(await confirmationCode(ORIGIN, extRaw, appRaw)).not.toBe(expected);
	});

	it('derives the same key as the app, kept non-extractable', async () => {
		const { appKey, extensionKey } = await paired();
		expect(extensionKey.extractable).toBe(false);
		const sealed = await seal(appKey, { id: 'x', kind: 'ping' }, requestAad('p', ORIGIN));
		expect(await open(extensionKey, sealed.iv, sealed.data, requestAad('p', ORIGIN))).toEqual({
			id: 'x',
			kind: 'ping'
		});
	});

	it('refuses a public key that is not a P-256 point', async () => {
		const bogus = new Uint8Array(65);
		bogus[0] = 4;
		await expect(importPublicKey(bogus)).rejects.toThrow();
	});
});

describe('bridge sealing', () => {
	it('opens what it sealed, with the same additional data only', async () => {
		const { extensionKey, appKey } = await paired();
		const value = { id: 'abc', status: 200, body: 'é✓', headers: [['a', 'b']] };
		const aad = responseAad('pairing', ORIGIN, 'abc');
		const sealed = await seal(extensionKey, value, aad);
		expect(decode(sealed.iv)).toHaveLength(12);
		expect(await open(appKey, sealed.iv, sealed.data, aad)).toEqual(value);
		// Another request id, pairing, origin or direction: it does not open.
		for (const other of [
			responseAad('pairing', ORIGIN, 'abd'),
			responseAad('pairing2', ORIGIN, 'abc'),
			responseAad('pairing', 'https://evil.example', 'abc'),
			requestAad('pairing', ORIGIN)
		]) {
			expect(await open(appKey, sealed.iv, sealed.data, other)).toBeUndefined();
		}
	});

	it('refuses tampered data, another key and malformed fields', async () => {
		const { extensionKey } = await paired();
		const other = await paired();
		const aad = requestAad('p', ORIGIN);
		const sealed = await seal(extensionKey, { a: 1 }, aad);
		const bytes = decode(sealed.data)!;
		bytes[0]! ^= 1;
		expect(await open(extensionKey, sealed.iv, encode(bytes), aad)).toBeUndefined();
		expect(await open(other.extensionKey, sealed.iv, sealed.data, aad)).toBeUndefined();
		expect(await open(extensionKey, 'short', sealed.data, aad)).toBeUndefined();
		expect(await open(extensionKey, sealed.iv, 'not base64url!', aad)).toBeUndefined();
		expect(await open(extensionKey, 42, sealed.data, aad)).toBeUndefined();
	});

	it('encodes base64url without padding, strictly', () => {
		const bytes = new Uint8Array([251, 255, 191, 0]);
		expect(encode(bytes)).toBe('-_-_AA');
		expect(decode('-_-_AA')).toEqual(bytes);
		expect(decode('-_-_AA==')).toBeNull();
		expect(decode('+/+/AA')).toBeNull();
		expect(decode('A')).toBeNull();
	});
});
