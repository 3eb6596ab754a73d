/**
 * Golden vault vectors (tests/fixtures/vault/README.md). Each vector is a database as the app
 * stored it; it is loaded raw into a fresh fake IndexedDB at the schema version it was written
 * with, opened through the app's migrations, and read only through the public path: `Vault.unlock`,
 * `get`, `getAll`, `readFolder` and `openAll`. They freeze the on-disk format: a change to the
 * header, the KDF, the envelope, its AAD or the record encoding makes them fail, and the fix is a
 * migration that keeps them opening, never new vectors in their place.
 */
import { openDB } from 'idb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, type Database, type SealedStore } from '../../src/lib/db';
import { AppError } from '../../src/lib/errors';
import { Vault } from '../../src/lib/vault';

const DIR = join(import.meta.dirname, '../fixtures/vault');

/** Vectors of the first on-disk format; none may ever be removed or edited. */
const FROZEN_V1 = [
	'v1-vault',
	'v1-passphrase-nfd',
	'v1-created-from-nfd',
	'v1-wrong-passphrase',
	'v1-passphrase-nfkc',
	'v1-header-tampered-salt',
	'v1-header-tampered-wrapped-key',
	'v1-header-truncated-wrapped-key',
	'v1-header-unknown-version',
	'v1-record-tampered-ciphertext',
	'v1-record-tampered-tag',
	'v1-record-tampered-iv',
	'v1-record-truncated',
	'v1-record-truncated-iv',
	'v1-record-swapped-ids',
	'v1-record-moved-store',
	'v1-record-unknown-version'
];

const SEALED: SealedStore[] = ['folders', 'connections', 'secrets', 'pending'];

type Outcome = { expect: 'success' } | { expect: 'failure'; error: string };

type RecordExpectation = { store: SealedStore; id: string } & (
	{ expect: 'success'; plaintext: unknown } | { expect: 'failure'; error: string }
);

type StoredRecord = { id: string; folderId?: string } & Record<string, unknown>;

interface VaultVector {
	name: string;
	description: string;
	/** "success" when the vault unlocks and every record opens, else "failure". */
	expect: 'success' | 'failure';
	/** The IndexedDB schema version (db/migrations.ts), header version and envelope version. */
	format: { db: number; header: number; envelope: number };
	passphrase: string;
	unlock: Outcome;
	/** Every sealed record of `stores` when the unlock succeeds; empty when it fails. */
	records: RecordExpectation[];
	/** Every object store's records exactly as stored; bytes are `{ "$bytes": hex }`. */
	stores: Record<string, StoredRecord[]>;
}

/** JSON → the structured-clone values IndexedDB held: `{ $bytes }` becomes a Uint8Array. */
function parseVector(text: string): VaultVector {
	return JSON.parse(text, (_key, value) => {
		if (
			value &&
			typeof value === 'object' &&
			Object.keys(value).length === 1 &&
			'$bytes' in value
		) {
			const hexText = value.$bytes;
			if (typeof hexText !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(hexText))
				throw new TypeError(`bad $bytes: ${hexText}`);
			return Uint8Array.from(Buffer.from(hexText, 'hex'));
		}
		return value;
	});
}

const vectors = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({ file, vector: parseVector(readFileSync(join(DIR, file), 'utf8')) }));
const byName = new Map(vectors.map(({ vector }) => [vector.name, vector]));
const named = (name: string): VaultVector => {
	const vector = byName.get(name);
	if (!vector) throw new Error(`missing vector ${name}`);
	return vector;
};

let n = 0;

/**
 * A fresh database holding the vector's records, byte for byte: created at the schema version the
 * vector was written with, then opened by the app, which runs every later migration on it.
 */
async function load(vector: VaultVector): Promise<Database> {
	const name = `vault-vector-${vector.name}-${++n}`;
	const old = await openDB(name, vector.format.db, {
		upgrade: (db, from, _to, tx) => {
			for (let v = from; v < vector.format.db; v++) MIGRATIONS[v]!(db as never, tx as never);
		}
	});
	for (const [store, records] of Object.entries(vector.stores))
		for (const record of records) await old.put(store, record);
	old.close();
	return openDatabase({ name });
}

async function raw(db: Database, vector: VaultVector): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const store of Object.keys(vector.stores))
		out[store] = await db.getAll(store as 'vault' | SealedStore);
	return out;
}

