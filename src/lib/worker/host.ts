/**
 * The worker's state: the database, the vault and, while unlocked, the session. It reacts to
 * other tabs (their changes, a schema upgrade) and hands the façade what it needs.
 */
import { openDatabase, readSettings, writeSettings, type Database } from '../db';
import { AppError } from '../errors';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { Vault } from '../vault';
import { Session } from './session';
import { noRelay } from './relay';
import type { Relay } from '../bridge';
import { readProbes, reachableHosts } from '../catalog';
import { publish, subscribe } from './sync';

/** How long lock waits for refreshes in flight to write their new tokens. */
const LOCK_SETTLE_MS = 10_000;

export interface HostOptions {
	dbName?: string;
	origin?: string;
	/** How the worker reaches the bridge extension (through its page). */
	relay?: Relay;
}

export class WorkerHost {
	#db: Promise<Database> | null = null;
	#vault: Promise<Vault> | null = null;
	#session: Promise<Session> | null = null;
	/** A lock in progress: no new session may start until the key is gone. */
	#ending: Promise<void> | null = null;
	#reachable: Promise<ReadonlySet<string>> | null = null;
	readonly #options: HostOptions;

	constructor(options: HostOptions = {}) {
		this.#options = options;
		subscribe((message) => {
			if (message.type === 'data-changed')
				void this.#session?.then((s) => s.onRemoteChange(message));
			if (message.type === 'settings-changed') this.#reachable = null;
			if (message.type === 'bridge-changed')
				void this.#session?.then((s) => s.pairing.invalidate());
		});
	}

	vault(): Promise<Vault> {
		this.#vault ??= this.#database().then((db) => new Vault(db));
		return this.#vault;
	}

	/** The session exists only while the vault is unlocked. */
	async session(): Promise<Session> {
		await this.#ending;
		const vault = await this.vault();
		if (!vault.unlocked) throw new AppError('vault.locked');
		this.#session ??= (async () => {
			// The catalog is a lazy chunk of its own, loaded on first unlock.
			const { loadCatalog } = await import('../catalog/load');
			const catalog = loadCatalog();
			return new Session(vault, catalog.byId, this.#options.origin ?? self.location.origin, {
				facts: catalog.hosts,
				relay: this.#options.relay ?? noRelay,
				reachable: () => this.reachable()
			});
		})().catch((error: unknown) => {
			this.#session = null;
			throw error;
		});
		return this.#session;
	}

	/**
	 * Drops the session and then the key (lock, or the database went away). Refreshes in flight
	 * may commit first, for a bounded time.
	 */
	endSession(): Promise<void> {
		this.#ending ??= (async () => {
			const session = this.#session;
			this.#session = null;
			await (await session?.catch(() => null))?.stop(LOCK_SETTLE_MS);
			(await this.#vault)?.lock();
		})().finally(() => (this.#ending = null));
		return this.#ending;
	}

	async settings(): Promise<Settings> {
		const raw = await readSettings(await this.#database());
		return normalizeSettings({ ...DEFAULT_SETTINGS, ...raw });
	}

	async saveSettings(patch: Partial<Settings>): Promise<Settings> {
		const next = normalizeSettings({ ...(await this.settings()), ...patch });
		await writeSettings(await this.#database(), { ...next });
		publish({ type: 'settings-changed' });
		return next;
	}

	/**
	 * Hosts this browser's probes reached directly: read once and kept (every request's route asks),
	 * until a probe here or in another tab changes them.
	 */
	reachable(): Promise<ReadonlySet<string>> {
		this.#reachable ??= this.#database()
			.then(readProbes)
			.then(reachableHosts)
			.catch(() => new Set<string>());
		return this.#reachable;
	}

	/** A probe just remembered new outcomes. */
	probesChanged(): void {
		this.#reachable = null;
		publish({ type: 'settings-changed' });
	}

	/** The database itself, for plain data that is no secret (the catalog's probe results). */
	database(): Promise<Database> {
		return this.#database();
	}

	#database(): Promise<Database> {
		this.#db ??= openDatabase({
			name: this.#options.dbName,
			onBlocked: () => publish({ type: 'db-blocked' }),
			onClosed: () => {
				// Another tab upgrades the schema: drop the key and the connection, then tell the page.
				void this.endSession();
				this.#db = null;
				this.#vault = null;
				publish({ type: 'db-closed' });
			}
		}).catch((error: unknown) => {
			this.#db = null;
			throw error;
		});
		return this.#db;
	}
}
