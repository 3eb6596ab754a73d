/**
 * Connection records in and out of the vault, with in-memory copies of the decrypted metadata.
 * A folder's list is read through the folderId index and opened on its own, so unlocking shows
 * the current folder without decrypting all 10,000 connections first; the whole set is opened
 * when something needs it (the background refresh) and kept until lock or a change elsewhere.
 * Secrets are never cached: they are opened when needed and dropped.
 */
import { dpopHandle, type DPoPHandle } from '../oauth';
import type { RecordRef, RecordWrite, Vault } from '../vault';
import type { ConnectionMeta, ConnectionSecrets } from './model';

type MetaMap = Map<string, ConnectionMeta>;

export interface ConnectionChanges {
	connections?: { meta: ConnectionMeta; secrets?: ConnectionSecrets }[];
	deleteConnections?: string[];
	extra?: { put?: RecordWrite[]; delete?: RecordRef[] };
}

export class ConnectionStore {
	readonly #vault: Vault;
	#all: Promise<MetaMap> | null = null;
	#byFolder = new Map<string, Promise<MetaMap>>();
	readonly #dpop = new Map<string, Promise<DPoPHandle>>();

	constructor(vault: Vault) {
		this.#vault = vault;
	}

	/** Every connection's metadata, decrypted once; concurrent callers share the load. */
	metas(): Promise<MetaMap> {
		this.#all ??= this.#remember(
			this.#vault.getAll<ConnectionMeta>('connections').then(toMap),
			() => (this.#all = null)
		);
		return this.#all;
	}

	/** One folder's connections (from the full copy when it is already open). */
	async inFolder(folderId: string): Promise<ConnectionMeta[]> {
		if (this.#all) return [...(await this.#all).values()].filter((m) => m.folderId === folderId);
		let load = this.#byFolder.get(folderId);
		if (!load) {
			load = this.#remember(
				this.#vault
					.readFolder(folderId)
					.then((records) => this.#vault.openAll<ConnectionMeta>('connections', records))
					.then(toMap),
				() => this.#byFolder.delete(folderId)
			);
			this.#byFolder.set(folderId, load);
		}
		return [...(await load).values()];
	}

	/** One connection's metadata, from a copy if there is one. */
	async get(id: string): Promise<ConnectionMeta | undefined> {
		if (this.#all) return (await this.#all).get(id);
		for (const load of this.#byFolder.values()) {
			const meta = (await load).get(id);
			if (meta) return meta;
		}
		return this.#vault.get<ConnectionMeta>('connections', id);
	}

	/** Reads one connection from storage, bypassing the copies (another tab may have changed it). */
	async fresh(id: string): Promise<ConnectionMeta | undefined> {
		const meta = await this.#vault.get<ConnectionMeta>('connections', id);
		await this.#patch(meta ? [meta] : [], meta ? [] : [id]);
		return meta;
	}

	/** Re-reads the named connections after another tab changed them. */
	async reload(ids: string[]): Promise<void> {
		for (const id of ids) await this.fresh(id);
	}

	secrets(id: string): Promise<ConnectionSecrets | undefined> {
		return this.#vault.get<ConnectionSecrets>('secrets', id);
	}

	/**
	 * The connection's DPoP handle (RFC 9449): its key pair, made on first use and kept across
	 * lock and reload, and the nonces its servers sent, kept for this session.
	 */
	dpop(id: string): Promise<DPoPHandle> {
		let handle = this.#dpop.get(id);
		if (!handle) {
			handle = this.#remember(this.#vault.keyPair(id).then(dpopHandle), () =>
				this.#dpop.delete(id)
			);
			this.#dpop.set(id, handle);
		}
		return handle;
	}

	/**
	 * Writes connections (with their secrets when given) and deletes, all in one transaction;
	 * `extra` adds records of other stores to the same transaction.
	 */
	async commit(changes: ConnectionChanges): Promise<void> {
		const put: RecordWrite[] = [...(changes.extra?.put ?? [])];
		const del: RecordRef[] = [...(changes.extra?.delete ?? [])];
		for (const { meta, secrets } of changes.connections ?? []) {
			put.push({
				store: 'connections',
				id: meta.id,
				value: meta,
				plain: { folderId: meta.folderId }
			});
			if (secrets) put.push({ store: 'secrets', id: meta.id, value: secrets });
		}
		const deleted = changes.deleteConnections ?? [];
		for (const id of deleted) del.push({ store: 'connections', id }, { store: 'secrets', id });
		// A deleted connection's DPoP key goes in the same transaction.
		await this.#vault.commit({ put, delete: del, deleteKeyPairs: deleted });
		for (const id of deleted) this.#dpop.delete(id);
		// Only after the transaction succeeded do the copies change.
		await this.#patch(
			(changes.connections ?? []).map((c) => c.meta),
			changes.deleteConnections ?? []
		);
	}

	/**
	 * Records written by a version without the folderId index (schema 2) carry no folderId:
	 * rewrite them once, now that they can be read. Cheap when there is nothing to do.
	 */
	async fillFolderIndex(): Promise<void> {
		const { records, indexed } = await this.#vault.indexCoverage();
		if (records === indexed) return;
		const all = [...(await this.metas()).values()];
		await this.#vault.commit({
			put: all.map((meta) => ({
				store: 'connections',
				id: meta.id,
				value: meta,
				plain: { folderId: meta.folderId }
			}))
		});
		this.#byFolder.clear();
	}

	/** Forget the copies (lock, or another tab changed records). */
	invalidate(): void {
		this.#all = null;
		this.#byFolder.clear();
	}

	async #patch(changed: ConnectionMeta[], deleted: string[]): Promise<void> {
		const all = await this.#all;
		for (const meta of changed) all?.set(meta.id, meta);
		for (const id of deleted) all?.delete(id);
		for (const [folderId, load] of this.#byFolder) {
			const folder = await load;
			for (const id of deleted) folder.delete(id);
			for (const meta of changed) {
				if (meta.folderId === folderId) folder.set(meta.id, meta);
				else folder.delete(meta.id); // moved away
			}
		}
	}

	/** A failed load (locked, storage error) is not remembered: the next call tries again. */
	#remember<T>(load: Promise<T>, forget: () => void): Promise<T> {
		load.catch(forget);
		return load;
	}
}

const toMap = (metas: ConnectionMeta[]): MetaMap => new Map(metas.map((m) => [m.id, m]));
