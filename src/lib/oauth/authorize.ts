/**
 * The authorization code flow: the URL the popup opens, and the callback it returns to.
 * oauth4webapi generates every random value, validates the callback (state, RFC 9207 iss),
 * makes the code exchange and validates the token response (id_token and nonce when OIDC).
 */
import * as oauth from 'oauth4webapi';
import type { OAuthConfig } from '../catalog';
import { AppError } from '../errors';
import { dpopOption, withNonceRetry, type DPoPHandle } from './dpop';
import { OAuthError, toOAuthError } from './errors';
import { requestOptions, responseOptions, type ResolvedOAuth } from './resolve';
import { joinScopes } from './scopes';
import { toTokenSet, type TokenSet } from './tokens';

/** What must survive until the callback (stored sealed in the vault if the tab may reload). */
export interface PendingAuthorization {
	state: string;
	codeVerifier?: string;
	nonce?: string;
	redirectUri: string;
	createdAt: number;
}

export interface StartOptions {
	/** Overrides the config's PKCE method. */
	pkce?: OAuthConfig['pkce'];
	/** Extra authorization parameters (prompt, login_hint…); they cannot replace the flow's own. */
	extraParams?: Record<string, string>;
}

export interface AuthorizationResult {
	tokens: TokenSet;
	/** The validated id_token claims, when the provider is OpenID (for the account name). */
	idTokenClaims?: Readonly<oauth.IDToken>;
}

const wantsIdToken = (resolved: ResolvedOAuth) =>
	resolved.oidc && resolved.scopes.includes('openid');

export async function startAuthorization(
	resolved: ResolvedOAuth,
	options: StartOptions = {}
): Promise<{ url: URL; pending: PendingAuthorization }> {
	const endpoint = resolved.as.authorization_endpoint;
	if (!endpoint) throw new AppError('input.invalid', { detail: 'authorizationUrl' });
	const url = new URL(endpoint);
	// Extras first, so that nothing from the catalog or the caller overrides the security params.
	for (const [name, value] of Object.entries({
		...resolved.config.extraAuthParams,
		...options.extraParams
	}))
		url.searchParams.set(name, value);

	const pending: PendingAuthorization = {
		state: oauth.generateRandomState(),
		redirectUri: resolved.redirectUri,
		createdAt: Date.now()
	};
	url.searchParams.set('client_id', resolved.client.client_id);
	url.searchParams.set('redirect_uri', resolved.redirectUri);
	url.searchParams.set('response_type', 'code');
	if (resolved.scopes.length)
		url.searchParams.set('scope', joinScopes(resolved.scopes, resolved.config.scopeSeparator));
	else url.searchParams.delete('scope');
	url.searchParams.set('state', pending.state);

	const pkce = options.pkce ?? resolved.config.pkce;
	url.searchParams.delete('code_challenge');
	url.searchParams.delete('code_challenge_method');
	if (pkce !== 'none') {
		pending.codeVerifier = oauth.generateRandomCodeVerifier();
		const challenge =
			pkce === 'S256'
				? await oauth.calculatePKCECodeChallenge(pending.codeVerifier)
				: pending.codeVerifier;
		url.searchParams.set('code_challenge', challenge);
		url.searchParams.set('code_challenge_method', pkce);
	}
	url.searchParams.delete('nonce');
	if (wantsIdToken(resolved)) {
		pending.nonce = oauth.generateRandomNonce();
		url.searchParams.set('nonce', pending.nonce);
	}
	return { url, pending };
}

/** Validates the callback URL; failures become state-mismatch or the provider's error. */
function validateCallback(
	resolved: ResolvedOAuth,
	pending: PendingAuthorization,
	callbackUrl: URL
): URLSearchParams {
	try {
		return oauth.validateAuthResponse(resolved.as, resolved.client, callbackUrl, pending.state);
	} catch (error) {
		if (error instanceof oauth.OperationProcessingError && error.code === oauth.INVALID_RESPONSE) {
			// oauth4webapi checks iss and state before looking at `error`: an error answer with a
			// wrong state may be forged and is reported as such. A wrong iss (mix-up) is the same
			// kind of failure: the answer did not come from the flow this tab started.
			const detail = /"iss"/.test(error.message) ? 'iss' : 'state';
			throw new OAuthError('oauth.state-mismatch', { detail, cause: error });
		}
		throw toOAuthError(error, 'authorization');
	}
}

export async function completeAuthorization(
	resolved: ResolvedOAuth,
	pending: PendingAuthorization,
	callbackUrl: URL,
	dpop?: DPoPHandle
): Promise<AuthorizationResult> {
	const params = validateCallback(resolved, pending, callbackUrl);
	if (!params.get('code')) throw new OAuthError('oauth.missing-code');
	try {
		// A nonce refusal is answered before the code is looked at, so the retry may redeem it.
		const body = await withNonceRetry(async () => {
			const res = await oauth.authorizationCodeGrantRequest(
				resolved.as,
				resolved.client,
				resolved.clientAuth,
				params,
				pending.redirectUri,
				pending.codeVerifier ?? oauth.nopkce,
				{
					...requestOptions(resolved),
					...dpopOption(resolved, dpop),
					additionalParameters: resolved.config.extraTokenParams
				}
			);
			return oauth.processAuthorizationCodeResponse(resolved.as, resolved.client, res, {
				...responseOptions(resolved),
				...(pending.nonce ? { expectedNonce: pending.nonce, requireIdToken: true } : {})
			});
		});
		const claims = oauth.getValidatedIdTokenClaims(body);
		return { tokens: toTokenSet(body), ...(claims ? { idTokenClaims: claims } : {}) };
	} catch (error) {
		throw toOAuthError(error, 'token');
	}
}
