/**
 * The worker's façade: the only thing the page can call. Grouped by domain; every method takes
 * plain data and resolves to plain data (alternatives as discriminated unions) or throws an
 * AppError, whose code alone crosses to the page (errors.ts).
 */
import type { RequestSpec } from '../auth';
import { readProbes, runProbe, type ProbeMemory, type ProbeReport } from '../catalog';
import type { LoadedCatalog } from '../catalog/load';
import {
	apiRequest,
	checkConnection,
	completeAuthorization,
	copyAsCurl,
	deleteConnection,
	editConnection,
	getConnection,
	listConnections,
	moveConnection,
	reconnect,
	refreshNow,
	setDefault,
	chooseValue,
	startConnection,
	type ConnectionDraft,
	type ConnectionEdit
} from '../connections';
import type { PairingInfo } from '../bridge';
import type { AuthConfig, Connector } from '../catalog';
import type { Locale } from '../i18n';
import { setOnline } from '../platform';
import { AppError } from '../errors';
import type { Settings } from '../settings';
import type { WorkerHost } from './host';
import { publish } from './sync';

export interface CurlOptions {
	includeSecrets: boolean;
	locale: Locale;
}

export interface VaultStatus {
	exists: boolean;
	unlocked: boolean;
}

export function createApi(host: WorkerHost) {
	// The catalog data is a lazy chunk of its own (catalog/load.ts), loaded on first probe.
	let catalog: Promise<LoadedCatalog> | null = null;
	const catalogData = () =>
		(catalog ??= import('../catalog/load')
			.then((m) => m.loadCatalog())
			.catch((error: unknown) => {
				catalog = null;
				throw error;
			}));
	const ctx = async () => (await host.session()).connections;
	const folders = async () => (await host.session()).folders;
	return {
		vault: {
			async status(): Promise<VaultStatus> {
				const vault = await host.vault();
				return { exists: await vault.exists(), unlocked: vault.unlocked };
			},
			async create(passphrase: string) {
				await (await host.vault()).create(passphrase);
				await host.session();
				publish({ type: 'vault-created' });
			},
			async unlock(passphrase: string) {
				const timing = await (await host.vault()).unlock(passphrase);
				await host.session();
				return timing;
			},
			lock: () => host.endSession(),
			/** The user proves presence (re-enters the passphrase) before a secret may leave. */
			async confirm(passphrase: string) {
				const session = await host.session();
				await (await host.vault()).verify(passphrase);
				session.proven();
			},
			async changePassphrase(current: string, next: string) {
				const vault = await host.vault();
				if (!vault.unlocked) throw new AppError('vault.locked');
				await vault.changePassphrase(current, next);
			}
		},
		settings: {
			get: () => host.settings(),
			save: (patch: Partial<Settings>) => host.saveSettings(patch)
		},
		catalog: {
			/** "Test in this browser": probes the connector's hosts and remembers the outcome. */
			async probe(connectorId: string): Promise<ProbeReport> {
				const { byId, hosts } = await catalogData();
				const connector = typeof connectorId === 'string' ? byId.get(connectorId) : undefined;
				if (!connector) throw new AppError('input.invalid', { detail: 'connector' });
				const report = await runProbe(await host.database(), connector, hosts);
				host.probesChanged();
				return report;
			},
			/** What earlier probes in this browser found, per host. */
			probes: async (): Promise<ProbeMemory> => readProbes(await host.database())
		},
		bridge: {
			/** Whether this vault is paired with the bridge extension. */
			async status(): Promise<{ paired: false } | ({ paired: true } & PairingInfo)> {
				const current = await (await host.session()).pairing.current();
				return current ? { paired: true, ...current.info } : { paired: false };
			},
			/** Step one of pairing: the worker's public key, for the extension. */
			beginPairing: async () => (await host.session()).pairing.begin(),
			/** The code the user compares with the extension's window. */
			pairingCode: async (extensionPublicKey: string) =>
				(await host.session()).pairing.code(String(extensionPublicKey)),
			async completePairing(pairingId: string, extensionPublicKey: string): Promise<PairingInfo> {
				const info = await (
					await host.session()
				).pairing.complete(String(pairingId), String(extensionPublicKey), Date.now());
				publish({ type: 'bridge-changed' });
				return info;
			},
			async forget() {
				await (await host.session()).pairing.forget();
				publish({ type: 'bridge-changed' });
			},
			/** A sealed round trip through the page and the extension. */
			test: async () => (await host.session()).network.ping(),
			/** The hosts a new connection needs granted to the bridge before it starts. */
			async plan(draft: ConnectionDraft) {
				const session = await host.session();
				const connector = session.connections.catalog.get(String(draft?.connectorId));
				const auth = connector?.authTypes.find((a) => a.type === draft.authType);
				if (!connector || !auth) throw new AppError('input.invalid', { detail: 'connector' });
				const values = { ...defaultsOf(connector, auth), ...plainValues(draft.values) };
				return session.network.plan(connector, auth, values);
			},
			/** The same for a stored connection (before it signs in again). */
			async planConnection(id: string) {
				const ctx = (await host.session()).connections;
				const meta = await ctx.store.get(String(id));
				if (!meta) throw new AppError('connection.not-found');
				const connector = ctx.catalog.get(meta.connectorId);
				const auth = connector?.authTypes.find((a) => a.type === meta.authType);
				if (!connector || !auth) throw new AppError('connection.needs-reconnect');
				const values = {
					...meta.properties,
					...((await ctx.store.secrets(meta.id))?.values ?? {})
				};
				return (await host.session()).network.plan(connector, auth, values);
			}
		},
		folders: {
			list: async () => (await folders()).list(),
			create: async (name: string) => (await folders()).create(name),
			rename: async (id: string, name: string) => (await folders()).rename(id, name),
			delete: async (id: string) => (await folders()).delete(id)
		},
		connections: {
			list: async (folderId?: string) => listConnections(await ctx(), folderId),
			get: async (id: string) => getConnection(await ctx(), id),
			/** Redirect types answer with the URL to open; the others connect at once. */
			start: async (draft: ConnectionDraft) => startConnection(await ctx(), draft),
			complete: async (callbackUrl: string) => completeAuthorization(await ctx(), callbackUrl),
			reconnect: async (id: string) => reconnect(await ctx(), id),
			edit: async (id: string, edit: ConnectionEdit) => editConnection(await ctx(), id, edit),
			move: async (id: string, folderId: string) => moveConnection(await ctx(), id, folderId),
			setDefault: async (id: string) => setDefault(await ctx(), id),
			/** Another of the values the provider offered for a learned property (a site). */
			choose: async (id: string, name: string, value: string) =>
				chooseValue(await ctx(), id, name, value),
			delete: async (id: string) => deleteConnection(await ctx(), id),
			check: async (id: string) => checkConnection(await ctx(), id),
			refresh: async (id: string) => refreshNow(await ctx(), id),
			request: async (id: string, spec: RequestSpec) => apiRequest(await ctx(), id, spec),
			/** Copy as curl; including the secrets needs a fresh proof of the user (vault.confirm). */
			async curl(id: string, spec: RequestSpec, options: CurlOptions) {
				const session = await host.session();
				if (options.includeSecrets === true) session.requireProof();
				return copyAsCurl(session.connections, id, spec, {
					includeSecrets: options.includeSecrets === true,
					locale: options.locale === 'de' ? 'de' : 'en'
				});
			},
			/** The page reports network changes (a worker does not always hear them itself). */
			networkChanged: (online: boolean) => setOnline(online)
		}
	};
}

/** The defaults of every property a connection of this type has. */
function defaultsOf(connector: Connector, auth: AuthConfig): Record<string, string> {
	return Object.fromEntries(
		[...connector.properties, ...auth.properties].flatMap((p) =>
			p.default === undefined ? [] : [[p.name, p.default]]
		)
	);
}

function plainValues(values: unknown): Record<string, string> {
	if (!values || typeof values !== 'object') return {};
	return Object.fromEntries(
		Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}

export type WorkerApi = ReturnType<typeof createApi>;
