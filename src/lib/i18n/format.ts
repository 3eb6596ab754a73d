/** Dates and durations for display, in the UI language. */
import type { Locale } from './index';

export function formatDateTime(locale: Locale, epochMs: number | null): string {
	if (epochMs === null) return '—';
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(
		epochMs
	);
}

/** "in 5 minutes", "3 hours ago". */
export function formatRelative(locale: Locale, epochMs: number | null, now = Date.now()): string {
	if (epochMs === null) return '—';
	const seconds = Math.round((epochMs - now) / 1000);
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const abs = Math.abs(seconds);
	if (abs < 60) return rtf.format(seconds, 'second');
	if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
	if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
	return rtf.format(Math.round(seconds / 86400), 'day');
}
