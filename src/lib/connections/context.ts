/** What the connection modules share inside the worker. */
import type { AuthConfig, Connector } from '../catalog/schema';
import { authConfigFor } from '../catalog/form';
import { AppError } from '../errors';
import type { ConnectionMeta } from './model';
import type { ConnectionStore } from './store';

export interface ConnectionContext {
	store: ConnectionStore;
	catalog: ReadonlyMap<string, Connector>;
	/** `<origin>/callback` of this app. */
	redirectUri: string;
	/** Tell the other tabs (and the page) which connections changed, and whether folders did. */
	notify(ids: string[], folders?: boolean): void;
	now(): number;
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