const byId = <T extends { id: string }>(list: T[]): T[] =>
	[...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The AppError code a promise rejects with, or 'no error'. */
const code = (promise: Promise<unknown>): Promise<string> =>
	promise.then(
		() => 'no error',
		(e: unknown) => (e instanceof AppError ? e.code : `not an AppError: ${String(e)}`)
	);

/** What reading a set of records at once must give: their plaintexts, or one of their errors. */
async function expectAll(read: () => Promise<unknown[]>, records: RecordExpectation[]) {
	const errors = records.flatMap((r) => (r.expect === 'failure' ? [r.error] : []));
	if (errors.length === 0)
		expect(await read()).toEqual(
			byId(records).map((r) => (r.expect === 'success' ? r.plaintext : undefined))
		);
	else expect(errors).toContain(await code(read()));
}

describe('golden vault vectors', () => {
	it('include every frozen v1 vector, each named after its file', () => {
		for (const { file, vector } of vectors) expect(file).toBe(`${vector.name}.json`);
		expect([...byName.keys()]).toEqual(expect.arrayContaining(FROZEN_V1));
	});

	it('are what they say: tags match the outcomes, and every stored record is checked', () => {
		for (const { vector } of vectors) {
			const failed =
				vector.unlock.expect === 'failure' || vector.records.some((r) => r.expect === 'failure');
			expect(vector.expect, vector.name).toBe(failed ? 'failure' : 'success');
			if (vector.unlock.expect === 'failure') continue;
			const stored = SEALED.flatMap((s) => (vector.stores[s] ?? []).map((r) => `${s}/${r.id}`));
			const checked = vector.records.map((r) => `${r.store}/${r.id}`);
			expect(checked.sort(), vector.name).toEqual(stored.sort());
		}
	});

	it('state the passphrase forms: NFC and NFD open the vault, NFKC is another passphrase', () => {
		const nfc = named('v1-vault');
		const nfd = named('v1-passphrase-nfd');
		const nfkc = named('v1-passphrase-nfkc');
		// The KDF normalizes the passphrase to NFC (crypto/kdf.ts), so the NFD spelling of the same
		// passphrase must open the same stored vault, and a vault created from the NFD spelling
		// must open with the NFC one. NFKC folds more (℃ → °C): that is not the same passphrase.
		expect(nfc.passphrase.normalize('NFC')).toBe(nfc.passphrase);
		expect(nfd.passphrase.normalize('NFD')).toBe(nfd.passphrase);
		expect(nfd.passphrase).not.toBe(nfc.passphrase);
		expect(nfd.passphrase.normalize('NFC')).toBe(nfc.passphrase);
		expect(nfd.stores).toEqual(nfc.stores);
		expect(nfd.expect).toBe('success');
		const created = named('v1-created-from-nfd');
		expect(created.passphrase).toBe(nfc.passphrase);
		expect(created.expect).toBe('success');
		expect(nfkc.passphrase).toBe(nfc.passphrase.normalize('NFKC'));
		expect(nfkc.passphrase).not.toBe(nfc.passphrase);
		expect(nfkc.unlock).toEqual({ expect: 'failure', error: 'vault.wrong-passphrase' });
	});

	for (const { vector } of vectors) {
		it(`${vector.name} (${vector.expect}): ${vector.description}`, async () => {
			const db = await load(vector);
			const stored = await raw(db, vector);
			// Loaded exactly as stored, through the app's own migrations.
			for (const [store, records] of Object.entries(vector.stores))
				expect(stored[store], store).toEqual(byId(records));

			const vault = new Vault(db);
			const unlocked = await code(vault.unlock(vector.passphrase));
			if (vector.unlock.expect === 'failure') {
				expect(unlocked).toBe(vector.unlock.error);
				expect(vault.unlocked).toBe(false);
				for (const store of SEALED)
					for (const r of vector.stores[store] ?? [])
						expect(await code(vault.get(store, r.id))).toBe('vault.locked');
			} else {
				expect(unlocked).toBe('no error');
				expect(vault.unlocked).toBe(true);

				// Each record alone: a bad one fails with its typed error, the others still open.
				for (const r of vector.records) {
					const what = `${r.store}/${r.id}`;
					if (r.expect === 'success')
						expect(await vault.get(r.store, r.id), what).toEqual(r.plaintext);
					else expect(await code(vault.get(r.store, r.id)), what).toBe(r.error);
				}

				// Whole stores at once.
				for (const store of SEALED) {
					const records = vector.records.filter((r) => r.store === store);
					await expectAll(() => vault.getAll(store), records);
				}

				// A folder's connections through the index on the clear folderId.
				const connections = vector.stores.connections ?? [];
				for (const folderId of new Set(connections.map((r) => r.folderId))) {
					if (folderId === undefined) continue;
					const ids = connections.filter((r) => r.folderId === folderId).map((r) => r.id);
					const sealed = await vault.readFolder(folderId);
					expect(sealed.map((r) => r.id).sort()).toEqual(ids.sort());
					const records = vector.records.filter(
						(r) => r.store === 'connections' && ids.includes(r.id)
					);
					await expectAll(() => vault.openAll('connections', byId(sealed)), records);
				}
			}

			// Nothing stored was lost or changed by the failures.
			expect(await raw(db, vector)).toEqual(stored);
			db.close();
		});
	}
});
