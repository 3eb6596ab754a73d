/**
 * Writes the golden vault vectors (tests/fixtures/vault/, see its README.md) with the real
 * production code: `Vault.create` and `Vault.commit` on a fake IndexedDB, then the records are read
 * back raw, exactly as stored, and the failure variants are derived from them byte by byte.
 *
 * Run once per on-disk format, never again for an existing one: the committed vectors freeze the
 * format, and regenerating them would hide a change. It refuses to overwrite a file.
 *
 *   node scripts/make-vault-vectors.js [out-dir]      (default: tests/fixtures/vault)
 */
import 'fake-indexeddb/auto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'tests/fixtures/vault'));

// Load the TypeScript sources as the app has them (no SvelteKit plugin needed for these modules).
const server = await createServer({
	root,
	configFile: false,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, ws: false }
});
const { Vault } = await server.ssrLoadModule('/src/lib/vault/index.ts');
const { openDatabase, DB_VERSION } = await server.ssrLoadModule('/src/lib/db/index.ts');

/** The passphrase as typed on a keyboard that composes (NFC), and the same one decomposed (NFD). */
const PASSPHRASE_NFC = "Crème brûlée à 4 \u2103, s'il vous plaît".normalize('NFC');
const PASSPHRASE_NFD = PASSPHRASE_NFC.normalize('NFD');
if (PASSPHRASE_NFC === PASSPHRASE_NFD) throw new Error('the passphrase must differ in NFC and NFD');

const T0 = Date.UTC(2026, 0, 15, 9, 30);
const F_WORK = 'my-workspace';
const F_TEAM = '7d0f3c2a-5b1e-4c8d-9a6f-2e4b8c1d0a93';
const C_SLACK = '3b6e2f0c-9d4a-4e7b-8c1f-5a2d7e9b0c14';
const C_KEY = 'e1a4c7d2-0b3f-4a6e-9d8c-7f2b5e1a3c60';
const P_FLOW = 'a9c2e5f8-1b4d-4f7a-8e0c-3d6b9f2a5c71';

/** A connection's metadata record, in the order of ConnectionMeta (connections/model.ts). */
const META_DEFAULTS = {
	id: '',
	folderId: '',
	connectorId: '',
	authType: '',
	name: '',
	description: '',
	isDefault: false,
	status: 'connected',
	account: null,
	requestedScopes: [],
	grantedScopes: [],
	properties: {},
	authConfigHash: '',
	expiresAt: null,
	lastRefreshAt: null,
	refreshable: false,
	lastRefreshOutcome: null,
	nextRefreshAt: null,
	lastCheckedAt: null,
	lastError: null,
	pollingInterval: 5,
	createdAt: T0,
	updatedAt: T0
};
/** @param {Partial<Record<keyof META_DEFAULTS, unknown>>} fields */
const meta = (fields) => ({ ...META_DEFAULTS, ...fields });

const slack = meta({
	id: C_SLACK,
	folderId: F_WORK,
	connectorId: 'slack',
	authType: 'oauth2',
	name: 'Slack — équipe',
	account: 'zoë@example.test',
	requestedScopes: ['channels:read', 'chat:write'],
	grantedScopes: ['channels:read', 'chat:write'],
	properties: { clientId: '1234.5678' },
	expiresAt: T0 + 43_200_000,
	refreshable: true,
	nextRefreshAt: T0 + 39_600_000
});
const apiKey = meta({
	id: C_KEY,
	folderId: F_TEAM,
	connectorId: 'sandbox-api-key',
	authType: 'api-key',
	name: 'Sandbox API key',
	account: 'System'
});

