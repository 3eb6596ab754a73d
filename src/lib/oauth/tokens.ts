/** oauth4webapi's token response → the app's TokenSet. */
import type * as oauth from 'oauth4webapi';

/** The tokens of one grant, as stored in a connection's sealed secrets. */
export interface TokenSet {
	accessToken: string;
	tokenType: string;
	refreshToken?: string;
	idToken?: string;
	/** Epoch ms; null when the provider gave no lifetime. */
	expiresAt: number | null;
	/** Lifetime in seconds as issued, for the refresh margin. */
	lifetime: number | null;
	scope?: string;
	/**
	 * The response's other plain fields (Salesforce `instance_url`, Zoho `api_domain`), from which
	 * a connector may learn values.
	 */
	fields?: Record<string, string>;
}

/** Fields every token response may carry; the rest are vendor metadata. */
const STANDARD_FIELDS: ReadonlySet<string> = new Set([
	'access_token',
	'token_type',
	'refresh_token',
	'id_token',
	'expires_in',
	'scope'
]);
const MAX_FIELDS = 20;
const MAX_FIELD_LENGTH = 2000;

function vendorFields(response: oauth.TokenEndpointResponse): Record<string, string> | undefined {
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(response)) {
		if (STANDARD_FIELDS.has(name) || Object.keys(fields).length >= MAX_FIELDS) continue;
		if (
			(typeof value === 'string' || typeof value === 'number') &&
			String(value).length <= MAX_FIELD_LENGTH
		)
			fields[name] = String(value);
	}
	return Object.keys(fields).length ? fields : undefined;
}

export function toTokenSet(
	response: oauth.TokenEndpointResponse,
	options: { previousRefreshToken?: string; now?: number } = {}
): TokenSet {
	const now = options.now ?? Date.now();
	const lifetime = typeof response.expires_in === 'number' ? response.expires_in : null;
	const tokens: TokenSet = {
		accessToken: response.access_token,
		tokenType: response.token_type,
		expiresAt: lifetime === null ? null : now + lifetime * 1000,
		lifetime
	};
	// A refresh answer without a refresh token means "keep using the one you have" (RFC 6749 §6).
	const refreshToken = response.refresh_token ?? options.previousRefreshToken;
	if (refreshToken) tokens.refreshToken = refreshToken;
	if (response.id_token) tokens.idToken = response.id_token;
	if (response.scope !== undefined) tokens.scope = response.scope;
	const fields = vendorFields(response);
	if (fields) tokens.fields = fields;
	return tokens;
}
