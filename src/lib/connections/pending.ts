/** Redirect flows waiting for their callback, sealed in the vault (they hold PKCE verifiers). */
import type { PendingAuthorization } from '../oauth';
import type { RecordRef, Vault } from '../vault';
import type { ConnectionMeta } from './model';

export interface PendingFlow {
	/** A hash of the flow's `state`. */
	id: string;
	/** The connection to write: new (not stored yet) or an existing one being reconnected. */
	meta: ConnectionMeta;
	values: Record<string, string>;
	reconnect: boolean;
	authorization: PendingAuthorization;
}

export class PendingFlows {
	readonly #vault: Vault;

	constructor(vault: Vault) {
		this.#vault = vault;
	}

	all(): Promise<PendingFlow[]> {
		return this.#vault.getAll<PendingFlow>('pending');
	}

	get(id: string): Promise<PendingFlow | undefined> {
		return this.#vault.get<PendingFlow>('pending', id);
	}

	async put(flow: PendingFlow): Promise<void> {
		await this.#vault.commit({ put: [{ store: 'pending', id: flow.id, value: flow }] });
	}

	async delete(ids: string[]): Promise<void> {
		if (ids.length) await this.#vault.commit({ delete: ids.map((id) => this.recordOf(id)) });
	}

	/** The reference that deletes a flow inside another transaction. */
	recordOf(id: string): RecordRef {
		return { store: 'pending', id };
	}
}
