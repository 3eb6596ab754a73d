/** The active UI language. `t()` reads rune state, so any template calling it re-renders on change. */
import { browserLocale, en, translate, type Locale, type MessageKey } from '../i18n';
import type { Settings } from '../settings';

let current = $state<Locale>(
	browserLocale(typeof navigator === 'undefined' ? [] : navigator.languages)
);

export const locale = {
	get current(): Locale {
		return current;
	},
	apply(setting: Settings['language']): void {
		current = setting === 'system' ? browserLocale(navigator.languages) : setting;
		document.documentElement.lang = current;
	}
};

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(current, key, params);
}

/** A count in words: the `.one` variant of a message for 1 (where it exists), the plain one otherwise. */
export function tCount(
	key: MessageKey,
	count: number,
	params?: Record<string, string | number>
): string {
	const one = `${key}.one` as MessageKey;
	return t(count === 1 && one in en ? one : key, { ...params, count });
}
