/** What a new token set means for a connection's metadata: expiry, next refresh, scopes, status. */
import type { AuthConfig } from '../catalog';
import { parseScopes, type TokenSet } from '../oauth';
import type { ConnectionMeta, LastError } from './model';

const DAY_MS = 86_400_000;

/**
 * Refresh ahead of expiry by the larger of 60 s and 10% of the token's lifetime — but never more
 * than half the lifetime, or a token shorter than two minutes would be due the moment it arrives.
 */
export function refreshMarginMs(lifetimeSeconds: number): number {
	return Math.min(Math.max(60_000, lifetimeSeconds * 100), lifetimeSeconds * 500);
}

/**
 * Fills in expiry when the provider gave none: the auth config's refresh interval, but only for
 * connections that can get a new token (else an unknown lifetime stays unknown).
 */
export function normalizeTokens(tokens: TokenSet, auth: AuthConfig, now: number): TokenSet {
	if (tokens.expiresAt !== null) return tokens;
	const renewable = !!tokens.refreshToken || auth.type === 'oauth2-client-credentials';
	if (!renewable) return tokens;
	const lifetime = auth.oauth?.refreshInterval ?? 3600;
	return { ...tokens, lifetime, expiresAt: now + lifetime * 1000 };
}

export function applyTokens(
	meta: ConnectionMeta,
	tokens: TokenSet,
	auth: AuthConfig,
	now: number
): ConnectionMeta {
	const granted = tokens.scope !== undefined ? parseScopes(tokens.scope) : meta.requestedScopes;
	const renewable =
		!!tokens.refreshToken ||
		auth.type === 'oauth2-client-credentials' ||
		auth.type === 'oauth2-password';
	const shortLived =
		!renewable && tokens.expiresAt !== null && tokens.expiresAt - now < DAY_MS
			? ({ code: 'oauth.short-lived', at: now } satisfies LastError)
			: null;
	return {
		...meta,
		status: 'connected',
		grantedScopes: granted,
		refreshable: !!tokens.refreshToken,
		expiresAt: tokens.expiresAt,
		nextRefreshAt:
			tokens.expiresAt !== null && renewable
				? tokens.expiresAt - refreshMarginMs(tokens.lifetime ?? auth.oauth?.refreshInterval ?? 3600)
				: null,
		lastError: shortLived,
		// A new token starts a new refresh history (refresh.ts records its own outcome after this).
		lastRefreshOutcome: null,
		updatedAt: now
	};
}
