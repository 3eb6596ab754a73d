/** Folder records in the vault, with a decrypted copy kept until lock or a change elsewhere. */
import type { RecordRef, Vault } from '../vault';
import type { Folder } from './model';

export class FolderStore {
	readonly #vault: Vault;
	#all: Promise<Map<string, Folder>> | null = null;

	constructor(vault: Vault) {
		this.#vault = vault;
	}

	all(): Promise<Map<string, Folder>> {
		if (!this.#all) {
			const load = this.#vault
				.getAll<Folder>('folders')
				.then((list) => new Map(list.map((f) => [f.id, f])));
			// A failed load (locked, storage error) is not remembered: the next call tries again.
			load.catch(() => (this.#all = null));
			this.#all = load;
		}
		return this.#all;
	}

	async get(id: string): Promise<Folder | undefined> {
		return (await this.all()).get(id);
	}

	async put(folder: Folder): Promise<void> {
		await this.#vault.commit({ put: [{ store: 'folders', id: folder.id, value: folder }] });
		(await this.#all)?.set(folder.id, folder);
	}

	/** The record reference that deletes a folder inside another store's transaction. */
	recordOf(id: string): RecordRef {
		return { store: 'folders', id };
	}

	/** After such a transaction committed: forget the folder here too. */
	async forget(id: string): Promise<void> {
		(await this.#all)?.delete(id);
	}

	invalidate(): void {
		this.#all = null;
	}
}
