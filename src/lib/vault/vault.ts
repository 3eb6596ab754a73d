/**
 * The vault: creates, unlocks, locks and re-keys the store of encrypted records. Only the worker
 * holds a Vault, so the vault key never reaches the page.
 */
import {
	deriveWrappingKey,
	generateDPoPKeyPair,
	generateVaultKey,
	KDF_ITERATIONS,
	open,
	randomBytes,
	SALT_BYTES,
	seal,
	unwrapVaultKey,
	wrapVaultKey
} from '../crypto';
import type { Database, SealedRecord, SealedStore, VaultHeader } from '../db';
import { AppError } from '../errors';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';

/**
 * The PBKDF2 iterations a stored header may ask for. Below the floor the passphrase is too cheap
 * to guess; above the ceiling unlock would hang the worker for minutes. The floor stays when
 * KDF_ITERATIONS is raised, so older vaults still open and are then re-wrapped to the new value.
 */
export const MIN_KDF_ITERATIONS = 600_000;
export const MAX_KDF_ITERATIONS = 10_000_000;

export interface UnlockTiming {
	kdfMs: number;
	totalMs: number;
}

function assertStrongEnough(passphrase: string): void {
	if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH)
		throw new AppError('vault.weak-passphrase');
}

function isHeader(value: unknown): value is VaultHeader {
	const h = value as VaultHeader;
	return (
		!!h &&
		h.v === 1 &&
		h.kdf?.name === 'PBKDF2' &&
		h.kdf.hash === 'SHA-256' &&
		h.kdf.salt instanceof Uint8Array &&
		h.wrappedKey instanceof Uint8Array &&
		h.wrappedKey.length === 40
	);
}

function iterationsInBounds(iterations: unknown): boolean {
	return (
		Number.isInteger(iterations) &&
		(iterations as number) >= MIN_KDF_ITERATIONS &&
		(iterations as number) <= MAX_KDF_ITERATIONS
	);
}

/** New parameters: the current default, never fewer than the header had, a fresh salt. */
function nextKdf(previous?: VaultHeader['kdf']): VaultHeader['kdf'] {
	return {
		name: 'PBKDF2',
		hash: 'SHA-256',
		iterations: Math.max(KDF_ITERATIONS, previous?.iterations ?? 0),
		salt: randomBytes(SALT_BYTES)
	};
}

export class Vault {
	#key: CryptoKey | null = null;
	readonly #db: Database;

	/** New vaults and re-wraps always use KDF_ITERATIONS, the DESIGN.md value. */
	constructor(db: Database) {
		this.#db = db;
	}

	get unlocked(): boolean {
		return this.#key !== null;
	}

	async exists(): Promise<boolean> {
		return (await this.#db.get('vault', 'header')) !== undefined;
	}

	async #header(): Promise<VaultHeader> {
		const header = await this.#db.get('vault', 'header');
		if (header === undefined) throw new AppError('vault.missing');
		if (!isHeader(header)) throw new AppError('vault.corrupt');
		if (!iterationsInBounds(header.kdf.iterations))
			throw new AppError('vault.corrupt', { detail: 'kdf' });
		return header;
	}

	async create(passphrase: string): Promise<void> {
		assertStrongEnough(passphrase);
		const kdf = nextKdf();
		const extractableKey = await generateVaultKey();
		const wrappingKey = await deriveWrappingKey(passphrase, kdf);
		const wrappedKey = await wrapVaultKey(extractableKey, wrappingKey);
		const now = Date.now();
		const tx = this.#db.transaction('vault', 'readwrite');
		if (await tx.store.get('header')) {
			tx.abort();
			await tx.done.catch(() => undefined);
			throw new AppError('vault.exists');
		}
		await tx.store.add({ id: 'header', v: 1, kdf, wrappedKey, createdAt: now, changedAt: now });
		await tx.done;
		// Keep only a non-extractable copy in memory.
		this.#key = await unwrapVaultKey(wrappedKey, wrappingKey);
	}

	async unlock(passphrase: string): Promise<UnlockTiming> {
		const started = performance.now();
		const header = await this.#header();
		const kdfStarted = performance.now();
		const wrappingKey = await deriveWrappingKey(passphrase, header.kdf);
		const kdfMs = performance.now() - kdfStarted;
		this.#key = await unwrapVaultKey(header.wrappedKey, wrappingKey);
		if (header.kdf.iterations < KDF_ITERATIONS) {
			// Wrapped under an older, lower default: re-wrap under the current one, records
			// untouched. Best effort: the vault is open either way, and a failure (another tab
			// re-wrapped or changed the passphrase first, storage refused) is retried next unlock.
			const vaultKey = await unwrapVaultKey(header.wrappedKey, wrappingKey, true);
			await this.#rewrap(header, vaultKey, passphrase).catch(() => undefined);
		}
		return { kdfMs, totalMs: performance.now() - started };
	}

	/**
	 * Checks a passphrase against the vault without changing anything (the user proving presence
	 * before a secret is shown). A wrong one is vault.wrong-passphrase.
	 */
	async verify(passphrase: string): Promise<void> {
		const header = await this.#header();
		await unwrapVaultKey(header.wrappedKey, await deriveWrappingKey(passphrase, header.kdf));
	}

	lock(): void {
		this.#key = null;
	}

