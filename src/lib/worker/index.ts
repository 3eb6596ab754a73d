/** The page's side of the worker: its handle, the cross-tab channel, the types of its façade. */
export { worker } from './client';
export { publish, subscribe, type SyncMessage } from './sync';
export type { ConnectionEdit, VaultStatus, WorkerApi } from './api';
