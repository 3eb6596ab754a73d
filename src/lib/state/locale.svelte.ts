/** The active UI language. `t()` reads rune state, so any template calling it re-renders on change. */
import { browserLocale, translate, type Locale, type MessageKey } from '../i18n';
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
