/**
 * Connection records in and out of the vault, with an in-memory copy of the metadata for fast
 * listing (10,000 connections decrypt once per unlock, not per screen). Secrets are never cached:
 * they are opened when needed and dropped. Other tabs' changes invalidate the copy.
 */
import type { Folder } from '../folders';
import type { RecordRef, RecordWrite, Vault } from '../vault';
import type { PendingFlow } from './authorize';
import type { ConnectionMeta, ConnectionSecrets } from './model';

export class ConnectionStore {
	readonly #vault: Vault;
	#metas: Map<string, ConnectionMeta> | null = null;
	#folders: Map<string, Folder> | null = null;

	constructor(vault: Vault) {
		this.#vault = vault;
	}

	async metas(): Promise<Map<string, ConnectionMeta>> {
		if (!this.#metas) {
			const all = await this.#vault.getAll<ConnectionMeta>('connections');
			this.#metas = new Map(all.map((m) => [m.id, m]));
		}
		return this.#metas;
	}

	async folders(): Promise<Map<string, Folder>> {
		if (!this.#folders) {
			const all = await this.#vault.getAll<Folder>('folders');
			this.#folders = new Map(all.map((f) => [f.id, f]));
		}
		return this.#folders;
	}

	/** Reads one connection from storage, bypassing the copy (another tab may have changed it). */
	async fresh(id: string): Promise<ConnectionMeta | undefined> {
		const meta = await this.#vault.get<ConnectionMeta>('connections', id);
		if (this.#metas) {
			if (meta) this.#metas.set(id, meta);
			else this.#metas.delete(id);
		}
		return meta;
	}

	pending(): Promise<PendingFlow[]> {
		return this.#vault.getAll<PendingFlow>('pending');
	}

	pendingFlow(id: string): Promise<PendingFlow | undefined> {
		return this.#vault.get<PendingFlow>('pending', id);
	}

	secrets(id: string): Promise<ConnectionSecrets | undefined> {
		return this.#vault.get<ConnectionSecrets>('secrets', id);
	}

	/** Writes connections (with their secrets when given) and deletes, all in one transaction. */
	async commit(changes: {
		connections?: { meta: ConnectionMeta; secrets?: ConnectionSecrets }[];
		folders?: Folder[];
		deleteConnections?: string[];
		deleteFolders?: string[];
		extra?: { put?: RecordWrite[]; delete?: RecordRef[] };
	}): Promise<void> {
		const put: RecordWrite[] = [...(changes.extra?.put ?? [])];
		const del: RecordRef[] = [...(changes.extra?.delete ?? [])];
		for (const { meta, secrets } of changes.connections ?? []) {
			put.push({ store: 'connections', id: meta.id, value: meta });
			if (secrets) put.push({ store: 'secrets', id: meta.id, value: secrets });
		}
		for (const folder of changes.folders ?? [])
			put.push({ store: 'folders', id: folder.id, value: folder });
		for (const id of changes.deleteConnections ?? [])
			del.push({ store: 'connections', id }, { store: 'secrets', id });
		for (const id of changes.deleteFolders ?? []) del.push({ store: 'folders', id });
		await this.#vault.commit({ put, delete: del });
		// Only after the transaction succeeded does the copy change.
		for (const { meta } of changes.connections ?? []) this.#metas?.set(meta.id, meta);
		for (const id of changes.deleteConnections ?? []) this.#metas?.delete(id);
		for (const folder of changes.folders ?? []) this.#folders?.set(folder.id, folder);
		for (const id of changes.deleteFolders ?? []) this.#folders?.delete(id);
	}

	/** Forget the copy (lock, or another tab changed records). */
	invalidate(): void {
		this.#metas = null;
		this.#folders = null;
	}
}
