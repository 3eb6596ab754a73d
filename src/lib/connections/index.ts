export { ConnectionService, type CheckResult, type DeleteResult } from './service';
export { ConnectionStore } from './store';
export { refreshConnection, type RefreshOutcome, type RefreshOptions } from './refresh';
export { refreshMarginMs } from './tokens';
export type { ConnectionContext } from './context';
export type { ApiResponse } from './http';
export * from './model';
