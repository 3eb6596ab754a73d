/**
 * Benchmark hooks, compiled only into `vite build --mode bench` (see worker.ts): they fill the
 * vault with thousands of records without the UI. They open their own Vault on the same database
 * with the passphrase, so the app under measurement runs exactly as shipped.
 */
import {
	ConnectionStore,
	directNetwork,
	Fingerprints,
	InFlight,
	PendingFlows,
	startConnection,
	type ConnectionContext,
	type ConnectionMeta
} from '../connections';
import { deriveWrappingKey } from '../crypto';
import { AppError } from '../errors';
import { openDatabase } from '../db';
import { MY_WORKSPACE_ID, type Folder } from '../folders';
import { DiscoveryCache } from '../oauth';
import { randomId } from '../platform';
import { Vault, type RecordWrite } from '../vault';
import type { WorkerApi } from './api';

async function openVault(passphrase: string): Promise<Vault> {
	const vault = new Vault(await openDatabase());
	await vault.unlock(passphrase);
	return vault;
}

function meta(i: number, folderId: string, now: number): ConnectionMeta {
	return {
		id: randomId(),
		folderId,
		connectorId: 'sandbox-none',
		authType: 'none',
		name: `Connection ${String(i).padStart(5, '0')}`,
		description: '',
		isDefault: false,
		status: 'connected',
		account: `user${i}@example.test`,
		requestedScopes: [],
		grantedScopes: [],
		properties: {},
		authConfigHash: '',
		expiresAt: null,
		refreshable: false,
		lastRefreshAt: null,
		lastRefreshOutcome: null,
		nextRefreshAt: null,
		lastCheckedAt: now,
		lastError: null,
		pollingInterval: 5,
		createdAt: now,
		updatedAt: now
	};
}

export const benchmarkHooks = {
	/** `count` connections spread over `folders` shared folders (plus My Workspace). */
	async seedConnections(passphrase: string, count: number, folders: number): Promise<void> {
		const vault = await openVault(passphrase);
		const now = Date.now();
		const made: Folder[] = Array.from({ length: folders }, (_, i) => ({
			id: randomId(),
			name: `Folder ${String(i + 1).padStart(3, '0')}`,
			createdAt: now
		}));
		const ids = [MY_WORKSPACE_ID, ...made.map((f) => f.id)].slice(0, Math.max(folders, 1));
		const writes: RecordWrite[] = made.map((f) => ({ store: 'folders', id: f.id, value: f }));
		for (let i = 0; i < count; i++) {
			const m = meta(i, ids[i % ids.length] ?? MY_WORKSPACE_ID, now);
			writes.push(
				{ store: 'connections', id: m.id, value: m, plain: { folderId: m.folderId } },
				{ store: 'secrets', id: m.id, value: { id: m.id, values: {} } }
			);
		}
		for (let at = 0; at < writes.length; at += 2000)
			await vault.commit({ put: writes.slice(at, at + 2000) });
	},

	/**
	 * `count` password-grant connections with real refresh tokens from the sandbox, all made due
	 * at once (as if they had expired together while the app was closed).
	 */
	async seedExpiringOAuth(passphrase: string, count: number): Promise<void> {
		const vault = await openVault(passphrase);
		const store = new ConnectionStore(vault);
		// Imported here, not at the top: a static import would pull the catalog data into every
		// worker build (it is a lazy chunk of its own).
		const { loadCatalog } = await import('../catalog/load');
		const ctx: ConnectionContext = {
			store,
			pending: new PendingFlows(vault),
			catalog: loadCatalog().byId,
			requireFolder: async () => {},
			redirectUri: `${self.location.origin}/callback`,
			discovery: new DiscoveryCache(),
			network: directNetwork,
			fingerprints: new Fingerprints(),
			notify: () => {},
			now: () => Date.now(),
			inFlight: new InFlight()
		};
		let next = 0;
		const made: string[] = [];
		const lane = async () => {
			while (next < count) {
				const i = next++;
				const started = await startConnection(ctx, {
					connectorId: 'sandbox-password',
					authType: 'oauth2-password',
					folderId: MY_WORKSPACE_ID,
					name: `OAuth ${i}`,
					values: { username: 'alice', password: 'alice-password' }
				});
				if (started.kind === 'connected') made.push(started.connection.id);
			}
		};
		await Promise.all(Array.from({ length: 8 }, lane));
		const metas = await store.metas();
		const due = Date.now() - 1000;
		const expired = made.flatMap((id) => {
			const meta = metas.get(id);
			return meta ? [{ meta: { ...meta, nextRefreshAt: due } }] : [];
		});
		await store.commit({ connections: expired });
	},

	/** The key derivation alone, as unlock runs it. */
	async measureKdf(passphrase: string): Promise<number> {
		const header = await (await openDatabase()).get('vault', 'header');
		if (!header) throw new AppError('vault.missing');
		const started = performance.now();
		await deriveWrappingKey(passphrase, header.kdf);
		return performance.now() - started;
	}
};

export type BenchmarkApi = WorkerApi & typeof benchmarkHooks;

export function withBenchmarkHooks(api: WorkerApi): BenchmarkApi {
	return { ...api, ...benchmarkHooks };
}
