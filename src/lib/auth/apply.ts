/**
 * Request signing ("apply auth"): puts the credentials of a connection on an outgoing request, as
 * its auth config says. Pure: mutates only the URL and headers it is given.
 */
import { OAUTH_TYPES, type Property } from '../catalog';
import { AppError } from '../errors';
import { isDPoPBound } from '../oauth';
import { basicCredentials } from './basic';
import { propertyValue, sentProperties, type AuthContext } from './context';

export interface SignableRequest {
	url: URL;
	headers: Headers;
}

/**
 * The header an OAuth access token goes in; most APIs take `Authorization: Bearer`. A DPoP-bound
 * token (RFC 9449) always goes in `Authorization: DPoP`, with a proof added when it is sent.
 */
export function oauthTokenHeader(ctx: Pick<AuthContext, 'auth' | 'tokens'>): {
	name: string;
	prefix: string;
} {
	if (isDPoPBound(ctx.tokens)) return { name: 'Authorization', prefix: 'DPoP ' };
	return ctx.auth.oauth?.tokenHeader ?? { name: 'Authorization', prefix: 'Bearer ' };
}

/** `valuePrefix` + value, unless the user already pasted the prefix (e.g. "Bearer abc"). */
export function prefixed(property: Pick<Property, 'valuePrefix'>, value: string): string {
	const prefix = property.valuePrefix ?? '';
	if (prefix.trim() && value.toLowerCase().startsWith(prefix.toLowerCase())) return value;
	return prefix + value;
}

function setHeader(headers: Headers, name: string, value: string): void {
	try {
		headers.set(name, value);
	} catch (cause) {
		// Headers refuse line breaks and non-Latin-1 text; say which field, never the value.
		throw new AppError('input.invalid', { detail: name, cause });
	}
}

function applyProperty(input: SignableRequest, property: Property, value: string): void {
	const sent = prefixed(property, value);
	if (property.sendIn === 'query') input.url.searchParams.set(property.name, sent);
	else setHeader(input.headers, property.name, sent);
}

export function applyAuth(input: SignableRequest, ctx: AuthContext): void {
	const { auth, values } = ctx;

	// Tenant headers, API keys, tokens in the query… apply to every type, the ones without
	// credentials of their own (api-key, pat, custom) consist of nothing else.
	for (const property of sentProperties(ctx.connector, auth)) {
		const value = propertyValue(property, values);
		if (value !== undefined) applyProperty(input, property, value);
	}

	if (OAUTH_TYPES.includes(auth.type)) {
		const token = ctx.tokens?.accessToken;
		if (!token) throw new AppError('connection.needs-reconnect', { detail: 'no access token' });
		const { name, prefix } = oauthTokenHeader(ctx);
		setHeader(input.headers, name, prefix + token);
	} else if (auth.type === 'basic') {
		const username = propertyValue({ name: 'username', required: true }, values) ?? '';
		const passwordProperty = auth.properties.find((p) => p.name === 'password');
		const password =
			propertyValue({ name: 'password', required: passwordProperty?.required ?? true }, values) ??
			'';
		setHeader(input.headers, 'Authorization', basicCredentials(username, password));
	}
}
