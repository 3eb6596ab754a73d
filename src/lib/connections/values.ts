/**
 * Property values of a connection: which the user may set, which are secret, and how they are
 * put back together for signing. Only properties the connector asks for can be set; the rest keep
 * their defaults, so a crafted draft cannot change, say, a pre-registered client id.
 */
import { allProperties } from '../auth';
import { validateField, type AuthConfig, type Connector } from '../catalog';
import { AppError } from '../errors';
import type { ConnectionMeta, ConnectionSecrets } from './model';

export interface SplitValues {
	properties: Record<string, string>;
	secrets: Record<string, string>;
}

export function splitValues(
	connector: Connector,
	auth: AuthConfig,
	input: Record<string, unknown>
): SplitValues {
	const properties: Record<string, string> = {};
	const secrets: Record<string, string> = {};
	for (const p of allProperties(connector, auth)) {
		const given = input[p.name];
		const raw = p.askUser && typeof given === 'string' ? given : (p.default ?? '');
		const value = p.secret ? raw : raw.trim();
		if (p.askUser && validateField(p, value))
			throw new AppError('input.invalid', { detail: p.name });
		(p.secret ? secrets : properties)[p.name] = value;
	}
	return { properties, secrets };
}

export function allValues(
	meta: ConnectionMeta,
	secrets: ConnectionSecrets | undefined
): Record<string, string> {
	return { ...meta.properties, ...(secrets?.values ?? {}) };
}
