/**
 * The worker's typed API. The worker owns IndexedDB and the vault key; the page only calls these
 * methods. Every method resolves to plain data or throws an AppError.
 */
import type { RequestSpec } from '../auth';
import {
	ConnectionService,
	ConnectionStore,
	refreshConnection,
	type ApiResponse,
	type CheckResult,
	type ConnectionDraft,
	type ConnectionView,
	type DeleteResult,
	type RefreshOutcome
} from '../connections';
import { openDatabase, type Database } from '../db';
import { AppError } from '../errors';
import type { Folder } from '../folders';
import { FolderService } from '../folders/service';
import { browserSchedulerDeps, RefreshScheduler } from '../connections/scheduler';
import { OAUTH_TYPES } from '../catalog/schema';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { Vault, type UnlockTiming } from '../vault';
import { publish, subscribe } from './channel';
import { seekLeadership, type Leadership } from './leadership';
import { network, setOnline } from './network';

export interface VaultStatus {
	exists: boolean;
	unlocked: boolean;
}

const CATCH_UP_DELAY_MS = 1_000;

interface Services {
	store: ConnectionStore;
	connections: ConnectionService;
	folders: FolderService;
	scheduler: RefreshScheduler;
	/** Whether this tab is the one refreshing in the background (see leadership.ts). */
	leading: boolean;
	leadership: Leadership;
}

export class WorkerApi {
	#db: Promise<Database> | null = null;
	#vault: Promise<Vault> | null = null;
	#services: Promise<Services> | null = null;
	readonly #dbName: string | undefined;
	readonly #iterations: number | undefined;
	readonly #origin: string;

