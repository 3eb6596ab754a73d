/** Redirect flows waiting for their callback, sealed in the vault (they hold PKCE verifiers). */
import type { PendingAuthorization } from '../oauth';
import { withLock } from '../platform';
import type { Vault } from '../vault';
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

	/**
	 * Takes a flow out: whoever claims it first (in any tab) gets it, every later claim finds
	 * nothing, so a code is redeemed at most once.
	 */
	claim(id: string): Promise<PendingFlow | undefined> {
		return withLock(`switchboard:pending:${id}`, async () => {
			const flow = await this.get(id);
			if (flow) await this.delete([id]);
			return flow;
		});
	}

	async put(flow: PendingFlow): Promise<void> {
		await this.#vault.commit({ put: [{ store: 'pending', id: flow.id, value: flow }] });
	}

	async delete(ids: string[]): Promise<void> {
		if (ids.length)
			await this.#vault.commit({ delete: ids.map((id) => ({ store: 'pending' as const, id })) });
	}
}
