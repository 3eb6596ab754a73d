/** What every auth function works from: the connector, the chosen auth config and the values. */
import type { AuthConfig, Connector, Property } from '../catalog';
import type { TokenSet } from '../oauth';
import { AppError } from '../errors';

export interface AuthContext {
	connector: Connector;
	auth: AuthConfig;
	/** Every property value, secret or not, defaults already merged. */
	values: Record<string, string>;
	/** The OAuth tokens of the connection (OAuth types only). */
	tokens?: TokenSet;
}

/** Connector-level properties (tenant, region…) first, then the auth config's own. */
export function allProperties(connector: Connector, auth: AuthConfig): Property[] {
	return [...connector.properties, ...auth.properties];
}

/** Properties sent on every API request (header or query). */
export function sentProperties(connector: Connector, auth: AuthConfig): Property[] {
	return allProperties(connector, auth).filter(
		(p) => p.sendIn === 'header' || p.sendIn === 'query'
	);
}

/**
 * The value of a property, or undefined when it is empty and optional. A required property
 * without a value is an input error naming the property (never its value).
 */
export function propertyValue(
	property: Pick<Property, 'name' | 'required' | 'default'>,
	values: Record<string, string>
): string | undefined {
	const value = values[property.name] ?? property.default ?? '';
	if (value.trim() === '') {
		if (property.required) throw new AppError('input.invalid', { detail: property.name });
		return undefined;
	}
	return value;
}