/** Each record as the app writes it: store, id, plaintext value, fields kept in the clear. */
const WRITES = [
	{ store: 'folders', id: F_WORK, value: { id: F_WORK, name: 'My workspace', createdAt: T0 } },
	{ store: 'folders', id: F_TEAM, value: { id: F_TEAM, name: 'Finanzen 💶', createdAt: T0 } },
	{ store: 'connections', id: C_SLACK, value: slack, plain: { folderId: F_WORK } },
	{ store: 'connections', id: C_KEY, value: apiKey, plain: { folderId: F_TEAM } },
	{
		store: 'secrets',
		id: C_SLACK,
		value: {
			id: C_SLACK,
			values: { clientSecret: 'golden-vector-client-secret' },
			tokens: {
				accessToken: 'xoxb-golden-vector-access-token',
				refreshToken: 'xoxe-golden-vector-refresh-token',
				tokenType: 'Bearer',
				expiresAt: T0 + 43_200_000,
				scope: 'channels:read chat:write'
			}
		}
	},
	{
		store: 'secrets',
		id: C_KEY,
		value: { id: C_KEY, values: { apiKey: 'golden-vector-api-key-\u00e9\u00e8' } }
	},
	{
		store: 'pending',
		id: P_FLOW,
		value: {
			id: P_FLOW,
			meta: { ...slack, status: 'pending-authentication' },
			values: {},
			reconnect: true,
			authorization: {
				state: 'golden-vector-state',
				codeVerifier: 'golden-vector-pkce-verifier-0123456789abcdefghijklmnopqrstuv',
				redirectUri: 'http://localhost:5173/callback',
				createdAt: T0
			}
		}
	}
];

const STORES = ['vault', 'folders', 'connections', 'secrets', 'pending'];

/**
 * Creates a vault with the real code and returns every store's records as IndexedDB holds them.
 * @param {string} passphrase
 * @param {typeof WRITES} writes
 */
async function makeVault(passphrase, writes) {
	const db = await openDatabase({ name: `vectors-${crypto.randomUUID()}` });
	const vault = new Vault(db); // the app's iteration count (DESIGN.md)
	await vault.create(passphrase);
	await vault.commit({ put: writes });
	/** @type {Record<string, any[]>} */
	const stores = {};
	for (const store of STORES) stores[store] = await db.getAll(store);
	// Check the round trip through the public path before freezing anything.
	const again = new Vault(db);
	await again.unlock(passphrase);
	for (const w of writes)
		if (JSON.stringify(await again.get(w.store, w.id)) !== JSON.stringify(w.value))
			throw new Error(`round trip failed for ${w.store}/${w.id}`);
	db.close();
	return stores;
}

/** @param {Record<string, any[]>} stores */
const copy = (stores) => structuredClone(stores);

/**
 * @param {Record<string, any[]>} stores
 * @param {string} store
 * @param {string} id
 */
const record = (stores, store, id) => {
	const found = stores[store]?.find((r) => r.id === id);
	if (!found) throw new Error(`no ${store}/${id}`);
	return found;
};

/**
 * @param {typeof WRITES} writes
 * @param {Record<string, string>} [failures] `store/id` → expected error code
 */
const expectations = (writes, failures = {}) =>
	writes.map((w) => {
		const error = failures[`${w.store}/${w.id}`];
		return error
			? { store: w.store, id: w.id, expect: 'failure', error }
			: { store: w.store, id: w.id, expect: 'success', plaintext: w.value };
	});

const base = await makeVault(PASSPHRASE_NFC, WRITES);
const fromNfdWrites = WRITES.filter((w) => w.id === F_WORK || w.id === C_SLACK);
const fromNfd = await makeVault(PASSPHRASE_NFD, fromNfdWrites);

const FORMAT = { db: DB_VERSION, header: 1, envelope: 1 };

/** @type {{ file: string, description: string, passphrase: string, stores: Record<string, any[]>, unlock?: string, records?: ReturnType<typeof expectations> }[]} */
const vectors = [];

/**
 * @param {string} file
 * @param {string} description
 * @param {(stores: Record<string, any[]>) => void} change
 * @param {Record<string, string>} failures
 */
