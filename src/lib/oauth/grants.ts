/** The grants without a browser redirect, and revocation. Each returns a TokenSet. */
import * as oauth from 'oauth4webapi';
import { dpopOption, withNonceRetry, type DPoPHandle } from './dpop';
import { OAuthError, toOAuthError } from './errors';
import { requestOptions, responseOptions, type ResolvedOAuth } from './resolve';
import { joinScopes } from './scopes';
import { toTokenSet, type TokenSet } from './tokens';

function scopeParams(resolved: ResolvedOAuth): Record<string, string> {
	const params: Record<string, string> = { ...resolved.config.extraTokenParams };
	if (resolved.scopes.length)
		params.scope = joinScopes(resolved.scopes, resolved.config.scopeSeparator);
	return params;
}

/**
 * Exchanges a refresh token (at the refresh URL). Without a new refresh token in the answer the
 * old one is returned in the TokenSet, so the caller can always store what it gets.
 */
export async function refresh(
	resolved: ResolvedOAuth,
	refreshToken: string,
	dpop?: DPoPHandle
): Promise<TokenSet> {
	try {
		const body = await withNonceRetry(async () => {
			const res = await oauth.refreshTokenGrantRequest(
				resolved.refreshAs,
				resolved.client,
				resolved.clientAuth,
				refreshToken,
				{
					...requestOptions(resolved),
					...dpopOption(resolved, dpop),
					additionalParameters: resolved.config.extraTokenParams
				}
			);
			return oauth.processRefreshTokenResponse(
				resolved.refreshAs,
				resolved.client,
				res,
				responseOptions(resolved)
			);
		});
		return toTokenSet(body, { previousRefreshToken: refreshToken });
	} catch (error) {
		throw toOAuthError(error, 'token');
	}
}

export async function clientCredentials(
	resolved: ResolvedOAuth,
	dpop?: DPoPHandle
): Promise<TokenSet> {
	try {
		const body = await withNonceRetry(async () => {
			const res = await oauth.clientCredentialsGrantRequest(
				resolved.as,
				resolved.client,
				resolved.clientAuth,
				scopeParams(resolved),
				{ ...requestOptions(resolved), ...dpopOption(resolved, dpop) }
			);
			return oauth.processClientCredentialsResponse(
				resolved.as,
				resolved.client,
				res,
				responseOptions(resolved)
			);
		});
		return toTokenSet(body);
	} catch (error) {
		throw toOAuthError(error, 'token');
	}
}

/** Resource owner password credentials (RFC 6749 §4.3; discouraged by RFC 9700 §2.4). */
export async function passwordGrant(
	resolved: ResolvedOAuth,
	username: string,
	password: string,
	dpop?: DPoPHandle
): Promise<TokenSet> {
	try {
		const body = await withNonceRetry(async () => {
			const res = await oauth.genericTokenEndpointRequest(
				resolved.as,
				resolved.client,
				resolved.clientAuth,
				'password',
				{ ...scopeParams(resolved), username, password },
				{ ...requestOptions(resolved), ...dpopOption(resolved, dpop) }
			);
			return oauth.processGenericTokenEndpointResponse(
				resolved.as,
				resolved.client,
				res,
				responseOptions(resolved)
			);
		});
		return toTokenSet(body);
	} catch (error) {
		throw toOAuthError(error, 'token');
	}
}

/**
 * Revokes a token (RFC 7009). Without a revocation endpoint: 'oauth.revoke-failed'; otherwise the
 * usual codes (offline, server-error…) so the caller can tell the user why.
 */
export async function revoke(
	resolved: ResolvedOAuth,
	token: string,
	hint?: 'access_token' | 'refresh_token'
): Promise<void> {
	if (!resolved.as.revocation_endpoint)
		throw new OAuthError('oauth.revoke-failed', { detail: 'no revocation endpoint' });
	try {
		const res = await oauth.revocationRequest(
			resolved.as,
			resolved.client,
			resolved.clientAuth,
			token,
			{
				...requestOptions(resolved),
				...(hint ? { additionalParameters: { token_type_hint: hint } } : {})
			}
		);
		await oauth.processRevocationResponse(res);
	} catch (error) {
		throw toOAuthError(error, 'revocation');
	}
}
