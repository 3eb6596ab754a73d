/**
 * The pairing with the bridge extension, kept sealed in the vault: the AES key both sides derived
 * (extension/PROTOCOL.md), so requests survive a reload without pairing again. Pairing itself is
 * two steps: the worker makes its ECDH key pair and shows a code; once the user confirms the same
 * code in the extension's window, the worker derives the key and stores it.
 */
import {
	b64u,
	deriveBridgeKey,
	fromB64u,
	generatePairingKeys,
	importBridgeKey,
	pairingCode,
	type PairingKeys
} from '../crypto';
import { AppError } from '../errors';
import type { Vault } from '../vault';
import type { Pairing } from './link';

const RECORD_ID = 'bridge:pairing';

interface StoredPairing {
	pairingId: string;
	key: string;
	origin: string;
	pairedAt: number;
}

export interface PairingInfo {
	pairingId: string;
	pairedAt: number;
}

export class PairingStore {
	/** The key pair of a pairing in progress: in memory only, gone with the session. */
	#pending: PairingKeys | null = null;
	#cached: Promise<{ pairing: Pairing; info: PairingInfo } | null> | null = null;

	constructor(
		private readonly vault: Vault,
		private readonly origin: string
	) {}

	/** The worker's public key for a new pairing (65 bytes, base64url). */
	async begin(): Promise<string> {
		this.#pending = await generatePairingKeys();
		return b64u(this.#pending.publicKey);
	}

	/** The code the extension's window must show too. */
	async code(extensionPublicKey: string): Promise<string> {
		const keys = this.#requirePending();
		return pairingCode(this.origin, keys.publicKey, fromB64u(extensionPublicKey));
	}

	async complete(pairingId: string, extensionPublicKey: string, now: number): Promise<PairingInfo> {
		if (!/^[A-Za-z0-9_-]{16,64}$/.test(pairingId))
			throw new AppError('bridge.invalid', { detail: 'pairing id' });
		const keys = this.#requirePending();
		const raw = await deriveBridgeKey(keys, fromB64u(extensionPublicKey), this.origin);
		const stored: StoredPairing = { pairingId, key: b64u(raw), origin: this.origin, pairedAt: now };
		await this.vault.put('secrets', RECORD_ID, stored);
		this.#pending = null;
		this.#cached = null;
		return { pairingId, pairedAt: now };
	}

	/** The pairing, when there is one (read from the vault once per session). */
	current(): Promise<{ pairing: Pairing; info: PairingInfo } | null> {
		this.#cached ??= this.vault.get<StoredPairing>('secrets', RECORD_ID).then(async (stored) => {
			if (!stored) return null;
			const key = await importBridgeKey(fromB64u(stored.key));
			return {
				pairing: { pairingId: stored.pairingId, key, origin: stored.origin },
				info: { pairingId: stored.pairingId, pairedAt: stored.pairedAt }
			};
		});
		return this.#cached;
	}

	async forget(): Promise<void> {
		await this.vault.delete('secrets', RECORD_ID);
		this.#cached = null;
	}

	/** Another tab paired or unpaired: read again. */
	invalidate(): void {
		this.#cached = null;
	}

	#requirePending(): PairingKeys {
		if (!this.#pending) throw new AppError('bridge.pair-denied', { detail: 'no pairing started' });
		return this.#pending;
	}
}
