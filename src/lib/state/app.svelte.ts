/**
 * The app's top-level state: where the vault stands (loading, to create, locked, unlocked), the
 * settings, and the cross-tab reactions (another tab locks → this one locks too).
 */
import { AppError, toAppError } from '../errors';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { publish, subscribe, worker, type SyncMessage } from '../worker';
import { connections } from './connections.svelte';
import { startIdleTimer, type IdleTimer } from './idle';
import { locale } from './locale.svelte';

export type Phase = 'loading' | 'create' | 'locked' | 'unlocked' | 'unavailable';
export type LockReason = 'user' | 'auto' | 'other-tab';

class AppState {
	#phase = $state<Phase>('loading');
	#settings = $state.raw<Settings>({ ...DEFAULT_SETTINGS });
	#lockReason = $state<LockReason | null>(null);
	#problem = $state.raw<AppError | null>(null);
	#idle: IdleTimer | null = null;
	#started = false;

	get phase(): Phase {
		return this.#phase;
	}
	get settings(): Settings {
		return this.#settings;
	}
	get lockReason(): LockReason | null {
		return this.#lockReason;
	}
	/** A condition to show above everything (e.g. storage unavailable, database blocked). */
	get problem(): AppError | null {
		return this.#problem;
	}

	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		subscribe((message) => void this.#onMessage(message));
		// Benchmark builds only (`--mode bench`): the benchmark scripts drive the worker directly.
		if (import.meta.env.MODE === 'bench')
			Object.assign(globalThis, { switchboardWorker: worker() });
		try {
			this.#applySettings(await worker().settings.get());
			const status = await worker().vault.status();
			this.#phase = !status.exists ? 'create' : status.unlocked ? 'unlocked' : 'locked';
		} catch (error) {
			this.#problem = toAppError(error);
			this.#phase = 'unavailable';
		}
	}

	async #onMessage(message: SyncMessage): Promise<void> {
		switch (message.type) {
			case 'locked':
				if (this.#phase === 'unlocked') await this.lock('other-tab', false);
				break;
			case 'activity':
				this.#idle?.touch();
				break;
			case 'vault-created':
				if (this.#phase === 'create') this.#phase = 'locked';
				break;
			case 'settings-changed':
				this.#applySettings(await worker().settings.get());
				break;
			case 'db-blocked':
				this.#problem = new AppError('db.blocked');
				break;
			case 'db-closed':
				this.#stopIdle();
				this.#phase = 'locked';
				this.#problem = new AppError('db.blocked');
				break;
		}
	}

	#applySettings(settings: Settings): void {
		this.#settings = settings;
		locale.apply(settings.language);
		document.documentElement.dataset.theme = settings.theme;
		if (this.#phase === 'unlocked') this.#startIdle();
	}

	#startIdle(): void {
		this.#idle?.stop();
		this.#idle = startIdleTimer(
			this.#settings.autoLockMinutes * 60_000,
			() => void this.lock('auto')
		);
	}

	#stopIdle(): void {
		this.#idle?.stop();
		this.#idle = null;
	}

	async create(passphrase: string): Promise<void> {
		await worker().vault.create(passphrase);
		this.#unlocked();
	}

	async unlock(passphrase: string): Promise<void> {
		await worker().vault.unlock(passphrase);
		this.#unlocked();
	}

	#unlocked(): void {
		this.#lockReason = null;
		this.#phase = 'unlocked';
		this.#startIdle();
	}

	/** Locks this tab and, unless told by another tab, every other tab too. */
	async lock(reason: LockReason, broadcast = true): Promise<void> {
		this.#stopIdle();
		// Hide everything at once; the worker drops the key right after.
		this.#lockReason = reason;
		this.#phase = 'locked';
		connections.reset();
		if (broadcast) publish({ type: 'locked' });
		await worker().vault.lock();
	}

	async saveSettings(patch: Partial<Settings>): Promise<void> {
		this.#applySettings(await worker().settings.save(patch));
	}

	changePassphrase(current: string, next: string): Promise<void> {
		return worker().vault.changePassphrase(current, next);
	}
}

export const app = new AppState();
