/** User preferences. Stored in plain form (they are needed on the unlock screen and hold no secret). */

export const LANGUAGES = ['system', 'en', 'de'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;
export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240] as const;

export interface Settings {
	language: (typeof LANGUAGES)[number];
	theme: (typeof THEMES)[number];
	/** Minutes of inactivity before the vault locks itself. */
	autoLockMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = {
	language: 'system',
	theme: 'system',
	autoLockMinutes: 15
};

/** Keeps only known keys with valid values; anything else falls back to the default. */
export function normalizeSettings(raw: Partial<Record<keyof Settings, unknown>>): Settings {
	const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T =>
		allowed.includes(value as T) ? (value as T) : fallback;
	const minutes = Number(raw.autoLockMinutes);
	return {
		language: pick(raw.language, LANGUAGES, DEFAULT_SETTINGS.language),
		theme: pick(raw.theme, THEMES, DEFAULT_SETTINGS.theme),
		autoLockMinutes:
			Number.isFinite(minutes) && minutes >= 1 && minutes <= 24 * 60
				? Math.round(minutes)
				: DEFAULT_SETTINGS.autoLockMinutes
	};
}
