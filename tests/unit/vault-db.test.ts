import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openDatabase } from '../../src/lib/db';
import { AppError } from '../../src/lib/errors';
import { passphraseStrength, Vault } from '../../src/lib/vault';

let n = 0;
const freshName = () => `test-db-${++n}-${Date.now()}`;

const code = async (p: Promise<unknown>) =>
	p.then(
		() => 'no error',
		(e: AppError) => e.code
	);

describe('migrations', () => {
	it('build the whole schema from an empty database', async () => {
		const db = await openDatabase({ name: freshName() });
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'connections',
			'dpopKeys',
			'folders',
			'pending',
			'secrets',
			'settings',
			'vault'
		]);
		db.close();
	});

	it('upgrade a version-1 database and keep its records', async () => {
		const name = freshName();
		const v1 = await openDB(name, 1, {
			upgrade: (db, _o, _n, tx) => MIGRATIONS[0]!(db as never, tx as never)
		});
		await v1.put('settings', { key: 'theme', value: 'dark' });
		v1.close();
		const db = await openDatabase({ name });
		expect(db.objectStoreNames.contains('pending')).toBe(true);
		expect(await db.get('settings', 'theme')).toEqual({ key: 'theme', value: 'dark' });
		db.close();
	});

	it('index connections by folder; records from before the index are filled in after unlock', async () => {
		const name = freshName();
		const old = await openDB(name, 2, {
			upgrade: (db, o, _n, tx) => {
				for (let v = o; v < 2; v++) MIGRATIONS[v]!(db as never, tx as never);
			}
		});
		old.close();
		const db = await openDatabase({ name });
		expect(db.transaction('connections').store.indexNames.contains('folderId')).toBe(true);
		const vault = new Vault(db);
		await vault.create('correct horse battery');
		// A record as schema 2 wrote it: no folderId beside the envelope.
		await vault.put('connections', 'c1', { id: 'c1', folderId: 'f1', name: 'Old' });
		const { ConnectionStore } = await import('../../src/lib/connections/store');
		const store = new ConnectionStore(vault);
		expect(await store.inFolder('f1')).toEqual([]);
		await store.fillFolderIndex();
		expect((await store.inFolder('f1')).map((m) => m.id)).toEqual(['c1']);
		expect(await vault.indexCoverage()).toEqual({ records: 1, indexed: 1 });
	});

	it('tell a blocking connection to close so another tab can upgrade', async () => {
		const name = freshName();
		let closedFor: string | undefined;
		await openDatabase({ name, onClosed: (reason) => (closedFor = reason) });
		const newer = await openDB(name, DB_VERSION + 1);
		expect(closedFor).toBe('upgrade');
		newer.close();
	});

	it('refuse a database from a newer app version', async () => {
		const name = freshName();
		(await openDB(name, DB_VERSION + 5)).close();
		expect(await code(openDatabase({ name }))).toBe('db.blocked');
	});
});

describe('vault', () => {
	const setup = async () => new Vault(await openDatabase({ name: freshName() }));

	it('creates, locks and unlocks; the key is not extractable', async () => {
		const vault = await setup();
		expect(await vault.exists()).toBe(false);
		await vault.create('correct horse battery');
		await vault.put('folders', 'f1', { name: 'Finance' });
		vault.lock();
		expect(await code(vault.get('folders', 'f1'))).toBe('vault.locked');
		const timing = await vault.unlock('correct horse battery');
		expect(timing.kdfMs).toBeGreaterThan(0);
		expect(await vault.get('folders', 'f1')).toEqual({ name: 'Finance' });
	});

	it('refuses a wrong passphrase and changes nothing', async () => {
		const vault = await setup();
		await vault.create('correct horse battery');
		vault.lock();
		expect(await code(vault.unlock('wrong horse battery'))).toBe('vault.wrong-passphrase');
		expect(vault.unlocked).toBe(false);
		await vault.unlock('correct horse battery');
	});

	it('refuses a second vault and a short passphrase', async () => {
		const vault = await setup();
		expect(await code(vault.create('short'))).toBe('vault.weak-passphrase');
		await vault.create('correct horse battery');
		expect(await code(vault.create('another long passphrase'))).toBe('vault.exists');
	});

	it('changes the passphrase without touching records; the old one stops working', async () => {
		const vault = await setup();
		await vault.create('correct horse battery');
		await vault.put('connections', 'c1', { name: 'Slack' });
		expect(await code(vault.changePassphrase('wrong one entirely', 'new passphrase 2026'))).toBe(
			'vault.wrong-passphrase'
		);
		await vault.changePassphrase('correct horse battery', 'new passphrase 2026');
		vault.lock();
		expect(await code(vault.unlock('correct horse battery'))).toBe('vault.wrong-passphrase');
		await vault.unlock('new passphrase 2026');
		expect(await vault.get('connections', 'c1')).toEqual({ name: 'Slack' });
	});

	it('a passphrase change racing one in another tab: exactly one wins, never neither', async () => {
		const name = freshName();
		const a = new Vault(await openDatabase({ name }));
		const b = new Vault(await openDatabase({ name }));
		await a.create('correct horse battery');
		await b.unlock('correct horse battery');
		const outcomes = await Promise.all([
			code(a.changePassphrase('correct horse battery', 'first new passphrase')),
			code(b.changePassphrase('correct horse battery', 'second new passphrase'))
		]);
		expect(outcomes.sort()).toEqual(['no error', 'vault.changed-elsewhere']);
		const fresh = new Vault(await openDatabase({ name }));
		const unlocks = [];
		for (const p of ['correct horse battery', 'first new passphrase', 'second new passphrase'])
			unlocks.push(await code(fresh.unlock(p)));
		expect(unlocks.filter((u) => u === 'no error')).toHaveLength(1);
		expect(unlocks[0]).toBe('vault.wrong-passphrase');
	});

	it('commits several records atomically and never stores plaintext', async () => {
		const name = freshName();
		const db = await openDatabase({ name });
		const vault = new Vault(db);
		await vault.create('correct horse battery');
		await vault.commit({
			put: [
				{ store: 'connections', id: 'c1', value: { name: 'meta' } },
				{ store: 'secrets', id: 'c1', value: { token: 'super-secret-token' } }
			]
		});
		const raw = JSON.stringify(
			[await db.getAll('connections'), await db.getAll('secrets')],
			(_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)
		);
		expect(raw).not.toContain('super-secret-token');
		expect(raw).not.toContain('meta');
		// A failing transaction writes nothing: a record whose value cannot be cloned aborts it.
		await expect(
			vault.commit({
				put: [{ store: 'secrets', id: 'c2', value: { ok: 1 } }],
				delete: [{ store: 'nope' as never, id: 'x' }]
			})
		).rejects.toBeTruthy();
		expect(await vault.get('secrets', 'c2')).toBeUndefined();
	});
});

describe('passphrase strength hint', () => {
	it('grows with length and variety', () => {
		expect(passphraseStrength('short')).toBe('too-short');
		expect(passphraseStrength('aaaaaaaaaaaa')).toBe('weak');
		expect(passphraseStrength('password1234')).toBe('fair');
		expect(passphraseStrength('correct horse battery')).toBe('strong');
		expect(passphraseStrength('Tr0ub4dor & 3 purple elephants')).toBe('strong');
	});
});
