/** `classify`: the one answer to "what now?" for a failure (refresh, check and requests ask it). */
import { describe, expect, it } from 'vitest';
import {
	AppError,
	classify,
	ERROR_CODES,
	type ErrorClass,
	type ErrorCode
} from '../../src/lib/errors';

describe('classify', () => {
	it.each<[ErrorCode, ErrorClass]>([
		// Retried later by itself: the provider or the network may be back.
		['oauth.server-error', 'transient'],
		['oauth.rate-limited', 'transient'],
		['oauth.bad-response', 'transient'],
		['oauth.cors', 'transient'],
		['network.offline', 'transient'],
		['network.timeout', 'transient'],
		// Only a new sign-in helps.
		['oauth.invalid-grant', 'reconnect'],
		['oauth.invalid-client', 'reconnect'],
		['oauth.access-denied', 'reconnect'],
		['connection.needs-reconnect', 'reconnect'],
		// The user's input is wrong.
		['input.invalid', 'input'],
		['oauth.state-mismatch', 'input'],
		['oauth.missing-code', 'input'],
		['oauth.redirect-mismatch', 'input'],
		['vault.wrong-passphrase', 'input'],
		['vault.weak-passphrase', 'input'],
		['folder.not-found', 'input'],
		['folder.protected', 'input'],
		// Nothing helps without a change elsewhere.
		['internal', 'fatal'],
		['crypto.tampered', 'fatal'],
		['vault.corrupt', 'fatal'],
		['db.quota', 'fatal'],
		['oauth.id-token-invalid', 'fatal'],
		['oauth.insufficient-scope', 'reconnect'],
		['oauth.revoke-failed', 'fatal'],
		['connection.unauthorized', 'fatal'],
		['connection.check-failed', 'fatal']
	])('%s → %s', (code, expected) => {
		expect(classify(new AppError(code))).toBe(expected);
	});

	it('depends on the code alone, not the detail', () => {
		expect(classify(new AppError('oauth.server-error', { detail: '503' }))).toBe('transient');
		expect(classify(new AppError('oauth.invalid-grant', { detail: 'invalid_grant' }))).toBe(
			'reconnect'
		);
	});

	it('gives every known code one of the four classes', () => {
		for (const code of ERROR_CODES)
			expect(['transient', 'reconnect', 'input', 'fatal']).toContain(classify(new AppError(code)));
	});

	it('an unknown code from the other side of the worker is internal, so fatal', () => {
		expect(classify(AppError.fromJSON({ code: 'made.up' }))).toBe('fatal');
	});
});
