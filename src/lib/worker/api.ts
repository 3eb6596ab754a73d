/**
 * The worker's façade: the only thing the page can call. Grouped by domain; every method takes
 * plain data and resolves to plain data (alternatives as discriminated unions) or throws an
 * AppError, whose code alone crosses to the page (errors.ts).
 */
import type { RequestSpec } from '../auth';
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

export type WorkerApi = ReturnType<typeof createApi>;
