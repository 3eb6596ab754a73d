/**
 * Messages in English and German. A small typed dictionary rather than a message compiler: the
 * type checker already guarantees that German has every key, and nothing is generated.
 */
import type { ErrorCode } from '../errors';
import { de } from './de';
import { en, type MessageKey } from './en';

export type Locale = 'en' | 'de';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, de };

export function translate(
	locale: Locale,
	key: MessageKey,
	params?: Record<string, string | number>
): string {
	const text = catalogs[locale][key] ?? en[key];
	return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

export function errorMessageKeys(code: ErrorCode): { message: MessageKey; resolution: MessageKey } {
	return {
		message: `error.${code}.message` as MessageKey,
		resolution: `error.${code}.resolution` as MessageKey
	};
}

/** The browser's preferred language, if it is one we have; English otherwise. */
export function browserLocale(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0];
		if (base === 'de' || base === 'en') return base;
	}
	return 'en';
}

export { de, en };
export { formatDateTime, formatRelative } from './format';
