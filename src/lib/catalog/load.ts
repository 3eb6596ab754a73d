/**
 * The catalog data. Imported dynamically (never from the app shell), so the definitions form
 * their own lazily loaded chunk. Every definition is validated; an invalid one is left out and
 * reported instead of breaking the catalog.
 *
 * The local sandbox's connectors (`sandbox-*.json`, `"sandbox": true`: test credentials,
 * http://localhost endpoints) and the facts about its hosts (`hosts-sandbox.json`) exist only in
 * the sandbox flavour (vite.config.ts): in the shipped build `import.meta.env.SWITCHBOARD_SANDBOX`
 * is the constant 'false', so Rollup drops those globs and their files never reach a chunk, the
 * precache or the heap.
 */
import { toAppError, type AppError } from '../errors';
import { parseHostFacts, type HostFacts } from './cors';
import shippedHosts from './hosts.json';
import type { Connector } from './schema';
import { validateConnector } from './validate';

const shipped = import.meta.glob(['./connectors/*.json', '!./connectors/sandbox-*.json'], {
	eager: true,
	import: 'default'
});
const files: Record<string, unknown> =
	import.meta.env.SWITCHBOARD_SANDBOX === 'true'
		? {
				...shipped,
				...import.meta.glob('./connectors/sandbox-*.json', { eager: true, import: 'default' })
			}
		: shipped;

const hosts: Record<string, unknown> =
	import.meta.env.SWITCHBOARD_SANDBOX === 'true'
		? {
				...shippedHosts,
				...Object.values(
					import.meta.glob('./hosts-sandbox.json', { eager: true, import: 'default' })
				)[0]!
			}
		: shippedHosts;

export interface LoadedCatalog {
	connectors: Connector[];
	byId: Map<string, Connector>;
	rejected: AppError[];
	/** What each host does with browser requests (catalog/cors.ts). */
	hosts: HostFacts;
}

export function loadCatalog(): LoadedCatalog {
	const connectors: Connector[] = [];
	const rejected: AppError[] = [];
	for (const raw of Object.values(files)) {
		try {
			connectors.push(validateConnector(raw));
		} catch (error) {
			rejected.push(toAppError(error));
		}
	}
	return {
		connectors,
		byId: new Map(connectors.map((c) => [c.id, c])),
		rejected,
		hosts: parseHostFacts(hosts)
	};
}
