/**
 * The catalog data. Imported dynamically (never from the app shell), so the definitions form
 * their own lazily loaded chunk. Every definition is validated; an invalid one is left out and
 * reported instead of breaking the catalog.
 */
import { toAppError, type AppError } from '../errors';
import type { Connector } from './schema';
import { validateConnector } from './validate';

const files = import.meta.glob('./connectors/*.json', { eager: true, import: 'default' });

export interface LoadedCatalog {
	connectors: Connector[];
	byId: Map<string, Connector>;
	rejected: AppError[];
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
	return { connectors, byId: new Map(connectors.map((c) => [c.id, c])), rejected };
}
