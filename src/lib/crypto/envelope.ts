/**
 * The record envelope: `{ v: 1, iv, ct }`, AES-256-GCM with a fresh 96-bit IV, and additional
 * authenticated data binding the ciphertext to its store and record id, so a ciphertext moved to
 * another record fails to open. This layout is frozen by the golden vectors in
 * tests/fixtures/vault/: changing it needs a migration that keeps them opening.
 */
import { AppError } from '../errors';
import { randomBytes, utf8 } from './bytes';

const ENVELOPE_VERSION = 1;

export interface Envelope {
	v: number;
	iv: Uint8Array<ArrayBuffer>;
	ct: Uint8Array<ArrayBuffer>;
}

function envelopeAad(store: string, id: string): Uint8Array<ArrayBuffer> {
	return utf8.encode(`switchboard/v${ENVELOPE_VERSION}/${store}/${id}`);
}

async function sealBytes(
	key: CryptoKey,
	store: string,
	id: string,
	plaintext: Uint8Array<ArrayBuffer>
): Promise<Envelope> {
	const iv = randomBytes(12);
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: envelopeAad(store, id) },
		key,
		plaintext
	);
	return { v: ENVELOPE_VERSION, iv, ct: new Uint8Array(ct) };
}

async function openBytes(
	key: CryptoKey,
	store: string,
	id: string,
	envelope: Envelope
): Promise<Uint8Array<ArrayBuffer>> {
	if (!envelope || typeof envelope !== 'object')
		throw new AppError('crypto.tampered', { detail: 'not an envelope' });
	if (envelope.v !== ENVELOPE_VERSION)
		throw new AppError('crypto.unknown-version', { detail: String(envelope.v) });
	if (
		!(envelope.iv instanceof Uint8Array) ||
		envelope.iv.length !== 12 ||
		!(envelope.ct instanceof Uint8Array)
	)
		throw new AppError('crypto.tampered', { detail: 'malformed envelope' });
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: envelope.iv, additionalData: envelopeAad(store, id) },
			key,
			envelope.ct
		);
		return new Uint8Array(plain);
	} catch (cause) {
		// GCM cannot tell a wrong key from tampered bytes or a swapped record id: all fail the tag.
		throw new AppError('crypto.tampered', { cause });
	}
}

export async function seal(
	key: CryptoKey,
	store: string,
	id: string,
	value: unknown
): Promise<Envelope> {
	return sealBytes(key, store, id, utf8.encode(JSON.stringify(value)));
}

export async function open<T>(
	key: CryptoKey,
	store: string,
	id: string,
	envelope: Envelope
): Promise<T> {
	const bytes = await openBytes(key, store, id, envelope);
	try {
		return JSON.parse(utf8.decode(bytes)) as T;
	} catch (cause) {
		throw new AppError('crypto.tampered', { cause, detail: 'not JSON' });
	}
}
