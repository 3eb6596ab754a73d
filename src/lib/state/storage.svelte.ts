/** Whether the browser keeps our data (navigator.storage.persist), and how much is used. */

export type Persistence = 'persisted' | 'not-persisted' | 'unsupported';

class StorageState {
	#persistence = $state<Persistence>('unsupported');
	#denied = $state(false);
	#usage = $state.raw<{ used: number; quota: number } | null>(null);

	get persistence(): Persistence {
		return this.#persistence;
	}
	/** The user asked and the browser said no. */
	get denied(): boolean {
		return this.#denied;
	}
	get usage(): { used: number; quota: number } | null {
		return this.#usage;
	}

	async refresh(): Promise<void> {
		if (!navigator.storage?.persisted) return;
		this.#persistence = (await navigator.storage.persisted()) ? 'persisted' : 'not-persisted';
		const estimate = await navigator.storage.estimate?.();
		if (estimate?.quota) this.#usage = { used: estimate.usage ?? 0, quota: estimate.quota };
	}

	async request(): Promise<void> {
		const granted = (await navigator.storage?.persist?.()) ?? false;
		this.#denied = !granted;
		await this.refresh();
	}
}

export const storage = new StorageState();
