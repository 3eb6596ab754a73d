/**
 * Security review finding 8: the PBKDF2 iterations stored in the vault header are bounded
 * ([600,000 … 10,000,000], integers only) before any derivation, and a vault wrapped under fewer
 * iterations than the current default is re-wrapped to it after a successful unlock.
 *
 * KDF_ITERATIONS is the real 600,000 unless a test raises it (`defaults.iterations`), which is
 * how a later raise of the default is played out against a vault written today.
 */
import { describe, expect, it, vi } from 'vitest';
import {
	deriveWrappingKey,
	generateVaultKey,
	KDF_ITERATIONS,
	wrapVaultKey
} from '../../src/lib/crypto';
import { openDatabase, type Database, type VaultHeader } from '../../src/lib/db';
import { AppError } from '../../src/lib/errors';
import { MAX_KDF_ITERATIONS, MIN_KDF_ITERATIONS, Vault } from '../../src/lib/vault';

const defaults = vi.hoisted(() => ({ iterations: undefined as number | undefined }));
vi.mock('../../src/lib/crypto/kdf', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../../src/lib/crypto/kdf')>();
	return {
		...actual,
		get KDF_ITERATIONS() {
			return defaults.iterations ?? actual.KDF_ITERATIONS;
		}
	};
});

const PASSPHRASE = 'correct horse battery';
let n = 0;
const freshDb = () => openDatabase({ name: `kdf-bounds-${++n}-${Date.now()}` });

const failure = (p: Promise<unknown>) =>
	p.then(
		() => ({ code: 'no error' }) as { code: string; detail?: string },
		(e: AppError) => ({ code: e.code, detail: e.detail })
	);

const header = async (db: Database): Promise<VaultHeader> => {
	const h = await db.get('vault', 'header');
	if (!h) throw new Error('no header');
	return h;
};

/** A vault whose header says `iterations`, by default with the wrap really made under them. */
async function vaultWith(iterations: unknown, wrapUnder = iterations as number): Promise<Database> {
	const db = await freshDb();
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const kdf = { name: 'PBKDF2', hash: 'SHA-256', iterations: wrapUnder, salt } as const;
	const wrappedKey = await wrapVaultKey(
		await generateVaultKey(),
		await deriveWrappingKey(PASSPHRASE, kdf)
	);
	const now = Date.now();
	await db.put('vault', {
		id: 'header',
		v: 1,
		kdf: { ...kdf, iterations: iterations as number },
		wrappedKey,
		createdAt: now,
		changedAt: now
	});
	return db;
}

describe('stored KDF iterations are bounded (finding 8)', () => {
	it('the default lies within the bounds', () => {
		expect(KDF_ITERATIONS).toBe(600_000);
		expect(MIN_KDF_ITERATIONS).toBe(600_000);
		expect(MAX_KDF_ITERATIONS).toBe(10_000_000);
	});

	it('refuses a vault wrapped under too few iterations, though the passphrase is right', async () => {
		for (const iterations of [1000, 599_999]) {
			const db = await vaultWith(iterations);
			const before = await header(db);
			const vault = new Vault(db);
			expect(await failure(vault.unlock(PASSPHRASE)), `${iterations}`).toEqual({
				code: 'vault.corrupt',
				detail: 'kdf'
			});
			expect(vault.unlocked).toBe(false);
			expect(await failure(vault.changePassphrase(PASSPHRASE, 'another passphrase'))).toEqual({
				code: 'vault.corrupt',
				detail: 'kdf'
			});
			// Nothing was re-wrapped or overwritten.
			expect(await header(db)).toEqual(before);
			db.close();
		}
	});

	it('refuses out-of-range, non-integer and non-number values before deriving anything', async () => {
		// The wrap is made under 600,000; only the stored number differs. A derivation with 2^31
		// iterations would take many minutes: these must all be refused at once.
		const started = performance.now();
		for (const iterations of [
			0,
			-600_000,
			600_000.5,
			Number.NaN,
			'600000',
			null,
			MAX_KDF_ITERATIONS + 1,
			2 ** 31,
			Number.MAX_SAFE_INTEGER,
			Number.POSITIVE_INFINITY
		]) {
			const db = await vaultWith(iterations, 600_000);
			const vault = new Vault(db);
			expect(await failure(vault.unlock(PASSPHRASE)), String(iterations)).toEqual({
				code: 'vault.corrupt',
				detail: 'kdf'
			});
			expect(vault.unlocked).toBe(false);
			db.close();
		}
		// Ten wraps at 600,000 iterations to set up, no derivation at unlock.
		expect(performance.now() - started).toBeLessThan(20_000);
	});

	it('opens a vault at the lower bound', async () => {
		const db = await vaultWith(MIN_KDF_ITERATIONS);
		const vault = new Vault(db);
		await vault.unlock(PASSPHRASE);
		expect(vault.unlocked).toBe(true);
		db.close();
	});
});

