/** The IndexedDB schema: one database, its stores, and the shape of what they hold. */
import type { DBSchema } from 'idb';
import type { Envelope } from '../crypto';

export const DB_NAME = 'switchboard';

/** Public parameters of the vault: nothing here is secret (the key inside is wrapped). */
export interface VaultHeader {
	id: 'header';
	v: 1;
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array<ArrayBuffer> };
	wrappedKey: Uint8Array<ArrayBuffer>;
	createdAt: number;
	changedAt: number;
}

/** An encrypted record; the envelope's AAD names the store and this id. */
export interface SealedRecord {
	id: string;
	env: Envelope;
	/**
	 * Connection records only: the folder, in the clear, so one folder's connections can be read
	 * and opened without decrypting all of them. It is a random id; folder names stay sealed.
	 */
	folderId?: string;
}

export interface SwitchboardDB extends DBSchema {
	vault: { key: string; value: VaultHeader };
	folders: { key: string; value: SealedRecord };
	connections: { key: string; value: SealedRecord; indexes: { folderId: string } };
	secrets: { key: string; value: SealedRecord };
	/** Authorization flows in progress (state, PKCE verifier), until the callback or expiry. */
	pending: { key: string; value: SealedRecord };
	/**
	 * DPoP key pairs (RFC 9449) by connection id. Stored as CryptoKeys (structured clone): the
	 * private key is non-extractable, so the browser keeps its material and nothing can read it
	 * out; it is not sealed (it cannot be exported to be encrypted), and is useless without the
	 * sealed access token it is bound to.
	 */
	dpopKeys: { key: string; value: DPoPKeyRecord };
	/** Plain preferences (language, theme, auto-lock): needed before unlock, never secret. */
	settings: { key: string; value: { key: string; value: unknown } };
}

export interface DPoPKeyRecord {
	id: string;
	keyPair: CryptoKeyPair;
	createdAt: number;
}

export type SealedStore = 'folders' | 'connections' | 'secrets' | 'pending';
