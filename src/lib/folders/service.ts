/** Shared folders in the vault: create, rename, delete (with their connections, in one step). */
import type { ConnectionContext } from '../connections/context';
import type { ConnectionService } from '../connections/service';
import { AppError } from '../errors';
import { folderName, MY_WORKSPACE_ID, type Folder } from './index';

export class FolderService {
	readonly #ctx: ConnectionContext;
	readonly #connections: ConnectionService;

	constructor(ctx: ConnectionContext, connections: ConnectionService) {
		this.#ctx = ctx;
		this.#connections = connections;
	}

	/** My Workspace first (its name is the UI's to translate), then shared folders by name. */
	async list(): Promise<Folder[]> {
		const shared = [...(await this.#ctx.store.folders()).values()].sort((a, b) =>
			a.name.localeCompare(b.name)
		);
		return [{ id: MY_WORKSPACE_ID, name: '', createdAt: 0 }, ...shared];
	}

	async create(name: string): Promise<Folder> {
		const folder = { id: crypto.randomUUID(), name: folderName(name), createdAt: this.#ctx.now() };
		await this.#ctx.store.commit({ folders: [folder] });
		this.#ctx.notify([], true);
		return folder;
	}

	async rename(id: string, name: string): Promise<Folder> {
		const folder = await this.#require(id);
		const renamed = { ...folder, name: folderName(name) };
		await this.#ctx.store.commit({ folders: [renamed] });
		this.#ctx.notify([], true);
		return renamed;
	}

	/**
	 * Deletes the folder and every connection in it. Tokens are revoked at the providers first
	 * (best effort); the records then go in one transaction. Returns how many revocations failed.
	 */
	async delete(id: string): Promise<{ deleted: number; revocationFailures: number }> {
		await this.#require(id);
		const inside = (await this.#connections.list(id)).map((c) => c.id);
		let revocationFailures = 0;
		for (const connectionId of inside) {
			const { revocation } = await this.#connections.revokeOnly(connectionId);
			if (revocation === 'failed') revocationFailures++;
		}
		await this.#ctx.store.commit({ deleteFolders: [id], deleteConnections: inside });
		this.#ctx.notify(inside, true);
		return { deleted: inside.length, revocationFailures };
	}

	async #require(id: string): Promise<Folder> {
		if (id === MY_WORKSPACE_ID) throw new AppError('folder.protected');
		const folder = (await this.#ctx.store.folders()).get(id);
		if (!folder) throw new AppError('folder.not-found');
		return folder;
	}
}
