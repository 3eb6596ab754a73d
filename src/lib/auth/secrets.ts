/**
 * Which parts of a signed request carry secrets, so that "Copy as curl", logs and error reports
 * can replace them with a placeholder.
 */
import { OAUTH_TYPES, type AuthConfig, type Connector } from '../catalog';
import type { TokenSet } from '../oauth';
import { oauthTokenHeader } from './apply';
import { sentProperties } from './context';

export interface SecretPlaceholder {
	/** Kept in front of the placeholder, e.g. `Bearer ` → `Bearer <access token>`. */
	prefix: string;
	/** Human name of the secret, e.g. `API key`. */
	label: string;
}

export interface SecretDescription {
	/** Lower-case header name → placeholder. */
	headers: Map<string, SecretPlaceholder>;
	/** Query parameter name → placeholder. */
	query: Map<string, SecretPlaceholder>;
}

const LABELS = {
	en: { accessToken: 'access token', basic: 'username:password in Base64' },
	de: { accessToken: 'Zugriffstoken', basic: 'Benutzername:Passwort in Base64' }
} as const;

export function describeSecrets(
	ctx: { connector: Connector; auth: AuthConfig; tokens?: TokenSet },
	locale: 'en' | 'de' = 'en'
): SecretDescription {
	const headers = new Map<string, SecretPlaceholder>();
	const query = new Map<string, SecretPlaceholder>();
	for (const p of sentProperties(ctx.connector, ctx.auth)) {
		if (!p.secret) continue;
		const placeholder = { prefix: p.valuePrefix ?? '', label: p.displayName[locale] };
		if (p.sendIn === 'query') query.set(p.name, placeholder);
		else headers.set(p.name.toLowerCase(), placeholder);
	}
	if (OAUTH_TYPES.includes(ctx.auth.type)) {
		const { name, prefix } = oauthTokenHeader(ctx);
		headers.set(name.toLowerCase(), { prefix, label: LABELS[locale].accessToken });
	} else if (ctx.auth.type === 'basic') {
		headers.set('authorization', { prefix: 'Basic ', label: LABELS[locale].basic });
	}
	return { headers, query };
}
