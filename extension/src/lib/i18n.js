// The pages' words come from _locales (chrome.i18n picks English or German from the browser).

/** @param {string} key @param {string[]} [substitutions] */
export const t = (key, substitutions) => chrome.i18n.getMessage(key, substitutions);

/** Fills `data-i18n` (text) and `data-i18n-placeholder` attributes and the page's language. */
export function localize() {
	document.documentElement.lang = t('lang');
	for (const element of document.querySelectorAll('[data-i18n]')) {
		element.textContent = t(/** @type {HTMLElement} */ (element).dataset.i18n ?? '');
	}
	for (const element of document.querySelectorAll('[data-i18n-placeholder]')) {
		const key = /** @type {HTMLElement} */ (element).dataset.i18nPlaceholder ?? '';
		element.setAttribute('placeholder', t(key));
	}
}
