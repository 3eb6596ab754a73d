/**
 * Everything that exists for one unlock: the decrypted copies, the connection context, the
 * folder service, the discovery and fingerprint caches, and the background refresh. Lock drops
 * the whole session; nothing of it outlives the key.
 */
import { BridgeNetwork, PairingStore, type NetworkDeps } from '../bridge';
import { OAUTH_TYPES, type Connector } from '../catalog';
import {
	ConnectionStore,
	Fingerprints,
	InFlight,
	PendingFlows,
	refreshConnection,
	revokeOnly,
	type ConnectionContext
} from '../connections';
import { AppError } from '../errors';
import { FolderService, FolderStore } from '../folders';
import { DiscoveryCache } from '../oauth';
import { holdLock, type HeldLock } from '../platform';
import { browserSchedulerDeps, RefreshScheduler } from '../refresh';
import type { Vault } from '../vault';
import { publish, type SyncMessage } from './sync';

/** One tab refreshes in the background at a time: the one holding this lock. */
const LEADER_LOCK = 'switchboard:refresh-leader';
/** How long a re-entered passphrase lets the page receive a secret. */
const PROOF_VALID_MS = 60_000;
/** Opening every connection takes a few hundred ms at 10,000: the visible folder goes first. */
const CATCH_UP_DELAY_MS = 1_000;

export class Session {
	readonly connections: ConnectionContext;
	readonly folders: FolderService;
	readonly #store: ConnectionStore;
	readonly #folderStore: FolderStore;
	readonly #scheduler: RefreshScheduler;
	readonly #leadership: HeldLock;
	/** Whether this tab is the one refreshing in the background. */
	#leading = false;
	#stopped = false;
	/** When the user last proved presence (re-entered the passphrase). */
	#provenAt: number | null = null;

	readonly pairing: PairingStore;
	readonly network: BridgeNetwork;

	constructor(
		vault: Vault,
		catalog: ReadonlyMap<string, Connector>,
		origin: string,
		bridge: Omit<NetworkDeps, 'pairing'>
	) {
		this.pairing = new PairingStore(vault, origin);
		const pairing = this.pairing;
		this.network = new BridgeNetwork({
			...bridge,
			pairing: async () => (await pairing.current())?.pairing ?? null
		});
		this.#store = new ConnectionStore(vault);
		this.#folderStore = new FolderStore(vault);
		const store = this.#store;
		const folders = new FolderService(
			this.#folderStore,
			{
				idsIn: async (folderId) => (await store.inFolder(folderId)).map((m) => m.id),
				revoke: async (id) => (await revokeOnly(this.connections, id)) !== 'failed',
				remove: (ids, also) => store.commit({ deleteConnections: ids, extra: { delete: also } })
			},
			{ notify: (ids) => this.#changed(ids, 'folders'), now: () => Date.now() }
		);
		this.folders = folders;
		this.connections = {
			store,
			pending: new PendingFlows(vault),
			catalog,
			requireFolder: (id) => folders.require(id),
			redirectUri: `${origin}/callback`,
			discovery: new DiscoveryCache(),
			network: this.network,
			fingerprints: new Fingerprints(),
			notify: (ids) => this.#changed(ids, 'connections'),
			now: () => Date.now(),
			inFlight: new InFlight()
		};
		this.#scheduler = new RefreshScheduler(
			browserSchedulerDeps(async (id) => {
				await refreshConnection(this.connections, id);
				return (await store.fresh(id))?.nextRefreshAt ?? null;
			}),
			{ minIntervalMs: 5_000 }
		);
		// Once this tab leads: catch up on tokens that expired while locked or closed, then keep
		// them fresh. When the leader locks or closes, the lock passes to the next unlocked tab.
		this.#leadership = holdLock(LEADER_LOCK, () => {
			this.#leading = true;
			setTimeout(() => void this.#catchUp(), CATCH_UP_DELAY_MS);
		});
	}

	/** Another tab changed records: our copies are stale, and the changes may need scheduling. */
	async onRemoteChange(message: Extract<SyncMessage, { type: 'data-changed' }>): Promise<void> {
		// Folders changed (or we cannot tell what): start over. Otherwise re-read just the named
		// connections — a refresh elsewhere must not cost a full decrypt here.
		if (message.store === 'folders' || !message.ids) {
			this.#store.invalidate();
			this.#folderStore.invalidate();
		} else await this.#store.reload(message.ids);
		await this.#reschedule(message.ids);
	}

	/** The user re-entered the passphrase (the vault checked it). */
	proven(): void {
		this.#provenAt = Date.now();
	}

	/** A secret leaves the worker only within a minute of the user proving presence. */
	requireProof(): void {
		if (this.#provenAt === null || Date.now() - this.#provenAt > PROOF_VALID_MS)
			throw new AppError('vault.proof-required');
	}

	/**
	 * Ends the session: nothing new starts, and refreshes in flight get up to `settleMs` to write
	 * what the provider issued (a rotated refresh token dropped now would end the grant).
	 */
	async stop(settleMs = 0): Promise<void> {
		this.#stopped = true;
		this.#leading = false;
		this.#leadership.release();
		this.#scheduler.stop();
		await this.connections.inFlight.settle(settleMs);
	}

	#changed(ids: string[], store: 'connections' | 'folders'): void {
		publish({ type: 'data-changed', store, ids });
		void this.#reschedule(ids);
	}

	async #catchUp(): Promise<void> {
		if (!this.#leading || this.#stopped) return;
		await this.#store.fillFolderIndex();
		await this.#reschedule();
	}

	/** Hands OAuth connections' due times to the scheduler (all of them, or the ones named). */
	async #reschedule(ids?: string[]): Promise<void> {
		if (!this.#leading || this.#stopped) return;
		const metas = await this.#store.metas();
		const due = (id: string) => {
			const meta = metas.get(id);
			return meta && OAUTH_TYPES.includes(meta.authType) && meta.status !== 'needs-reconnect'
				? meta.nextRefreshAt
				: null;
		};
		if (!ids) this.#scheduler.schedule([...metas.keys()].map((id) => ({ id, dueAt: due(id) })));
		else for (const id of ids) this.#scheduler.update(id, due(id));
	}
}
