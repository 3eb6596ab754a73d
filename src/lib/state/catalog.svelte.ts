/**
 * The connector catalog, loaded on first use (its data is a separate chunk, not in the shell), with
 * the host facts it is judged by and what "Test in this browser" found on this device.
 */
import {
	reachableHosts,
	reachOf,
	testedReach,
	type Connector,
	type ConnectorReach,
	type HostFacts,
	type ProbeMemory,
	type ProbeReport,
	type Reach
} from '../catalog';
import type { AppError } from '../errors';
import { subscribe, worker } from '../worker';
import { AsyncAction } from './action.svelte';

export type CatalogStatus = 'idle' | 'loading' | 'ready';

class CatalogState {
	#status = $state<CatalogStatus>('idle');
	#connectors = $state.raw<Connector[]>([]);
	#rejectedCount = $state(0);
	#hosts = $state.raw<HostFacts>(new Map());
	#probes = $state.raw<ProbeMemory>({});
	#reachable = $derived(reachableHosts(this.#probes));
	#reports = $state.raw<Record<string, ProbeReport>>({});
	#probing = $state<string | null>(null);
	#lastProbed = $state<string | null>(null);
	#byId = new Map<string, Connector>();
	#loading: Promise<void> | null = null;
	readonly #probeAction = new AsyncAction();

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
	/** What each host does with browser requests (catalog/hosts.json). */
	get hosts(): HostFacts {
		return this.#hosts;
	}
	/** What probes in this browser found, per host key. */
	get probes(): ProbeMemory {
		return this.#probes;
	}
	/** Host keys a probe in this browser reached. */
	get reachable(): ReadonlySet<string> {
		return this.#reachable;
	}
	/** The connector whose hosts are being probed, if any. */
	get probing(): string | null {
		return this.#probing;
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
			this.#hosts = catalog.hosts;
			this.#status = 'ready';
			// Earlier probes refine the verdicts; the catalog does not wait for them. A probe in
			// another tab announces itself as a settings change.
			subscribe((message) => {
				if (message.type === 'settings-changed') void this.#loadProbes();
			});
			void this.#loadProbes();
		})();
		return this.#loading;
	}

	async #loadProbes(): Promise<void> {
		try {
			this.#probes = await worker().catalog.probes();
		} catch (error) {
			console.warn('probe results unavailable', error);
		}
	}

	get(id: string): Connector | undefined {
		return this.#byId.get(id);
	}

	/** The connector's reach from the host facts and what this browser has reached. */
	reachOf(connector: Connector): ConnectorReach {
		return reachOf(connector, this.#hosts, this.#reachable);
	}

	/** The remembered verdict of "Test in this browser", once all the connector's hosts were tested. */
	tested(connector: Connector): Exclude<Reach, 'unsupported'> | undefined {
		return testedReach(connector, this.#hosts, this.#probes);
	}

	/** Why the last probe of this connector failed (not a refusal: the probe itself). */
	probeError(id: string): AppError | null {
		return this.#lastProbed === id ? this.#probeAction.error : null;
	}

	/** The last probe of a connector in this tab. */
	report(id: string): ProbeReport | undefined {
		return this.#reports[id];
	}

	/** "Test in this browser": the worker probes the connector's hosts and remembers the outcome. */
	async probe(id: string): Promise<void> {
		if (this.#probing) return;
		this.#probing = id;
		this.#lastProbed = id;
		try {
			const report = await this.#probeAction.run(() => worker().catalog.probe(id));
			if (!report) return;
			this.#reports = { ...this.#reports, [id]: report };
			await this.#loadProbes();
		} finally {
			this.#probing = null;
		}
	}
}

export const catalog = new CatalogState();
