/** What the connection modules share inside the worker, for one unlocked session. */
import { authConfigFor, type AuthConfig, type Connector } from '../catalog';
import { AppError } from '../errors';
import {
	isDPoPBound,
	resolveOAuth,
	type DiscoveryCache,
	type DPoPHandle,
	type ResolvedOAuth,
	type TokenSet
} from '../oauth';
import { directFetch, withLock, type FetchLike } from '../platform';
import type { Fingerprints } from './fingerprint';
import type { DPoPSending } from './http';
import type { ConnectionMeta } from './model';
import type { PendingFlows } from './pending';
import type { ConnectionStore } from './store';

/** Which way a connection's requests travel: straight from this browser, or through the bridge. */
export interface Network {
	/** The fetch for every request of one connector and auth type (token, revoke, API). */
	fetchFor(connector: Connector, auth: AuthConfig): FetchLike;
}

/** Everything straight from this browser: where no bridge is set up (the benchmark's sandbox). */
export const directNetwork: Network = { fetchFor: () => directFetch };

export interface ConnectionContext {
	store: ConnectionStore;
	pending: PendingFlows;
	catalog: ReadonlyMap<string, Connector>;
	/** Throws folder.not-found unless the folder exists. */
	requireFolder(folderId: string): Promise<void>;
	/** `<origin>/callback` of this app. */
	redirectUri: string;
	discovery: DiscoveryCache;
	network: Network;
	fingerprints: Fingerprints;
	/** Tell the other tabs (and the page) which connections changed. */
	notify(ids: string[]): void;
	now(): number;
	/** Refreshes in flight: lock waits for them, so a rotated refresh token is not lost. */
	inFlight: InFlight;
}

/** Work that must finish (commit what a provider just issued) before the key goes. */
export class InFlight {
	readonly #running = new Set<Promise<unknown>>();

	track<T>(work: Promise<T>): Promise<T> {
		this.#running.add(work);
		const done = () => this.#running.delete(work);
		work.then(done, done);
		return work;
	}

	/** Resolves when everything running has settled, or after `ms` at the latest. */
	async settle(ms: number): Promise<void> {
		if (this.#running.size === 0) return;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
		await Promise.race([Promise.allSettled([...this.#running]), timeout]);
		clearTimeout(timer);
	}
}

export function connectorOf(
	ctx: ConnectionContext,
	meta: Pick<ConnectionMeta, 'connectorId' | 'authType'>
): {
	connector: Connector;
	auth: AuthConfig;
} {
	const connector = ctx.catalog.get(meta.connectorId);
	if (!connector || !connector.authTypes.some((a) => a.type === meta.authType))
		throw new AppError('connection.needs-reconnect', { detail: 'connector or auth type gone' });
	return { connector, auth: authConfigFor(connector, meta.authType) };
}

export async function requireMeta(ctx: ConnectionContext, id: string): Promise<ConnectionMeta> {
	const meta = await ctx.store.get(id);
	if (!meta) throw new AppError('connection.not-found');
	return meta;
}

/** One writer per connection across tabs (a refresh, a reconnect): a Web Lock per id. */
export function withConnectionLock<T>(id: string, task: () => Promise<T>): Promise<T> {
	return withLock(`switchboard:connection:${id}`, task);
}

/** The OAuth client and server of a connection, with its current values. */
export function resolveFor(
	ctx: ConnectionContext,
	meta: Pick<ConnectionMeta, 'connectorId' | 'authType'>,
	values: Record<string, string>
): Promise<ResolvedOAuth> {
	const { connector, auth } = connectorOf(ctx, meta);
	return resolveOAuth(connector, auth, values, ctx.redirectUri, {
		discovery: ctx.discovery,
		fetch: ctx.network.fetchFor(connector, auth)
	});
}

/** The route of a connection's API requests. */
export function sendFor(
	ctx: ConnectionContext,
	meta: Pick<ConnectionMeta, 'connectorId' | 'authType'>
): FetchLike {
	const { connector, auth } = connectorOf(ctx, meta);
	return ctx.network.fetchFor(connector, auth);
}

/** The DPoP handle for this connection's token requests, when its server gets proofs. */
export async function tokenProof(
	ctx: ConnectionContext,
	id: string,
	resolved: Pick<ResolvedOAuth, 'dpop'>
): Promise<DPoPHandle | undefined> {
	return resolved.dpop ? ctx.store.dpop(id) : undefined;
}

/** How a connection's API request proves possession, when its token is DPoP-bound. */
export async function apiProof(
	ctx: ConnectionContext,
	id: string,
	tokens: TokenSet | undefined
): Promise<DPoPSending | undefined> {
	if (!tokens || !isDPoPBound(tokens)) return undefined;
	return { handle: await ctx.store.dpop(id), accessToken: tokens.accessToken };
}
