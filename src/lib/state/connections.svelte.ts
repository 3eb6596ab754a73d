/** The connections of the selected folder, kept current when any tab changes them. */
import { toAppError, type AppError } from '../errors';
import type { ConnectionView } from '../connections/model';
import type { Folder } from '../folders';
import { subscribe, worker } from '../worker';
import { folders } from './folders.svelte';

const RELOAD_DELAY_MS = 200;

class ConnectionsState {
	list = $state.raw<ConnectionView[]>([]);
	loaded = $state(false);
	error = $state<AppError | null>(null);
	/** A problem to show on the list after leaving a page (e.g. a revocation that failed). */
	flash = $state<AppError | null>(null);
	#folderId: string | null = null;
	#subscribed = false;

	/** Loads folders and the connections of the selected folder. */
	async load(): Promise<void> {
		if (!this.#subscribed) {
			this.#subscribed = true;
			// Changes come in bursts (a background refresh of many tokens): reload once per burst.
			let pending: ReturnType<typeof setTimeout> | undefined;
			subscribe((message) => {
				if (message.type !== 'data-changed' || this.#folderId === null) return;
				clearTimeout(pending);
				pending = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
			});
		}
		try {
			const [folderList, list] = await Promise.all([
				worker().listFolders(),
				worker().listConnections(folders.selected)
			]);
			folders.setList(folderList satisfies Folder[]);
			this.#folderId = folders.selected;
			this.list = list;
			this.error = null;
		} catch (error) {
			this.error = toAppError(error);
		} finally {
			this.loaded = true;
		}
	}

	/** Replaces one connection in the list after a change made here. */
	put(view: ConnectionView): void {
		const others = this.list.filter((c) => c.id !== view.id);
		this.list = view.folderId === this.#folderId ? [...others, view] : others;
	}

	reset(): void {
		this.list = [];
		this.loaded = false;
		this.#folderId = null;
	}
}

export const connections = new ConnectionsState();
