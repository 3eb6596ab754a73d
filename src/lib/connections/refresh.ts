/**
 * Getting a fresh access token for one connection, safe with several tabs: under the
 * connection's Web Lock the stored tokens are read again, so a tab that waited while another
 * refreshed finds the new token and does nothing. The new access token and a rotated refresh
 * token are written in one transaction; a response without a refresh token keeps the old one.
 */
import { OAUTH_TYPES } from '../catalog';
import { AppError, classify, toAppError } from '../errors';
import { clientCredentials, passwordGrant, refresh, type TokenSet } from '../oauth';
import {
	connectorOf,
	resolveFor,
	tokenProof,
	withConnectionLock,
	type ConnectionContext
} from './context';
import type { ConnectionMeta, ConnectionSecrets } from './model';
import { learnFromTokens } from './learned';
import { applyTokens, normalizeTokens } from './tokens';
import { allValues } from './values';

export type RefreshOutcome = 'refreshed' | 'still-valid' | 'not-refreshable';

export interface RefreshOptions {
	/** Refresh even if the token is still valid ("Refresh now"). */
	force?: boolean;
	/** Treat a token expiring within this many ms as expired (default: the scheduled time). */
	validForMs?: number;
}

export function refreshConnection(
	ctx: ConnectionContext,
	id: string,
	options: RefreshOptions = {}
): Promise<RefreshOutcome> {
	return ctx.inFlight.track(refreshLocked(ctx, id, options));
}

function refreshLocked(
	ctx: ConnectionContext,
	id: string,
	options: RefreshOptions
): Promise<RefreshOutcome> {
	return withConnectionLock(id, async () => {
		const meta = await ctx.store.fresh(id);
		if (!meta) throw new AppError('connection.not-found');
		const secrets = await ctx.store.secrets(id);
		if (!OAUTH_TYPES.includes(meta.authType) || !secrets?.tokens) return 'not-refreshable';
		const now = ctx.now();
		const due =
			options.validForMs !== undefined
				? (secrets.tokens.expiresAt ?? Infinity) - useMargin(options.validForMs, secrets.tokens)
				: (meta.nextRefreshAt ?? Infinity);
		if (!options.force && now < due) return 'still-valid';
		try {
			const next = await obtain(ctx, meta, secrets);
			if (!next) return 'not-refreshable';
			const { connector, auth } = connectorOf(ctx, meta);
			const tokens = normalizeTokens(next, auth, now);
			const updated: ConnectionMeta = {
				...learnFromTokens(connector, applyTokens(meta, tokens, auth, now), tokens),
				lastRefreshAt: now,
				lastRefreshOutcome: 'ok'
			};
			await ctx.store.commit({ connections: [{ meta: updated, secrets: { ...secrets, tokens } }] });
			ctx.notify([id]);
			return 'refreshed';
		} catch (e) {
			const error = toAppError(e);
			const failed: ConnectionMeta = {
				...meta,
				status: classify(error) === 'reconnect' ? 'needs-reconnect' : meta.status,
				lastRefreshOutcome: 'failed',
				lastError: { code: error.code, detail: error.detail, at: now },
				updatedAt: now
			};
			await ctx.store.commit({ connections: [{ meta: failed }] });
			ctx.notify([id]);
			throw error;
		}
	});
}

/** The grant that renews this connection's token: refresh token, else the original grant. */
async function obtain(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	secrets: ConnectionSecrets
): Promise<TokenSet | null> {
	const values = allValues(meta, secrets);
	const resolved = await resolveFor(ctx, meta, values);
	const dpop = await tokenProof(ctx, meta.id, resolved);
	const refreshToken = secrets.tokens?.refreshToken;
	if (refreshToken) return refresh(resolved, refreshToken, dpop);
	if (meta.authType === 'oauth2-client-credentials') return clientCredentials(resolved, dpop);
	if (meta.authType === 'oauth2-password')
		return passwordGrant(resolved, values.username ?? '', values.password ?? '', dpop);
	return null;
}

/** A token is refreshed on use at most half its life early, or a short one would be refreshed on every use. */
function useMargin(validForMs: number, tokens: TokenSet): number {
	return tokens.lifetime === null ? validForMs : Math.min(validForMs, tokens.lifetime * 500);
}
