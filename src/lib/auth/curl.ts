/**
 * "Copy as curl": a request as a POSIX shell command. Every argument is single-quoted (inside
 * single quotes nothing is special except the quote itself, written as '\''), so header values,
 * URLs and bodies cannot run commands when pasted. Secrets become placeholders unless the user
 * explicitly asked to include them.
 */
import type { SecretDescription, SecretPlaceholder } from './secrets';

export interface CurlRequest {
	method: string;
	url: URL | string;
	headers: Headers | Record<string, string>;
	body?: string;
}

export function shellQuote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A Set of names redacts headers (any case) and query parameters of those names. */
export type SecretNames = SecretDescription | Set<string> | 'include';

function lookup(
	secrets: SecretNames,
	kind: 'headers' | 'query',
	name: string
): SecretPlaceholder | undefined {
	if (secrets === 'include') return undefined;
	if (secrets instanceof Set) {
		const hit =
			kind === 'headers'
				? [...secrets].some((s) => s.toLowerCase() === name.toLowerCase())
				: secrets.has(name);
		return hit ? { prefix: '', label: 'secret' } : undefined;
	}
	return secrets[kind].get(kind === 'headers' ? name.toLowerCase() : name);
}

const placeholderText = (p: SecretPlaceholder) => `${p.prefix}<${p.label}>`;

/** Replaces secret query values without re-encoding the rest of the URL. */
function redactUrl(url: URL, secrets: SecretNames): string {
	if (!url.search || secrets === 'include') return url.href;
	const pairs = url.search
		.slice(1)
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			const rawName = eq < 0 ? pair : pair.slice(0, eq);
			let name: string;
			try {
				name = decodeURIComponent(rawName.replace(/\+/g, ' '));
			} catch {
				name = rawName;
			}
			const secret = lookup(secrets, 'query', name);
			return secret ? `${rawName}=${placeholderText(secret)}` : pair;
		});
	return `${url.origin}${url.pathname}?${pairs.join('&')}${url.hash}`;
}

/** Header value with the secret part replaced, keeping a scheme the user may need to see. */
function redactHeader(value: string, secret: SecretPlaceholder): string {
	const prefix = secret.prefix && value.startsWith(secret.prefix) ? secret.prefix : '';
	return placeholderText({ prefix, label: secret.label });
}

export function toCurl(request: CurlRequest, secretNames: SecretNames): string {
	const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
	const method = request.method.toUpperCase();
	const first = ['curl'];
	if (method !== 'GET' || request.body !== undefined) first.push(`-X ${shellQuote(method)}`);
	first.push(shellQuote(redactUrl(url, secretNames)));
	const parts = [first.join(' ')];
	const headers =
		request.headers instanceof Headers ? [...request.headers] : Object.entries(request.headers);
	for (const [name, value] of headers) {
		const secret = lookup(secretNames, 'headers', name);
		parts.push(`-H ${shellQuote(`${name}: ${secret ? redactHeader(value, secret) : value}`)}`);
	}
	if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
	return parts.join(' \\\n  ');
}
