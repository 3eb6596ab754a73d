/** Connections: model, view, connect, lifecycle, use (check / request), background refresh. */
export * from './model';
export { ConnectionStore, type ConnectionChanges } from './store';
export { PendingFlows, type PendingFlow } from './pending';
export { Fingerprints } from './fingerprint';
export { directNetwork, InFlight, type ConnectionContext, type Network } from './context';
export type { ApiResponse } from './http';
export { getConnection, listConnections } from './read';
export { completeAuthorization, reconnect, startConnection } from './connect';
export {
	chooseValue,
	deleteConnection,
	editConnection,
	moveConnection,
	revokeOnly,
	setDefault,
	type ConnectionEdit
} from './lifecycle';
export { apiRequest, checkConnection, copyAsCurl, refreshNow } from './use';
export { refreshConnection, type RefreshOutcome, type RefreshOptions } from './refresh';
export { refreshMarginMs } from './tokens';
export { filterConnections, SORT_KEYS, type SortKey } from './filter';
