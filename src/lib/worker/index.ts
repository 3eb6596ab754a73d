export { worker } from './client';
export { publish, subscribe, type SyncMessage } from './channel';
export type { VaultStatus, WorkerApi } from './api';
