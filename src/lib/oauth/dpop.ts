/**
 * DPoP (RFC 9449): sender-constrained tokens. oauth4webapi makes the proofs (its DPoP handle signs
 * with the connection's key pair and remembers each server's `DPoP-Nonce`); this module decides
 * when to use it, retries once when a server asks for a fresh nonce (`use_dpop_nonce`), and sends
 * API requests with a proof through oauth4webapi's protectedResourceRequest.
 */
import * as oauth from 'oauth4webapi';
import { isLocalHttp } from '../platform';
import type { ResolvedOAuth } from './resolve';
import type { TokenSet } from './tokens';

export type DPoPHandle = oauth.DPoPHandle;

/** The algorithm of the keys lib/crypto makes. */
const DPOP_ALG = 'ES256';

/**
 * Whether token requests carry a DPoP proof: the connector's config says so, or the server's
 * metadata advertises DPoP with an algorithm we sign with.
 */
export function usesDPoP(
	as: Pick<oauth.AuthorizationServer, 'dpop_signing_alg_values_supported'>,
	config: { dpop?: boolean }
): boolean {
	if (config.dpop === true) return true;
	const algs = as.dpop_signing_alg_values_supported;
	return Array.isArray(algs) && algs.includes(DPOP_ALG);
}

/** A handle signing with this key pair; one per connection, so its nonce memory is reused. */
export function dpopHandle(keyPair: CryptoKeyPair): DPoPHandle {
	// The client matters only for its clock skew, which we do not set.
	return oauth.DPoP(Object.create(null) as oauth.Client, keyPair);
}

/** Whether a token must be presented with a proof (the server said `token_type: DPoP`). */
export function isDPoPBound(tokens: Pick<TokenSet, 'tokenType'> | undefined): boolean {
	return tokens?.tokenType.toLowerCase() === 'dpop';
}

/** The handle to pass to oauth4webapi's grant requests, when this server gets proofs. */
export function dpopOption(
	resolved: ResolvedOAuth,
	dpop: DPoPHandle | undefined
): { DPoP?: DPoPHandle } {
	return resolved.dpop && dpop ? { DPoP: dpop } : {};
}

/**
 * Runs a request (and the processing of its answer) once more when the server refused the proof
 * for a missing or stale nonce: the handle has cached the nonce from that answer by then.
 */
export async function withNonceRetry<T>(attempt: () => Promise<T>): Promise<T> {
	try {
		return await attempt();
	} catch (error) {
		if (!oauth.isDPoPNonceError(error)) throw error;
		return attempt();
	}
}

export interface ProofRequest {
	method: string;
	url: URL;
	headers: Headers;
	body?: string;
}

/**
 * Sends an API request with `Authorization: DPoP <token>` and a fresh proof (htm, htu, ath),
 * retrying once with the API's nonce when it asks for one. oauth4webapi never follows a redirect
 * (`redirect: 'manual'`); `fetchImpl` adds the rest of the caller's fetch options. A refusal with
 * a WWW-Authenticate challenge is returned as the response it is, like any other status.
 */
export async function dpopResourceRequest(
	handle: DPoPHandle,
	accessToken: string,
	request: ProofRequest,
	fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
	signal?: AbortSignal
): Promise<Response> {
	// oauth4webapi sets `Authorization: DPoP <token>` and `DPoP: <proof>` itself.
	const headers = new Headers(request.headers);
	headers.delete('authorization');
	headers.delete('dpop');
	const send = () =>
		oauth.protectedResourceRequest(
			accessToken,
			request.method,
			request.url,
			new Headers(headers),
			request.body,
			{
				DPoP: handle,
				[oauth.allowInsecureRequests]: isLocalHttp(request.url),
				// Our bodies are strings: the options are a plain RequestInit.
				[oauth.customFetch]: (url, options) => fetchImpl(url, options as RequestInit),
				...(signal ? { signal } : {})
			}
		);
	try {
		return await withNonceRetry(send);
	} catch (error) {
		if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
		throw error;
	}
}
