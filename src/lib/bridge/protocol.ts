/**
 * The app's side of the bridge protocol (extension/PROTOCOL.md): the messages the page relays to
 * the Switchboard Bridge extension, and the extension's refusals as typed errors.
 */
import { AppError, ERROR_CODES, type ErrorCode } from '../errors';

/** Fixed by the `key` in the extension's manifest. */
export const EXTENSION_ID = 'lhgofkhplhildfjabjbldakendmlokep';
export const PROTOCOL_VERSION = 1;

export type BridgeMessage = { v: typeof PROTOCOL_VERSION; type: string } & Record<string, unknown>;

export type BridgeReply =
	| ({ ok: true } & Record<string, unknown>)
	| { ok: false; error: { code: string; detail?: string } };

/** Carries a message to the extension and back (the page does it for the worker). */
export type Relay = (message: BridgeMessage) => Promise<BridgeReply>;

export function message(type: string, fields: Record<string, unknown> = {}): BridgeMessage {
	return { ...fields, v: PROTOCOL_VERSION, type };
}

/** The extension's codes that say the same as one of ours, to the user. */
const SAME_AS: Record<string, ErrorCode> = {
	// The relay lost the extension, or it failed inside: to the user, it is not there.
	'bridge.unavailable': 'bridge.not-installed',
	// It found our message malformed: a version mismatch, as far as the user can tell.
	'bridge.bad-request': 'bridge.invalid'
};

/** The typed error for a refusal; an unknown code from a newer extension is `bridge.invalid`. */
export function refusal(error: { code?: unknown; detail?: unknown } | undefined): AppError {
	const raw = String(error?.code ?? '');
	const code = SAME_AS[raw] ?? raw;
	const known = code.startsWith('bridge.') && (ERROR_CODES as readonly string[]).includes(code);
	const detail = typeof error?.detail === 'string' ? error.detail.slice(0, 200) : undefined;
	return new AppError(known ? (code as ErrorCode) : 'bridge.invalid', {
		detail: known ? detail : code || 'no reply'
	});
}

/** The reply's fields, or the refusal thrown. */
export function expectOk(reply: unknown): Record<string, unknown> {
	if (!reply || typeof reply !== 'object') throw new AppError('bridge.not-installed');
	const r = reply as BridgeReply;
	if (r.ok !== true) throw refusal((r as { error?: { code?: unknown } }).error);
	return r;
}
