/** The plain `settings` store as a small key-value map (idb-keyval style). Never for secrets. */
import type { Database } from './open';

export async function readSettings(db: Database): Promise<Record<string, unknown>> {
	const rows = await db.getAll('settings');
	return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Writes every entry in one transaction. */
export async function writeSettings(db: Database, entries: Record<string, unknown>): Promise<void> {
	const tx = db.transaction('settings', 'readwrite');
	await Promise.all([
		...Object.entries(entries).map(([key, value]) => tx.store.put({ key, value })),
		tx.done
	]);
}
