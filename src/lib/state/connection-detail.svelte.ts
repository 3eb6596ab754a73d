/**
 * One connection's page: its view, kept current when any tab (or the background refresh) changes
 * it, and every action the page offers. A notice says what the last action did.
 */
import { AppError, toAppError } from '../errors';
import { REDIRECT_TYPES } from '../catalog';
import type { ConnectionDetailView, ConnectionEdit } from '../connections';
import { formatDateTime, type MessageKey } from '../i18n';
import { subscribe, worker } from '../worker';
import { AsyncAction } from './action.svelte';
import { connectedView, runAuthorization } from './authflow.svelte';
import { connections } from './connections.svelte';
import { locale } from './locale.svelte';

export interface Notice {
	key: MessageKey;
	params?: Record<string, string | number>;
}

export class ConnectionDetail {
	readonly id: string;
	readonly action = new AsyncAction();
	#connection = $state.raw<ConnectionDetailView | null>(null);
	#loadError = $state.raw<AppError | null>(null);
	#notice = $state.raw<Notice | null>(null);

	constructor(id: string) {
		this.id = id;
	}

	get connection(): ConnectionDetailView | null {
		return this.#connection;
	}
	get loadError(): AppError | null {
		return this.#loadError;
	}
	get notice(): Notice | null {
		return this.#notice;
	}

	/** Loads the connection and follows changes to it; returns the function that stops following. */
	open(): () => void {
		void this.load();
		return subscribe((message) => {
			if (message.type === 'data-changed' && (!message.ids || message.ids.includes(this.id)))
				void this.load();
		});
	}

	async load(): Promise<void> {
		try {
			this.#connection = await worker().connections.get(this.id);
			this.#loadError = null;
		} catch (error) {
			this.#loadError = toAppError(error);
			this.#connection = null;
		}
	}

	edit(changes: ConnectionEdit): Promise<boolean> {
		const notice: Notice | null = changes.name !== undefined ? null : { key: 'action.saved' };
		return this.#act(
			() => worker().connections.edit(this.id, changes),
			() => notice
		);
	}

	move(folderId: string): Promise<boolean> {
		return this.#act(
			() => worker().connections.move(this.id, folderId),
			() => ({ key: 'detail.moved' })
		);
	}

	/** Another of the values the provider offered (another Atlassian site). */
	choose(name: string, value: string): Promise<boolean> {
		return this.#act(
			() => worker().connections.choose(this.id, name, value),
			() => ({ key: 'action.saved' })
		);
	}

	setDefault(): Promise<boolean> {
		return this.#act(() => worker().connections.setDefault(this.id));
	}

	check(): Promise<boolean> {
		return this.#act(
			() => worker().connections.check(this.id),
			(result) => ({
				key: 'detail.checked',
				params: {
					time: formatDateTime(locale.current, result.checkedAt),
					status: result.status ?? '—'
				}
			})
		);
	}

	refresh(): Promise<boolean> {
		return this.#act(
			() => worker().connections.refresh(this.id),
			() => ({ key: 'detail.refreshed' })
		);
	}

	/** Must be called synchronously from the click: a redirect flow opens its popup right away. */
	reconnect(): Promise<boolean> {
		const redirect = !!this.#connection && REDIRECT_TYPES.includes(this.#connection.authType);
		const done = redirect
			? runAuthorization(() => worker().connections.reconnect(this.id))
			: worker().connections.reconnect(this.id).then(connectedView);
		return this.#act(
			() => done,
			() => ({ key: 'detail.reconnected' })
		);
	}

	/** Deletes the connection; a revocation that failed is shown on the list the user lands on. */
	async remove(): Promise<boolean> {
		const result = await this.action.run(() => worker().connections.delete(this.id));
		if (!result) return false;
		connections.flashNext(
			result.revocation === 'failed' ? new AppError('oauth.revoke-failed') : null
		);
		return true;
	}

	/** Runs an action, sets the notice it earns, and shows the connection as it is now. */
	async #act<T>(task: () => Promise<T>, notice: (result: T) => Notice | null = () => null) {
		this.#notice = null;
		let ok = false;
		await this.action.run(async () => {
			this.#notice = notice(await task());
			ok = true;
		});
		await this.load();
		return ok;
	}
}
