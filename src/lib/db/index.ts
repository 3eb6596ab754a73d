export { openDatabase, type Database, type OpenOptions } from './open';
export { DB_VERSION, MIGRATIONS } from './migrations';
export {
	DB_NAME,
	type DPoPKeyRecord,
	type SealedRecord,
	type SealedStore,
	type VaultHeader
} from './schema';
export { readSettings, writeSettings } from './settings';
