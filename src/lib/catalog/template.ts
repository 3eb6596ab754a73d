/**
 * URL templates: `https://{subdomain}.zendesk.com/api/v2` filled from a connection's property
 * values. Values are percent-encoded and must be non-empty, so a user-entered "evil.com/x?" cannot
 * change the host or path of the URL it lands in. Encoding leaves `.` alone, so a value that is a
 * dot-segment (`.`, `..`, or the `%2E` spellings URL parsers treat alike) is refused: it would
 * remove a path segment (`…/{tenant}/oauth2/…` → `…/oauth2/…`). A filled host must fit DNS:
 * labels of at most 63 characters, at most 253 in all.
 */
import { AppError } from '../errors';
import { TEMPLATE_PLACEHOLDER } from './schema';

export const MAX_DNS_LABEL = 63;
export const MAX_DNS_NAME = 253;

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** `host:port`: the one value whose `:` is kept, so a self-hosted instance on a port fits a host template. */
const HOST_AND_PORT = /^([A-Za-z0-9.-]+):(\d{1,5})$/;

/** `.` and `..` in any spelling a URL parser reads as a path dot-segment (WHATWG URL §4.1). */
export function isDotSegment(value: string): boolean {
	return DOT_SEGMENT.test(value.trim());
}

/** Whether a host name fits DNS: no label over 63 characters, at most 253 in all. */
export function fitsDns(host: string): boolean {
	const name = host.endsWith('.') ? host.slice(0, -1) : host;
	return name.length <= MAX_DNS_NAME && name.split('.').every((l) => l.length <= MAX_DNS_LABEL);
}

export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
	return template.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
		const value = values[name]?.trim();
		if (!value) throw new AppError('input.invalid', { detail: `missing ${name}` });
		// Encoding keeps `.` and turns `%` into `%25`, so the value itself is what to check.
		if (isDotSegment(value)) throw new AppError('input.invalid', { detail: name });
		const hostAndPort = HOST_AND_PORT.exec(value);
		if (hostAndPort && Number(hostAndPort[2]) <= 65535)
			return `${encodeURIComponent(hostAndPort[1] ?? '')}:${hostAndPort[2]}`;
		return encodeURIComponent(value);
	});
}

/** The placeholders in a template's authority (`https://{subdomain}.zendesk.com/…`). */
function hostPlaceholders(template: string): string[] {
	const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(template)?.[1] ?? '';
	return [...authority.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Fills a URL template and checks the result is an absolute http(s) URL with a DNS-sized host. */
export function fillUrl(template: string, values: Record<string, string | undefined>): URL {
	const filled = fillTemplate(template, values);
	const inHost = hostPlaceholders(template);
	// A value alone too long for a label is named before the parser sees it.
	const tooLong = inHost.find((name) => !fitsDns(values[name]?.trim() ?? ''));
	if (tooLong) throw new AppError('input.invalid', { detail: tooLong });
	let url: URL;
	try {
		url = new URL(filled);
	} catch (cause) {
		throw new AppError('input.invalid', { detail: 'not a URL', cause });
	}
	if (!fitsDns(url.hostname)) {
		// Together (or once IDNA-encoded) too long: name the longest value in the host.
		const length = (name: string) => values[name]?.trim().length ?? 0;
		const longest = [...inHost].sort((a, b) => length(b) - length(a))[0];
		throw new AppError('input.invalid', { detail: longest ?? 'host' });
	}
	const localhost = url.protocol === 'http:' && url.hostname === 'localhost';
	if (url.protocol !== 'https:' && !localhost)
		throw new AppError('input.invalid', { detail: 'URL must use https' });
	return url;
}
