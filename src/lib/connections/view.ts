/** A connection as the page sees it: its metadata and what follows from the catalog. Pure. */
import { OAUTH_TYPES, type AuthConfig, type Connector } from '../catalog';
import type { ConnectionMeta, ConnectionView } from './model';

/**
 * `currentHash` is the fingerprint of the connector's auth config today; a connection made with
 * another one (or whose connector is gone) needs reconnecting.
 */
export function toView(
	meta: ConnectionMeta,
	found: { connector: Connector; auth: AuthConfig; currentHash: string } | null,
	now: number
): ConnectionView {
	const changed = !found || found.currentHash !== meta.authConfigHash;
	let status = meta.status;
	if (changed) status = 'needs-reconnect';
	// Past its refresh time and the refresh failed: the token is about to (or did) run out.
	else if (
		status === 'connected' &&
		meta.lastRefreshOutcome === 'failed' &&
		meta.nextRefreshAt !== null &&
		now >= meta.nextRefreshAt
	)
		status = 'expiring';
	const mandatory = found?.auth.oauth?.scopes.mandatory ?? [];
	return {
		...meta,
		status,
		lastError:
			changed && !meta.lastError ? { code: 'connection.needs-reconnect', at: now } : meta.lastError,
		connectorName: found?.connector.name ?? meta.connectorId,
		missingScopes: OAUTH_TYPES.includes(meta.authType)
			? mandatory.filter((s) => !meta.grantedScopes.includes(s))
			: []
	};
}
