/**
 * URL templates: `https://{subdomain}.zendesk.com/api/v2` filled from a connection's property
 * values. Values are percent-encoded and must be non-empty, so a user-entered "evil.com/x?" cannot
 * change the host or path of the URL it lands in.
 */
import { AppError } from '../errors';
import { TEMPLATE_PLACEHOLDER } from './schema';

export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
	return template.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
		const value = values[name]?.trim();
		if (!value) throw new AppError('input.invalid', { detail: `missing ${name}` });
		return encodeURIComponent(value);
	});
}

/** Fills a URL template and checks the result is an absolute http(s) URL. */
export function fillUrl(template: string, values: Record<string, string | undefined>): URL {
	const filled = fillTemplate(template, values);
	let url: URL;
	try {
		url = new URL(filled);
	} catch (cause) {
		throw new AppError('input.invalid', { detail: 'not a URL', cause });
	}
	const localhost = url.protocol === 'http:' && url.hostname === 'localhost';
	if (url.protocol !== 'https:' && !localhost)
		throw new AppError('input.invalid', { detail: 'URL must use https' });
	return url;
}
