/** Passphrase rules and the strength hint shown while typing. */

export const MIN_PASSPHRASE_LENGTH = 10;

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

/**
 * A rough entropy estimate: length × log2(alphabet), discounted for repeated characters. It is a
 * hint to steer people toward long passphrases, not a guarantee.
 */
export function passphraseStrength(passphrase: string): Strength {
	if (passphrase.length < MIN_PASSPHRASE_LENGTH) return 'too-short';
	let alphabet = 0;
	if (/[a-z]/.test(passphrase)) alphabet += 26;
	if (/[A-Z]/.test(passphrase)) alphabet += 26;
	if (/[0-9]/.test(passphrase)) alphabet += 10;
	if (/[^a-zA-Z0-9]/.test(passphrase)) alphabet += 33;
	const distinct = new Set(passphrase).size;
	const effectiveLength = Math.min(passphrase.length, distinct * 2);
	const bits = effectiveLength * Math.log2(Math.max(alphabet, 2));
	if (bits < 50) return 'weak';
	if (bits < 80) return 'fair';
	return 'strong';
}
