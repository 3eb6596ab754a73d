/**
 * Redirect flows (authorization code, PKCE, bring your own app). Starting one stores the pending
 * flow sealed in the vault, keyed by a hash of its `state`; the callback is matched by that state,
 * so a callback nobody started (or with a tampered state) finds nothing and is refused. A failed
 * flow leaves nothing behind: the pending record goes, and no connection is written until the
 * tokens are in hand.
 */
import { digestHex } from '../crypto';
import { AppError } from '../errors';
import { completeAuthorization, startAuthorization } from '../oauth';
import { parseUrl } from '../platform';
import { connectorOf, resolveFor, tokenProof, type ConnectionContext } from './context';
import type { ConnectionMeta } from './model';
import type { PendingFlow } from './pending';

const PENDING_TTL_MS = 15 * 60_000;

export async function beginAuthorization(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	values: Record<string, string>,
	reconnect: boolean
): Promise<{ url: string }> {
	const { auth } = connectorOf(ctx, meta);
	const resolved = await resolveFor(ctx, meta, { ...meta.properties, ...values });
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
	await ctx.pending.put(flow);
	return { url: url.href };
}

async function purgeExpired(ctx: ConnectionContext): Promise<void> {
	const flows = await ctx.pending.all();
	const old = flows.filter((f) => ctx.now() - f.authorization.createdAt > PENDING_TTL_MS);
	await ctx.pending.delete(old.map((f) => f.id));
}

/**
 * Claims the pending flow a callback belongs to (it is gone from storage afterwards, so the
 * code is redeemed at most once). Refuses a callback for another origin, without a state, with a
 * state nobody started here (tampered or forged), one already claimed, or one that expired.
 */
export async function claimFlowFor(
	ctx: ConnectionContext,
	callbackUrl: string
): Promise<{ flow: PendingFlow; url: URL }> {
	const url = typeof callbackUrl === 'string' ? parseUrl(callbackUrl) : null;
	if (!url) throw new AppError('oauth.state-mismatch', { detail: 'callback' });
	if (url.origin !== new URL(ctx.redirectUri).origin)
		throw new AppError('oauth.state-mismatch', { detail: 'origin' });
	const state = url.searchParams.get('state');
	const flow = state ? await ctx.pending.claim(await digestHex(state)) : undefined;
	if (!flow || ctx.now() - flow.authorization.createdAt > PENDING_TTL_MS)
		throw new AppError('oauth.state-mismatch', { detail: 'state' });
	return { flow, url };
}

/** Exchanges the code for tokens (state, iss, PKCE and id_token checked by oauth4webapi). */
export async function exchangeCode(ctx: ConnectionContext, flow: PendingFlow, url: URL) {
	const resolved = await resolveFor(ctx, flow.meta, { ...flow.meta.properties, ...flow.values });
	const dpop = await tokenProof(ctx, flow.meta.id, resolved);
	return completeAuthorization(resolved, flow.authorization, url, dpop);
}