function recordVariant(file, description, change, failures) {
	const stores = copy(base);
	change(stores);
	vectors.push({
		file,
		description,
		passphrase: PASSPHRASE_NFC,
		stores,
		records: expectations(WRITES, failures)
	});
}

/**
 * @param {string} file
 * @param {string} description
 * @param {string} passphrase
 * @param {(stores: Record<string, any[]>) => void} change
 * @param {string} error
 */
function unlockFailure(file, description, passphrase, change, error) {
	const stores = copy(base);
	change(stores);
	vectors.push({ file, description, passphrase, stores, unlock: error, records: [] });
}

vectors.push({
	file: 'v1-vault.json',
	description:
		'A vault as the app stores it: header, two folders, two connections (folderId in the ' +
		'clear), their secrets and a pending authorization. The passphrase is in NFC.',
	passphrase: PASSPHRASE_NFC,
	stores: base,
	records: expectations(WRITES)
});
vectors.push({
	file: 'v1-passphrase-nfd.json',
	description:
		'The same vault, unlocked with the passphrase in NFD (decomposed accents, as some ' +
		'keyboards and systems produce it): the KDF normalizes to NFC, so it opens.',
	passphrase: PASSPHRASE_NFD,
	stores: base,
	records: expectations(WRITES)
});
vectors.push({
	file: 'v1-created-from-nfd.json',
	description:
		'A vault created from the passphrase typed in NFD, unlocked with it in NFC: it opens, ' +
		'because creation normalizes too.',
	passphrase: PASSPHRASE_NFC,
	stores: fromNfd,
	records: expectations(fromNfdWrites)
});
unlockFailure(
	'v1-wrong-passphrase.json',
	'The v1 vault with a passphrase that differs in one character: vault.wrong-passphrase, ' +
		'the vault stays locked and every record stays stored.',
	PASSPHRASE_NFC.replace('4', '5'),
	() => {},
	'vault.wrong-passphrase'
);
unlockFailure(
	'v1-passphrase-nfkc.json',
	'The v1 vault with the passphrase in NFKC (\u2103 becomes \u00b0C): not the same ' +
		'passphrase, because the KDF normalizes to NFC only.',
	PASSPHRASE_NFC.normalize('NFKC'),
	() => {},
	'vault.wrong-passphrase'
);
unlockFailure(
	'v1-header-tampered-salt.json',
	'The v1 vault with one bit of the KDF salt flipped: the derived key differs and AES-KW ' +
		'unwrapping fails its integrity check.',
	PASSPHRASE_NFC,
	(s) => {
		record(s, 'vault', 'header').kdf.salt[0] ^= 0x01;
	},
	'vault.wrong-passphrase'
);
unlockFailure(
	'v1-header-tampered-wrapped-key.json',
	'The v1 vault with one bit of the wrapped vault key flipped: AES-KW unwrapping fails.',
	PASSPHRASE_NFC,
	(s) => {
		record(s, 'vault', 'header').wrappedKey[20] ^= 0x01;
	},
	'vault.wrong-passphrase'
);
unlockFailure(
	'v1-header-truncated-wrapped-key.json',
	'The v1 vault with the wrapped key cut to 32 bytes: not a header, vault.corrupt.',
	PASSPHRASE_NFC,
	(s) => {
		const header = record(s, 'vault', 'header');
		header.wrappedKey = header.wrappedKey.slice(0, 32);
	},
	'vault.corrupt'
);
unlockFailure(
	'v1-header-unknown-version.json',
	'The v1 vault with header version 2, which this format does not know: vault.corrupt.',
	PASSPHRASE_NFC,
	(s) => {
		record(s, 'vault', 'header').v = 2;
	},
	'vault.corrupt'
);
recordVariant(
	'v1-record-tampered-ciphertext.json',
	'One bit flipped in the first ciphertext byte of the Slack secrets record: crypto.tampered; ' +
		'every other record opens.',
	(s) => {
		record(s, 'secrets', C_SLACK).env.ct[0] ^= 0x01;
	},
	{ [`secrets/${C_SLACK}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-tampered-tag.json',
	'One bit flipped in the last byte (the GCM tag) of the second folder: crypto.tampered.',
	(s) => {
		const env = record(s, 'folders', F_TEAM).env;
		env.ct[env.ct.length - 1] ^= 0x80;
	},
	{ [`folders/${F_TEAM}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-tampered-iv.json',
	'One bit flipped in the IV of the pending authorization: crypto.tampered.',
	(s) => {
		record(s, 'pending', P_FLOW).env.iv[11] ^= 0x01;
	},
	{ [`pending/${P_FLOW}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-truncated.json',
	'The API key secrets record loses its last byte, and the first folder keeps only 8 bytes ' +
		'(less than a tag): both crypto.tampered.',
	(s) => {
		const secret = record(s, 'secrets', C_KEY).env;
		secret.ct = secret.ct.slice(0, secret.ct.length - 1);
		const folder = record(s, 'folders', F_WORK).env;
		folder.ct = folder.ct.slice(0, 8);
	},
	{ [`secrets/${C_KEY}`]: 'crypto.tampered', [`folders/${F_WORK}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-truncated-iv.json',
	'The API key connection record has an 8-byte IV: a malformed envelope, crypto.tampered.',
	(s) => {
		const env = record(s, 'connections', C_KEY).env;
		env.iv = env.iv.slice(0, 8);
	},
	{ [`connections/${C_KEY}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-swapped-ids.json',
	'The two secrets records have swapped envelopes (each is stored under the other id): the ' +
		'AAD names the id, so both fail with crypto.tampered.',
	(s) => {
		const a = record(s, 'secrets', C_SLACK);
		const b = record(s, 'secrets', C_KEY);
		[a.env, b.env] = [b.env, a.env];
	},
	{ [`secrets/${C_SLACK}`]: 'crypto.tampered', [`secrets/${C_KEY}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-moved-store.json',
	'The Slack secrets record holds the envelope of the Slack connection record (same id, ' +
		'other store): the AAD names the store, so it fails with crypto.tampered.',
	(s) => {
		record(s, 'secrets', C_SLACK).env = structuredClone(record(s, 'connections', C_SLACK).env);
	},
	{ [`secrets/${C_SLACK}`]: 'crypto.tampered' }
);
recordVariant(
	'v1-record-unknown-version.json',
	'The API key connection record claims envelope version 2: crypto.unknown-version.',
	(s) => {
		record(s, 'connections', C_KEY).env.v = 2;
	},
	{ [`connections/${C_KEY}`]: 'crypto.unknown-version' }
);

/** Bytes as `{ "$bytes": hex }`; anything beyond ASCII as \u escapes, so no tool renormalizes it. */
const toJson = (/** @type {unknown} */ value) =>
	JSON.stringify(value, (_k, v) =>
		v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('hex') } : v
	).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

mkdirSync(outDir, { recursive: true });
const options = await prettier.resolveConfig(join(outDir, 'x.json'));
for (const v of vectors) {
	const file = join(outDir, v.file);
	if (existsSync(file)) throw new Error(`${file} exists: vectors are frozen, not regenerated`);
	const failed = v.unlock !== undefined || v.records?.some((r) => r.expect === 'failure');
	const body = {
		name: v.file.replace(/\.json$/, ''),
		description: v.description,
		expect: failed ? 'failure' : 'success',
		format: FORMAT,
		passphrase: v.passphrase,
		unlock: v.unlock ? { expect: 'failure', error: v.unlock } : { expect: 'success' },
		records: v.records,
		stores: v.stores
	};
	writeFileSync(file, await prettier.format(toJson(body), { ...options, parser: 'json' }));
	console.log(`wrote ${file}`);
}
await server.close();
