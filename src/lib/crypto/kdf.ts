/** Passphrase → key-wrapping key (PBKDF2-HMAC-SHA256, DESIGN.md "Vault"). */
import { utf8 } from './bytes';

export const KDF_ITERATIONS = 600_000;
export const SALT_BYTES = 16;

export interface KdfParams {
	name: 'PBKDF2';
	hash: 'SHA-256';
	iterations: number;
	salt: Uint8Array<ArrayBuffer>;
}

/** The AES-KW key that wraps the vault key. Non-extractable: it never leaves WebCrypto. */
export async function deriveWrappingKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
	const base = await crypto.subtle.importKey(
		'raw',
		utf8.encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: params.hash, salt: params.salt, iterations: params.iterations },
		base,
		{ name: 'AES-KW', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
}
