/** A thin layer over oauth4webapi: resolve a config, run a flow, refresh, revoke, map errors. */
export {
	startAuthorization,
	completeAuthorization,
	type AuthorizationResult,
	type PendingAuthorization,
	type StartOptions
} from './authorize';
export { OAuthError, isTransient, parseRetryAfter, toOAuthError, type Endpoint } from './errors';
export { type FetchLike } from './fetch';
export { clientCredentials, passwordGrant, refresh, revoke } from './grants';
export {
	clearDiscoveryCache,
	resolveOAuth,
	type ResolveOptions,
	type ResolvedOAuth
} from './resolve';
export { joinScopes, parseScopes, resolveScopes } from './scopes';
export { toTokenSet } from './tokens';
