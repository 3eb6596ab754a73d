/**
 * The connection screen's model, derived from a connector's properties table (connector-level
 * tenant properties + the chosen auth config's properties): which fields to ask, with which
 * labels, defaults and validation.
 */
import {
	REDIRECT_TYPES,
	SCOPE_TOKEN,
	type AuthConfig,
	type AuthType,
	type CheckRequest,
	type Connector,
	type Property
} from './schema';
import { isDotSegment } from './template';

export type FieldProblem = 'required' | 'url' | 'hostname' | 'email' | 'scopes' | 'pattern';

export interface FormModel {
	auth: AuthConfig;
	/** Fields the user fills in, in order: tenant properties first, then the auth type's. */
	fields: Property[];
	/** Redirect flows show the (non-editable) Redirect URI to register with the provider. */
	showRedirectUri: boolean;
	/** The password grant: supported, but labelled as discouraged (RFC 9700 §2.4). */
	discouraged: boolean;
}

/** The check request of an auth type: its own, else the connector's. */
export function checkRequestFor(connector: Connector, auth: AuthConfig): CheckRequest | undefined {
	return auth.checkRequest ?? connector.checkRequest;
}

export function authConfigFor(connector: Connector, type: AuthType): AuthConfig {
	const auth = connector.authTypes.find((a) => a.type === type);
	if (!auth) throw new RangeError(`${connector.id} has no ${type} auth`);
	return auth;
}

export function formModel(connector: Connector, type: AuthType): FormModel {
	const auth = authConfigFor(connector, type);
	return {
		auth,
		fields: [...connector.properties, ...auth.properties].filter((p) => p.askUser),
		showRedirectUri: REDIRECT_TYPES.includes(type),
		discouraged: type === 'oauth2-password'
	};
}

/** Starting values: every property's default (asked or not). */
export function initialValues(connector: Connector, auth: AuthConfig): Record<string, string> {
	const values: Record<string, string> = {};
	for (const p of [...connector.properties, ...auth.properties]) values[p.name] = p.default ?? '';
	return values;
}

/** Labels of 1-63 characters, 253 in all (the DNS limits fillUrl also checks). */
/** A DNS name, optionally with a port (a self-hosted instance: `jira.example.com:8443`). */
const HOSTNAME =
	/^(?=[^:]{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:([1-9][0-9]{0,4}))?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateField(field: Property, raw: string): FieldProblem | null {
	const value = raw.trim();
	if (!value) return field.required ? 'required' : null;
	switch (field.input) {
		case 'url': {
			try {
				const url = new URL(value);
				const local = url.protocol === 'http:' && url.hostname === 'localhost';
				if (url.protocol !== 'https:' && !local) return 'url';
			} catch {
				return 'url';
			}
			break;
		}
		case 'hostname':
			if (!HOSTNAME.test(value)) return 'hostname';
			break;
		case 'email':
			if (!EMAIL.test(value)) return 'email';
			break;
		case 'scopes':
			if (!value.split(/[\s,]+/).every((s) => SCOPE_TOKEN.test(s))) return 'scopes';
			break;
	}
	// Any value may land in a URL path, where `.` and `..` would remove a segment (template.ts);
	// a hostname or URL field has already said so in its own words.
	if (isDotSegment(value)) return 'pattern';
	if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value)) return 'pattern';
	return null;
}

export function validateForm(
	fields: Property[],
	values: Record<string, string>
): Record<string, FieldProblem> {
	const problems: Record<string, FieldProblem> = {};
	for (const field of fields) {
		const problem = validateField(field, values[field.name] ?? '');
		if (problem) problems[field.name] = problem;
	}
	return problems;
}
