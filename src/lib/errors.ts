/**
 * Typed errors. Every failure the user can see is an AppError with a code; the code maps to a
 * cause and a resolution in both languages (src/lib/i18n). `detail` is for non-secret context
 * (a field name, an HTTP status) and never carries a token, password or key.
 *
 * `classify` is the one answer to "what now?" for a failure: retry later by itself (transient),
 * only a new sign-in helps (reconnect), the user's input is wrong (input), or nothing will help
 * without a change elsewhere (fatal). Refresh, check and requests all ask it.
 */
export const ERROR_CODES = [
	'vault.exists',
	'vault.missing',
	'vault.locked',
	'vault.wrong-passphrase',
	'vault.weak-passphrase',
	'vault.corrupt',
	'vault.changed-elsewhere',
	'vault.proof-required',
	'crypto.unknown-version',
	'crypto.tampered',
	'db.blocked',
	'db.quota',
	'db.unavailable',
	'catalog.invalid',
	'oauth.invalid-client',
	'oauth.redirect-mismatch',
	'oauth.access-denied',
	'oauth.insufficient-scope',
	'oauth.short-lived',
	'oauth.state-mismatch',
	'oauth.missing-code',
	'oauth.provider-error',
	'oauth.invalid-grant',
	'oauth.id-token-invalid',
	'oauth.bad-response',
	'oauth.server-error',
	'oauth.rate-limited',
	'oauth.cors',
	'oauth.browser-refused',
	'oauth.popup-closed',
	'oauth.revoke-failed',
	'network.offline',
	'network.timeout',
	'connection.not-found',
	'connection.unauthorized',
	'connection.check-failed',
	'connection.needs-reconnect',
	'connection.redirected',
	'bridge.required',
	'bridge.not-installed',
	'bridge.not-paired',
	'bridge.pair-denied',
	'bridge.grant-denied',
	'bridge.host-not-granted',
	'bridge.stale',
	'bridge.url',
	'bridge.too-large',
	'bridge.timeout',
	'bridge.redirected',
	'bridge.network',
	'bridge.invalid',
	'folder.not-found',
	'folder.protected',
	'input.invalid',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
	readonly code: ErrorCode;
	readonly detail?: string;

	constructor(code: ErrorCode, options: { detail?: string; cause?: unknown } = {}) {
		super(options.detail ? `${code}: ${options.detail}` : code, { cause: options.cause });
		this.name = 'AppError';
		this.code = code;
		this.detail = options.detail;
	}

	/** The plain form that crosses the worker boundary (no cause: it may hold secrets). */
	toJSON(): SerializedAppError {
		return { code: this.code, detail: this.detail };
	}

	static fromJSON(value: SerializedAppError): AppError {
		const code = (ERROR_CODES as readonly string[]).includes(value.code)
			? (value.code as ErrorCode)
			: 'internal';
		return new AppError(code, { detail: value.detail });
	}
}

export interface SerializedAppError {
	code: string;
	detail?: string;
}

/** Wraps anything thrown into an AppError, mapping the browser's own error names. */
export function toAppError(error: unknown): AppError {
	if (error instanceof AppError) return error;
	if (error instanceof DOMException || (error instanceof Error && 'name' in error)) {
		const name = (error as Error).name;
		if (name === 'QuotaExceededError') return new AppError('db.quota', { cause: error });
		if (name === 'InvalidStateError' || name === 'UnknownError')
			return new AppError('db.unavailable', { cause: error });
	}
	return new AppError('internal', { cause: error });
}

export type ErrorClass = 'transient' | 'reconnect' | 'input' | 'fatal';

const CLASSES: Partial<Record<ErrorCode, ErrorClass>> = {
	// A browser reports a dropped network and a CORS refusal alike; for a connection that worked
	// before, a network drop is by far the likelier, and retries are capped by the scheduler.
	'oauth.cors': 'transient',
	// Fixed only by another app registration or auth type: signing in again will not do.
	'oauth.browser-refused': 'reconnect',
	'oauth.server-error': 'transient',
	'oauth.rate-limited': 'transient',
	// An HTML page at a token endpoint is mostly a maintenance page or a captive portal.
	'oauth.bad-response': 'transient',
	'network.offline': 'transient',
	// The bridge's own failures: the extension is missing, unpaired or lacks a host; no sign-in
	// fixes that, the user does (the message says what), and a refresh waits until they have.
	'bridge.timeout': 'transient',
	'bridge.network': 'transient',
	'bridge.stale': 'transient',
	'bridge.required': 'input',
	'bridge.not-installed': 'input',
	'bridge.not-paired': 'input',
	'bridge.host-not-granted': 'input',
	'bridge.grant-denied': 'input',
	'bridge.pair-denied': 'input',
	'network.timeout': 'transient',
	'oauth.invalid-grant': 'reconnect',
	'oauth.invalid-client': 'reconnect',
	'oauth.access-denied': 'reconnect',
	'connection.needs-reconnect': 'reconnect',
	// A new sign-in asks for the missing scopes again.
	'oauth.insufficient-scope': 'reconnect',
	'input.invalid': 'input',
	'oauth.state-mismatch': 'input',
	'oauth.missing-code': 'input',
	'oauth.redirect-mismatch': 'input',
	'vault.wrong-passphrase': 'input',
	'vault.weak-passphrase': 'input',
	'folder.not-found': 'input',
	'folder.protected': 'input'
};

export function classify(error: AppError): ErrorClass {
	return CLASSES[error.code] ?? 'fatal';
}
