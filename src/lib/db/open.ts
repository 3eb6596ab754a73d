/**
 * Opening the database. Several tabs share it: when a newer version of the app (in another tab)
 * wants to upgrade, this connection is `blocking` it, so it closes itself and reports it; when an
 * older tab keeps us `blocked`, the caller is told so it can ask the user to close that tab.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { AppError } from '../errors';
import { DB_VERSION, migrate } from './migrations';
import { DB_NAME, type SwitchboardDB } from './schema';

export type Database = IDBPDatabase<SwitchboardDB>;

export interface OpenOptions {
	name?: string;
	/** Another tab runs an older version and holds the database open. */
	onBlocked?: () => void;
	/** This connection was closed so another tab can upgrade (or the browser closed it). */
	onClosed?: (reason: 'upgrade' | 'terminated') => void;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
	if (typeof indexedDB === 'undefined') throw new AppError('db.unavailable');
	try {
		const db = await openDB<SwitchboardDB>(options.name ?? DB_NAME, DB_VERSION, {
			upgrade: migrate,
			blocked: () => options.onBlocked?.(),
			blocking: () => {
				db.close();
				options.onClosed?.('upgrade');
			},
			terminated: () => options.onClosed?.('terminated')
		});
		return db;
	} catch (cause) {
		if (cause instanceof DOMException && cause.name === 'VersionError')
			throw new AppError('db.blocked', { cause, detail: 'database is newer than this app' });
		throw new AppError('db.unavailable', { cause });
	}
}
