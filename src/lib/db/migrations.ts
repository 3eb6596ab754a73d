/**
 * The migrations ladder. Step i upgrades a database at version i to version i + 1; opening runs
 * every step from the stored version up to the newest, inside the one upgrade transaction, so a
 * failed step rolls the whole upgrade back. Never edit a released step: append a new one.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { AppError } from '../errors';
import type { SwitchboardDB } from './schema';

type Step = (
	db: IDBPDatabase<SwitchboardDB>,
	tx: IDBPTransaction<SwitchboardDB, StoreNames<SwitchboardDB>[], 'versionchange'>
) => void;

export const MIGRATIONS: readonly Step[] = [
	// 0 → 1: the first schema.
	(db) => {
		db.createObjectStore('vault', { keyPath: 'id' });
		db.createObjectStore('folders', { keyPath: 'id' });
		db.createObjectStore('connections', { keyPath: 'id' });
		db.createObjectStore('secrets', { keyPath: 'id' });
		db.createObjectStore('settings', { keyPath: 'key' });
	},
	// 1 → 2: authorization flows in progress survive a full-page redirect.
	(db) => {
		db.createObjectStore('pending', { keyPath: 'id' });
	},
	// 2 → 3: connections by folder (records written before carry no folderId yet; the
	// connection store fills it in after the first unlock, when it can read them).
	(_db, tx) => {
		tx.objectStore('connections').createIndex('folderId', 'folderId');
	},
	// 3 → 4: DPoP key pairs (RFC 9449), one per connection, as non-extractable CryptoKeys.
	(db) => {
		db.createObjectStore('dpopKeys', { keyPath: 'id' });
	}
];

export const DB_VERSION = MIGRATIONS.length;

export function migrate(
	db: IDBPDatabase<SwitchboardDB>,
	oldVersion: number,
	newVersion: number,
	tx: IDBPTransaction<SwitchboardDB, StoreNames<SwitchboardDB>[], 'versionchange'>
): void {
	for (let version = oldVersion; version < newVersion; version++) {
		const migrate = MIGRATIONS[version];
		if (!migrate) throw new AppError('db.unavailable', { detail: `no migration from ${version}` });
		migrate(db, tx);
	}
}
