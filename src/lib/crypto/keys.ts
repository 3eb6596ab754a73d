/** The vault key: a random AES-256-GCM key, stored only wrapped with AES-KW (RFC 3394). */
import { AppError } from '../errors';

const VAULT_KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

/** Extractable only so it can be wrapped once; callers drop it right after. */
export function generateVaultKey(): Promise<CryptoKey> {
	return crypto.subtle.generateKey(VAULT_KEY_ALGORITHM, true, ['encrypt', 'decrypt']);
}

export async function wrapVaultKey(
	vaultKey: CryptoKey,
	wrappingKey: CryptoKey
): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await crypto.subtle.wrapKey('raw', vaultKey, wrappingKey, 'AES-KW'));
}

/**
 * AES-KW checks its integrity value on unwrap, so a wrong passphrase (wrong wrapping key) fails
 * here with an OperationError and is reported as such.
 */
export async function unwrapVaultKey(
	wrapped: Uint8Array<ArrayBuffer>,
	wrappingKey: CryptoKey,
	extractable = false
): Promise<CryptoKey> {
	try {
		return await crypto.subtle.unwrapKey(
			'raw',
			wrapped,
			wrappingKey,
			'AES-KW',
			VAULT_KEY_ALGORITHM,
			extractable,
			['encrypt', 'decrypt']
		);
	} catch (cause) {
		throw new AppError('vault.wrong-passphrase', { cause });
	}
}
