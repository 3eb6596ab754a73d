/** Scope lists: what the user typed or the connector's defaults, plus the mandatory ones. */
import { SCOPE_TOKEN, type OAuthConfig } from '../catalog';
import { fillTemplate } from '../catalog';
import { AppError } from '../errors';

/** Splits user input on spaces and commas (and `+` where the provider separates with it). */
export function parseScopes(
	text: string,
	separator: OAuthConfig['scopeSeparator'] = ' '
): string[] {
	const split = separator === '+' ? /[\s,+]+/ : /[\s,]+/;
	return text.split(split).filter(Boolean);
}

/**
 * The scopes to request: `values.scope` when the user gave one, else the config's defaults; the
 * mandatory scopes are always added. Templates (`{tenant}`) are filled; each result must be an
 * RFC 6749 scope-token. Order is kept, duplicates dropped.
 *
 * `openid` is requested only where the connector names the OpenID issuer: elsewhere the
 * id_token it brings could not be validated (Microsoft's `iss` names the user's tenant, not the
 * endpoint's host), so oauth4webapi would refuse the whole token response for a token nobody
 * needs — the account name comes from the check request instead.
 */
export function resolveScopes(config: OAuthConfig, values: Record<string, string>): string[] {
	const typed = values.scope?.trim();
	const chosen = typed ? parseScopes(typed, config.scopeSeparator) : config.scopes.default;
	const scopes = [...new Set([...chosen, ...config.scopes.mandatory])].map((scope) =>
		fillTemplate(scope, values)
	);
	for (const scope of scopes)
		if (!SCOPE_TOKEN.test(scope)) throw new AppError('input.invalid', { detail: 'scope' });
	return [...new Set(scopes)].filter((scope) => config.issuer || scope !== 'openid');
}

/**
 * The `scope` parameter value. A `+` separator is how some vendors document a URL-encoded space,
 * so it is sent as a space (which form encoding writes as `+`).
 */
export function joinScopes(
	scopes: string[],
	separator: OAuthConfig['scopeSeparator'] = ' '
): string {
	return scopes.join(separator === '+' ? ' ' : separator);
}