	/**
	 * Re-wraps the vault key under a new passphrase. The records are untouched and the header is
	 * replaced by one put in one transaction, so an interruption leaves the old header (old
	 * passphrase works) or the new one (new passphrase works), never neither.
	 */
	async changePassphrase(current: string, next: string): Promise<void> {
		assertStrongEnough(next);
		const header = await this.#header();
		const vaultKey = await unwrapVaultKey(
			header.wrappedKey,
			await deriveWrappingKey(current, header.kdf),
			true
		);
		await this.#rewrap(header, vaultKey, next);
	}

	/**
	 * Wraps the vault key under `passphrase` with new KDF parameters and replaces the header in one
	 * put, unless another tab replaced it since `header` was read (`vault.changed-elsewhere`).
	 */
	async #rewrap(header: VaultHeader, vaultKey: CryptoKey, passphrase: string): Promise<void> {
		const kdf = nextKdf(header.kdf);
		const wrappedKey = await wrapVaultKey(vaultKey, await deriveWrappingKey(passphrase, kdf));
		const tx = this.#db.transaction('vault', 'readwrite');
		const stored = await tx.store.get('header');
		// Another tab changed the passphrase meanwhile: do not overwrite its work.
		if (!stored || !sameBytes(stored.wrappedKey, header.wrappedKey)) {
			tx.abort();
			await tx.done.catch(() => undefined);
			throw new AppError('vault.changed-elsewhere');
		}
		await tx.store.put({ ...header, kdf, wrappedKey, changedAt: Date.now() });
		await tx.done;
	}

	#requireKey(): CryptoKey {
		if (!this.#key) throw new AppError('vault.locked');
		return this.#key;
	}

	async put(store: SealedStore, id: string, value: unknown): Promise<void> {
		const env = await seal(this.#requireKey(), store, id, value);
		await this.#db.put(store, { id, env });
	}

	async get<T>(store: SealedStore, id: string): Promise<T | undefined> {
		const key = this.#requireKey();
		const record = await this.#db.get(store, id);
		return record ? open<T>(key, store, id, record.env) : undefined;
	}

	async getAll<T>(store: SealedStore): Promise<T[]> {
		this.#requireKey();
		return this.openAll<T>(store, await this.#db.getAll(store));
	}

	/** The sealed connection records of one folder, through the folderId index. */
	readFolder(folderId: string): Promise<SealedRecord[]> {
		return this.#db.getAllFromIndex('connections', 'folderId', folderId);
	}

	/** How many records a store holds, and how many of them its folderId index covers. */
	async indexCoverage(): Promise<{ records: number; indexed: number }> {
		const [records, indexed] = await Promise.all([
			this.#db.count('connections'),
			this.#db.countFromIndex('connections', 'folderId')
		]);
		return { records, indexed };
	}

	openAll<T>(store: SealedStore, records: SealedRecord[]): Promise<T[]> {
		const key = this.#requireKey();
		return Promise.all(records.map((r) => open<T>(key, store, r.id, r.env)));
	}

	async delete(store: SealedStore, id: string): Promise<void> {
		this.#requireKey();
		await this.#db.delete(store, id);
	}

	/**
	 * Writes and deletes several records in one transaction: all of it lands or none does (a
	 * connection's metadata and secrets, a folder with its connections). Sealing happens first,
	 * because a transaction closes when it waits on anything but IndexedDB.
	 */
	async commit(changes: {
		put?: RecordWrite[];
		delete?: RecordRef[];
		/** DPoP key pairs to delete (by connection id), in the same transaction. */
		deleteKeyPairs?: string[];
	}): Promise<void> {
		const key = this.#requireKey();
		const puts = await Promise.all(
			(changes.put ?? []).map(async (w) => ({ ...w, env: await seal(key, w.store, w.id, w.value) }))
		);
		const deletes = changes.delete ?? [];
		const keyPairs = changes.deleteKeyPairs ?? [];
		const stores: (SealedStore | 'dpopKeys')[] = [
			...new Set([...puts.map((p) => p.store), ...deletes.map((d) => d.store)])
		];
		if (keyPairs.length) stores.push('dpopKeys');
		if (stores.length === 0) return;
		const tx = this.#db.transaction(stores, 'readwrite');
		await Promise.all([
			...puts.map((p) => tx.objectStore(p.store).put({ id: p.id, env: p.env, ...p.plain })),
			...deletes.map((d) => tx.objectStore(d.store).delete(d.id)),
			...keyPairs.map((id) => tx.objectStore('dpopKeys').delete(id)),
			tx.done
		]);
	}

	/**
	 * The DPoP key pair of a connection (RFC 9449), made on first use. Key pairs are kept as
	 * non-extractable CryptoKeys, not sealed (see db/schema.ts); they are handed out only while
	 * the vault is unlocked. Two tabs making one at once: the first stored wins, both use it.
	 */
	async keyPair(id: string): Promise<CryptoKeyPair> {
		this.#requireKey();
		const stored = await this.#db.get('dpopKeys', id);
		if (stored) return stored.keyPair;
		const keyPair = await generateDPoPKeyPair();
		// The key is made before the transaction: one waiting on anything but IndexedDB closes.
		const tx = this.#db.transaction('dpopKeys', 'readwrite');
		const raced = await tx.store.get(id);
		if (!raced) await tx.store.put({ id, keyPair, createdAt: Date.now() });
		await tx.done;
		return raced?.keyPair ?? keyPair;
	}
}

export interface RecordRef {
	store: SealedStore;
	id: string;
}

export interface RecordWrite extends RecordRef {
	value: unknown;
	/** Fields stored in the clear beside the envelope, for an index (see db/schema.ts). */
	plain?: { folderId: string };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
