/** The page's side of the worker: its handle, the cross-tab channel, the types of its façade. */
export { relayBridgeWith, worker, type BridgeRelay, type RemoteApi } from './client';
export { publish, subscribe, type SyncMessage } from './sync';
export type { VaultStatus, WorkerApi } from './api';
