/** The connections of the selected folder, kept current when any tab changes them. */
import { toAppError, type AppError } from '../errors';
import type { ConnectionView } from '../connections';
import { subscribe, worker } from '../worker';
import { folders } from './folders.svelte';

const RELOAD_DELAY_MS = 200;

class ConnectionsState {
	#list = $state.raw<ConnectionView[]>([]);
	#loaded = $state(false);
	#error = $state.raw<AppError | null>(null);
	#flash = $state.raw<AppError | null>(null);
	#folderId: string | null = null;
	#subscribed = false;

	get list(): ConnectionView[] {
		return this.#list;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get error(): AppError | null {
		return this.#error;
	}
	/** A problem to show on the list after leaving a page (e.g. a revocation that failed). */
	get flash(): AppError | null {
		return this.#flash;
	}

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
		const folderId = folders.selected;
		try {
			const [list] = await Promise.all([worker().connections.list(folderId), folders.load()]);
			this.#folderId = folderId;
			this.#list = list;
			this.#error = null;
		} catch (error) {
			this.#error = toAppError(error);
		} finally {
			this.#loaded = true;
		}
	}

	/** Shows `error` on the list the user goes to next. */
	flashNext(error: AppError | null): void {
		this.#flash = error;
	}

	reset(): void {
		this.#list = [];
		this.#loaded = false;
		this.#folderId = null;
	}
}

export const connections = new ConnectionsState();