	constructor(options: { dbName?: string; iterations?: number; origin?: string } = {}) {
		this.#dbName = options.dbName;
		this.#iterations = options.iterations;
		this.#origin = options.origin ?? self.location.origin;
		// Another tab changed records: our decrypted copy of the metadata is stale, and what it
		// changed may need (re)scheduling here too.
		subscribe((message) => {
			if (message.type !== 'data-changed') return;
			void this.#services?.then(async (s) => {
				// Folders changed (or we cannot tell what): start over. Otherwise re-read just the
				// named connections — a refresh elsewhere must not cost a full decrypt here.
				if (message.store === 'folders' || !message.ids) s.store.invalidate();
				else await s.store.reload(message.ids);
				await this.#reschedule(s, message.ids);
			});
		});
	}

	/** The connection services exist only while the vault is unlocked. */
	async #unlocked(): Promise<Services> {
		const vault = await this.#getVault();
		if (!vault.unlocked) throw new AppError('vault.locked');
		this.#services ??= (async () => {
			const { loadCatalog } = await import('../catalog/load');
			const store = new ConnectionStore(vault);
			const ctx = {
				store,
				catalog: loadCatalog().byId,
				redirectUri: `${this.#origin}/callback`,
				notify: (ids: string[], folders = false) => {
					publish({ type: 'data-changed', store: folders ? 'folders' : 'connections', ids });
					void this.#services?.then((s) => this.#reschedule(s, ids));
				},
				now: () => Date.now()
			};
			const connections = new ConnectionService(ctx);
			const scheduler = new RefreshScheduler(
				{
					...browserSchedulerDeps(async (id) => {
						await refreshConnection(ctx, id);
						return (await store.fresh(id))?.nextRefreshAt ?? null;
					}),
					...network
				},
				{ minIntervalMs: 5_000 }
			);
			const services: Services = {
				store,
				connections,
				folders: new FolderService(ctx, connections),
				scheduler,
				leading: false,
				leadership: { resign() {} }
			};
			// Once this tab leads: catch up on tokens that expired while locked or closed, then
			// keep them fresh.
			services.leadership = seekLeadership(() => {
				services.leading = true;
				// Opening every connection takes a few hundred ms at 10,000: let the folder the
				// user is looking at go first, then catch up (tokens due while locked included).
				setTimeout(() => void this.#catchUp(services), CATCH_UP_DELAY_MS);
			});
			return services;
		})().catch((error) => {
			this.#services = null;
			throw error;
		});
		return this.#services;
	}

	async #catchUp(services: Services): Promise<void> {
		if (!services.leading) return;
		await services.store.fillFolderIndex();
		await this.#reschedule(services);
	}

	/** Hands OAuth connections' due times to the scheduler (all of them, or the ones named). */
	async #reschedule(services: Services, ids?: string[]): Promise<void> {
		if (!services.leading) return;
		const metas = await services.store.metas();
		const due = (id: string) => {
			const meta = metas.get(id);
			return meta && OAUTH_TYPES.includes(meta.authType) && meta.status !== 'needs-reconnect'
				? meta.nextRefreshAt
				: null;
		};
		if (!ids) services.scheduler.schedule([...metas.keys()].map((id) => ({ id, dueAt: due(id) })));
		else for (const id of ids) services.scheduler.update(id, due(id));
	}

	#database(): Promise<Database> {
		this.#db ??= openDatabase({
			name: this.#dbName,
			onBlocked: () => publish({ type: 'db-blocked' }),
			onClosed: () => {
				// Another tab upgrades the schema: drop the key and the connection, then tell the page.
				this.#db = null;
				this.#vault = null;
				void this.#services?.then(stopRefreshing);
				this.#services = null;
				publish({ type: 'db-closed' });
			}
		}).catch((error) => {
			this.#db = null;
			throw error;
		});
		return this.#db;
	}

	#getVault(): Promise<Vault> {
		this.#vault ??= this.#database().then((db) => new Vault(db, this.#iterations));
		return this.#vault;
	}

	async status(): Promise<VaultStatus> {
		const vault = await this.#getVault();
		return { exists: await vault.exists(), unlocked: vault.unlocked };
	}

	async createVault(passphrase: string): Promise<void> {
		await (await this.#getVault()).create(passphrase);
		await this.#unlocked();
		publish({ type: 'vault-created' });
	}

	async unlock(passphrase: string): Promise<UnlockTiming> {
		const timing = await (await this.#getVault()).unlock(passphrase);
		await this.#unlocked();
		return timing;
	}

	async lock(): Promise<void> {
		(await this.#getVault()).lock();
		const services = this.#services;
		this.#services = null;
		const stopped = await services;
		if (stopped) stopRefreshing(stopped);
	}

	/** The page reports network changes (see network.ts). */
	networkChanged(online: boolean): void {
		setOnline(online);
	}

	async changePassphrase(current: string, next: string): Promise<void> {
		const vault = await this.#getVault();
		if (!vault.unlocked) throw new AppError('vault.locked');
		await vault.changePassphrase(current, next);
	}

	async getSettings(): Promise<Settings> {
		const db = await this.#database();
		const rows = await db.getAll('settings');
		const raw = Object.fromEntries(rows.map((r) => [r.key, r.value]));
		return normalizeSettings({ ...DEFAULT_SETTINGS, ...raw });
	}

	async saveSettings(patch: Partial<Settings>): Promise<Settings> {
		const next = normalizeSettings({ ...(await this.getSettings()), ...patch });
		const db = await this.#database();
		const tx = db.transaction('settings', 'readwrite');
		await Promise.all(Object.entries(next).map(([key, value]) => tx.store.put({ key, value })));
		await tx.done;
		publish({ type: 'settings-changed' });
		return next;
	}

	// —— folders ——

	async listFolders(): Promise<Folder[]> {
		return (await this.#unlocked()).folders.list();
	}

	async createFolder(name: string): Promise<Folder> {
		return (await this.#unlocked()).folders.create(name);
	}

	async renameFolder(id: string, name: string): Promise<Folder> {
		return (await this.#unlocked()).folders.rename(id, name);
	}

	async deleteFolder(id: string): Promise<{ deleted: number; revocationFailures: number }> {
		return (await this.#unlocked()).folders.delete(id);
	}

	// —— connections ——

	async listConnections(folderId?: string): Promise<ConnectionView[]> {
		return (await this.#unlocked()).connections.list(folderId);
	}

	async getConnection(id: string): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.get(id);
	}

	async createConnection(draft: ConnectionDraft): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.create(draft);
	}

	async authorize(draft: ConnectionDraft): Promise<{ url: string }> {
		return (await this.#unlocked()).connections.authorize(draft);
	}

	async completeAuthorization(callbackUrl: string): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.completeAuthorization(callbackUrl);
	}

	async renameConnection(id: string, name: string): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.rename(id, name);
	}

	async describeConnection(
		id: string,
		details: { description?: string; pollingInterval?: number }
	): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.describe(id, details);
	}

	async moveConnection(id: string, folderId: string): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.move(id, folderId);
	}

	async setDefault(id: string): Promise<ConnectionView> {
		return (await this.#unlocked()).connections.setDefault(id);
	}

	async deleteConnection(id: string): Promise<DeleteResult> {
		return (await this.#unlocked()).connections.delete(id);
	}

	async checkConnection(id: string): Promise<CheckResult> {
		return (await this.#unlocked()).connections.check(id);
	}

	async refreshConnection(id: string): Promise<RefreshOutcome> {
		return (await this.#unlocked()).connections.refresh(id);
	}

	async reconnect(id: string): Promise<{ url?: string; connection?: ConnectionView }> {
		return (await this.#unlocked()).connections.reconnect(id);
	}

	async sendRequest(id: string, spec: RequestSpec): Promise<ApiResponse> {
		return (await this.#unlocked()).connections.request(id, spec);
	}

	async copyAsCurl(id: string, spec: RequestSpec, includeSecrets: boolean): Promise<string> {
		return (await this.#unlocked()).connections.curl(id, spec, includeSecrets);
	}
}

function stopRefreshing(services: Services): void {
	services.leading = false;
	services.leadership.resign();
	services.scheduler.stop();
}
