/** A thin layer over oauth4webapi: resolve a config, run a flow, refresh, revoke, map errors. */
export {
	startAuthorization,
	completeAuthorization,
	type AuthorizationResult,
	type PendingAuthorization,
	type StartOptions
} from './authorize';
export {
	dpopHandle,
	dpopResourceRequest,
	isDPoPBound,
	usesDPoP,
	type DPoPHandle,
	type ProofRequest
} from './dpop';
export { OAuthError, parseRetryAfter, toOAuthError, type Endpoint } from './errors';
export { clientCredentials, passwordGrant, refresh, revoke } from './grants';
export { DiscoveryCache, resolveOAuth, type ResolveOptions, type ResolvedOAuth } from './resolve';
export { joinScopes, parseScopes, resolveScopes } from './scopes';
export { toTokenSet, type TokenSet } from './tokens';
