/**
 * Redirect flows (authorization code, PKCE, bring your own app). Starting one stores the pending
 * flow sealed in the vault, keyed by a hash of its `state`; the callback is matched by that state,
 * so a callback nobody started (or with a tampered state) finds nothing and is refused. A failed
 * flow leaves nothing behind: the pending record goes, and no connection is written until the
 * tokens are in hand.
 */
import { digestHex } from '../crypto';
import { AppError } from '../errors';
import {
	completeAuthorization,
	resolveOAuth,
	startAuthorization,
	type PendingAuthorization
} from '../oauth';
import { connectorOf, type ConnectionContext } from './context';
import type { ConnectionMeta } from './model';

const PENDING_TTL_MS = 15 * 60_000;

export interface PendingFlow {
	id: string;
	/** The connection to write: new (not stored yet) or an existing one being reconnected. */
	meta: ConnectionMeta;
	values: Record<string, string>;
	reconnect: boolean;
	authorization: PendingAuthorization;
}

export async function beginAuthorization(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	values: Record<string, string>,
	reconnect: boolean
): Promise<{ url: string }> {
	const { connector, auth } = connectorOf(ctx, meta);
	const resolved = await resolveOAuth(
		connector,
		auth,
		{ ...meta.properties, ...values },
		ctx.redirectUri
	);
	const { url, pending } = await startAuthorization(resolved, {
		pkce: auth.oauth?.pkce,
		extraParams: auth.oauth?.extraAuthParams
	});
	const flow: PendingFlow = {
		id: await digestHex(pending.state),
		meta: { ...meta, requestedScopes: resolved.scopes },
		values,
		reconnect,
		authorization: pending
	};
	await purgeExpired(ctx);
	await ctx.store.commit({ extra: { put: [{ store: 'pending', id: flow.id, value: flow }] } });
	return { url: url.href };
}

async function purgeExpired(ctx: ConnectionContext): Promise<void> {
	const flows = await ctx.store.pending();
	const old = flows.filter((f) => ctx.now() - f.authorization.createdAt > PENDING_TTL_MS);
	if (old.length)
		await ctx.store.commit({
			extra: { delete: old.map((f) => ({ store: 'pending' as const, id: f.id })) }
		});
}

/**
 * The pending flow a callback belongs to. Refuses a callback for another origin, without a
 * state, or with a state nobody started here (tampered or forged), or one that expired.
 */
export async function pendingFlowFor(
	ctx: ConnectionContext,
	callbackUrl: string
): Promise<{ flow: PendingFlow; url: URL }> {
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch (cause) {
		throw new AppError('oauth.state-mismatch', { cause, detail: 'callback' });
	}
	if (url.origin !== new URL(ctx.redirectUri).origin)
		throw new AppError('oauth.state-mismatch', { detail: 'origin' });
	const state = url.searchParams.get('state');
	const flow = state ? await ctx.store.pendingFlow(await digestHex(state)) : undefined;
	if (!flow || ctx.now() - flow.authorization.createdAt > PENDING_TTL_MS)
		throw new AppError('oauth.state-mismatch', { detail: 'state' });
	return { flow, url };
}

/** Exchanges the code for tokens (state, iss, PKCE and id_token checked by oauth4webapi). */
export async function exchangeCode(ctx: ConnectionContext, flow: PendingFlow, url: URL) {
	const { connector, auth } = connectorOf(ctx, flow.meta);
	const resolved = await resolveOAuth(
		connector,
		auth,
		{ ...flow.meta.properties, ...flow.values },
		ctx.redirectUri
	);
	return completeAuthorization(resolved, flow.authorization, url);
}
