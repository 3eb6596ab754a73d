/**
 * Folders: list, create, rename, delete. A folder's connections belong to the connections domain,
 * so deleting a folder asks its `FolderContents` (given by the worker's session) to revoke them
 * and to delete them together with the folder record in one transaction.
 */
import { AppError } from '../errors';
import { randomId } from '../platform';
import type { RecordRef } from '../vault';
import { folderName, MY_WORKSPACE, MY_WORKSPACE_ID, type Folder } from './model';
import type { FolderStore } from './store';

export interface FolderContents {
	/** Ids of the connections in a folder. */
	idsIn(folderId: string): Promise<string[]>;
	/** Asks the provider to revoke a connection's grant; false when that failed. */
	revoke(connectionId: string): Promise<boolean>;
	/** Deletes the connections and `also` in one transaction. */
	remove(connectionIds: string[], also: RecordRef[]): Promise<void>;
}

export interface FolderDeletion {
	deleted: number;
	revocationFailures: number;
}

export interface FolderEnv {
	/** Tell other tabs that folders (and these connections) changed. */
	notify(connectionIds: string[]): void;
	now(): number;
}

export class FolderService {
	readonly #store: FolderStore;
	readonly #contents: FolderContents;
	readonly #env: FolderEnv;

	constructor(store: FolderStore, contents: FolderContents, env: FolderEnv) {
		this.#store = store;
		this.#contents = contents;
		this.#env = env;
	}

	/** My Workspace first, then shared folders by name. */
	async list(): Promise<Folder[]> {
		const shared = [...(await this.#store.all()).values()].sort((a, b) =>
			a.name.localeCompare(b.name)
		);
		return [MY_WORKSPACE, ...shared];
	}

	/** Throws folder.not-found unless the folder exists (My Workspace always does). */
	async require(id: string): Promise<void> {
		if (id !== MY_WORKSPACE_ID) await this.#shared(id);
	}

	async create(name: string): Promise<Folder> {
		const folder = { id: randomId(), name: folderName(name), createdAt: this.#env.now() };
		await this.#store.put(folder);
		this.#env.notify([]);
		return folder;
	}

	async rename(id: string, name: string): Promise<Folder> {
		const renamed = { ...(await this.#shared(id)), name: folderName(name) };
		await this.#store.put(renamed);
		this.#env.notify([]);
		return renamed;
	}

	/**
	 * Deletes the folder and every connection in it. Grants are revoked at the providers first
	 * (best effort); the records then go in one transaction.
	 */
	async delete(id: string): Promise<FolderDeletion> {
		await this.#shared(id);
		const inside = await this.#contents.idsIn(id);
		let revocationFailures = 0;
		for (const connectionId of inside)
			if (!(await this.#contents.revoke(connectionId))) revocationFailures++;
		await this.#contents.remove(inside, [this.#store.recordOf(id)]);
		await this.#store.forget(id);
		this.#env.notify(inside);
		return { deleted: inside.length, revocationFailures };
	}

	async #shared(id: string): Promise<Folder> {
		if (id === MY_WORKSPACE_ID) throw new AppError('folder.protected');
		const folder = await this.#store.get(id);
		if (!folder) throw new AppError('folder.not-found');
		return folder;
	}
}
