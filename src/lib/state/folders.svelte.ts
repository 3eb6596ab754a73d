/** Folders as the page sees them, which one is selected, and the folder actions. */
import { AppError } from '../errors';
import { MY_WORKSPACE, MY_WORKSPACE_ID, type Folder } from '../folders';
import { worker } from '../worker';
import { AsyncAction } from './action.svelte';

class FoldersState {
	#list = $state.raw<Folder[]>([MY_WORKSPACE]);
	#selected = $state(MY_WORKSPACE_ID);
	/** How many connections the last deletion took with it (for the status line). */
	#deleted = $state<number | null>(null);
	readonly action = new AsyncAction();

	get list(): Folder[] {
		return this.#list;
	}
	get selected(): string {
		return this.#selected;
	}
	get current(): Folder | undefined {
		return this.#list.find((f) => f.id === this.#selected);
	}
	get deleted(): number | null {
		return this.#deleted;
	}

	/** The name to show: My Workspace's is the UI's to translate (`myWorkspace`). */
	nameOf(id: string, myWorkspace: string): string {
		return this.#list.find((f) => f.id === id)?.name || myWorkspace;
	}

	select(id: string): void {
		this.#selected = id;
		this.#deleted = null;
	}

	async load(): Promise<void> {
		this.#setList(await worker().folders.list());
	}

	async create(name: string): Promise<boolean> {
		const folder = await this.action.run(() => worker().folders.create(name));
		if (!folder) return false;
		await this.load();
		this.select(folder.id);
		return true;
	}

	async rename(name: string): Promise<boolean> {
		const id = this.#selected;
		const renamed = await this.action.run(() => worker().folders.rename(id, name));
		if (renamed) await this.load();
		return !!renamed;
	}

	/** Deletes the selected folder with its connections; a failed revocation is told, not hidden. */
	async deleteSelected(): Promise<void> {
		const id = this.#selected;
		const result = await this.action.run(() => worker().folders.delete(id));
		if (!result) return;
		await this.load();
		this.#selected = MY_WORKSPACE_ID;
		this.#deleted = result.deleted;
		if (result.revocationFailures) this.action.fail(new AppError('oauth.revoke-failed'));
	}

	#setList(list: Folder[]): void {
		this.#list = list;
		if (!list.some((f) => f.id === this.#selected)) this.#selected = MY_WORKSPACE_ID;
	}
}

export const folders = new FoldersState();
