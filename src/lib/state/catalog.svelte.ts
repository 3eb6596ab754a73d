/** The connector catalog, loaded on first use (its data is a separate chunk, not in the shell). */
import type { Connector } from '../catalog/schema';

class CatalogState {
	status = $state<'idle' | 'loading' | 'ready'>('idle');
	connectors = $state.raw<Connector[]>([]);
	rejectedCount = $state(0);
	#byId = new Map<string, Connector>();
	#loading: Promise<void> | null = null;

	load(): Promise<void> {
		this.#loading ??= (async () => {
			this.status = 'loading';
			const { loadCatalog } = await import('../catalog/load');
			const catalog = loadCatalog();
			for (const error of catalog.rejected) console.error('connector rejected', error.detail);
			this.#byId = catalog.byId;
			this.connectors = catalog.connectors;
			this.rejectedCount = catalog.rejected.length;
			this.status = 'ready';
		})();
		return this.#loading;
	}

	get(id: string): Connector | undefined {
		return this.#byId.get(id);
	}
}

export const catalog = new CatalogState();