describe('a vault below the current default is re-wrapped after unlock (finding 8)', () => {
	const withDefault = async <T>(iterations: number, run: () => Promise<T>): Promise<T> => {
		defaults.iterations = iterations;
		try {
			return await run();
		} finally {
			defaults.iterations = undefined;
		}
	};

	/** A vault created today (600,000) holding one connection record. */
	async function today() {
		const db = await freshDb();
		const vault = new Vault(db);
		await vault.create(PASSPHRASE);
		await vault.put('connections', 'c1', { name: 'Slack' });
		return { db, before: await header(db), record: await db.get('connections', 'c1') };
	}

	it('re-wraps to the new default in one header write; the records stay untouched', async () => {
		const { db, before, record } = await today();
		expect(before.kdf.iterations).toBe(600_000);
		await withDefault(700_000, async () => {
			const vault = new Vault(db);
			await vault.unlock(PASSPHRASE);
			expect(vault.unlocked).toBe(true);
			expect(await vault.get('connections', 'c1')).toEqual({ name: 'Slack' });
			const after = await header(db);
			expect(after.kdf.iterations).toBe(700_000);
			expect(after.kdf.salt).not.toEqual(before.kdf.salt);
			expect(after.wrappedKey).not.toEqual(before.wrappedKey);
			expect(after.createdAt).toBe(before.createdAt);
			expect(await db.get('connections', 'c1')).toEqual(record);

			// The new header opens with the same passphrase, the same vault key, and stays put.
			const again = new Vault(db);
			await again.unlock(PASSPHRASE);
			expect(await again.get('connections', 'c1')).toEqual({ name: 'Slack' });
			expect(await header(db)).toEqual(after);
			expect((await failure(new Vault(db).unlock('wrong horse battery'))).code).toBe(
				'vault.wrong-passphrase'
			);
		});
		db.close();
	});

	it('a wrong passphrase re-wraps nothing', async () => {
		const { db, before } = await today();
		await withDefault(700_000, async () => {
			expect((await failure(new Vault(db).unlock('wrong horse battery'))).code).toBe(
				'vault.wrong-passphrase'
			);
		});
		expect(await header(db)).toEqual(before);
		db.close();
	});

	it('two tabs unlocking at once: both open, one re-wrap lands', async () => {
		const { db, before } = await today();
		const name = db.name;
		await withDefault(700_000, async () => {
			const a = new Vault(db);
			const b = new Vault(await openDatabase({ name }));
			await Promise.all([a.unlock(PASSPHRASE), b.unlock(PASSPHRASE)]);
			expect(a.unlocked && b.unlocked).toBe(true);
			const after = await header(db);
			expect(after.kdf.iterations).toBe(700_000);
			expect(after.wrappedKey).not.toEqual(before.wrappedKey);
			const fresh = new Vault(await openDatabase({ name }));
			await fresh.unlock(PASSPHRASE);
			expect(await fresh.get('connections', 'c1')).toEqual({ name: 'Slack' });
		});
	});

	it('leaves a vault at or above the default as it is; a passphrase change never lowers it', async () => {
		const db = await freshDb();
		await withDefault(700_000, () => new Vault(db).create(PASSPHRASE));
		const before = await header(db);
		expect(before.kdf.iterations).toBe(700_000);
		await new Vault(db).unlock(PASSPHRASE);
		expect(await header(db)).toEqual(before);
		await new Vault(db).changePassphrase(PASSPHRASE, 'new passphrase 2026');
		expect((await header(db)).kdf.iterations).toBe(700_000);
		db.close();
	});
});
