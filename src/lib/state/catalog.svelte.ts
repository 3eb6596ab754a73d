/** The connector catalog, loaded on first use (its data is a separate chunk, not in the shell). */
import type { Connector } from '../catalog';

export type CatalogStatus = 'idle' | 'loading' | 'ready';

class CatalogState {
	#status = $state<CatalogStatus>('idle');
	#connectors = $state.raw<Connector[]>([]);
	#rejectedCount = $state(0);
	#byId = new Map<string, Connector>();
	#loading: Promise<void> | null = null;

	get status(): CatalogStatus {
		return this.#status;
	}
	get connectors(): Connector[] {
		return this.#connectors;
	}
	/** Definitions that failed validation and were left out. */
	get rejectedCount(): number {
		return this.#rejectedCount;
	}

	load(): Promise<void> {
		this.#loading ??= (async () => {
			this.#status = 'loading';
			// The lazy chunk boundary: the catalog data is imported only here and in the worker.
			const { loadCatalog } = await import('../catalog/load');
			const catalog = loadCatalog();
			for (const error of catalog.rejected) console.error('connector rejected', error.detail);
			this.#byId = catalog.byId;
			this.#connectors = catalog.connectors;
			this.#rejectedCount = catalog.rejected.length;
			this.#status = 'ready';
		})();
		return this.#loading;
	}

	get(id: string): Connector | undefined {
		return this.#byId.get(id);
	}
}

export const catalog = new CatalogState();
