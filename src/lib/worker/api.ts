/**
 * The worker's typed API. The worker owns IndexedDB and the vault key; the page only calls these
 * methods. Every method resolves to plain data or throws an AppError.
 */
import { openDatabase, type Database } from '../db';
import { AppError } from '../errors';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { Vault, type UnlockTiming } from '../vault';
import { publish } from './channel';

export interface VaultStatus {
	exists: boolean;
	unlocked: boolean;
}

export class WorkerApi {
	#db: Promise<Database> | null = null;
	#vault: Promise<Vault> | null = null;
	readonly #dbName: string | undefined;
	readonly #iterations: number | undefined;

	constructor(options: { dbName?: string; iterations?: number } = {}) {
		this.#dbName = options.dbName;
		this.#iterations = options.iterations;
	}

	#database(): Promise<Database> {
		this.#db ??= openDatabase({
			name: this.#dbName,
			onBlocked: () => publish({ type: 'db-blocked' }),
			onClosed: () => {
				// Another tab upgrades the schema: drop the key and the connection, then tell the page.
				this.#db = null;
				this.#vault = null;
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
		publish({ type: 'vault-created' });
	}

	async unlock(passphrase: string): Promise<UnlockTiming> {
		return (await this.#getVault()).unlock(passphrase);
	}

	async lock(): Promise<void> {
		(await this.#getVault()).lock();
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
}
