/**
 * The one place where oauth4webapi errors and HTTP results become AppError codes. Nothing from a
 * response that could echo a token, secret, code or password reaches a detail or message: details
 * are HTTP statuses, RFC 6749 error codes (checked to be plain identifiers) or fixed words.
 */
import * as oauth from 'oauth4webapi';
import { AppError, toAppError, type ErrorCode } from '../errors';
import { fetchFailure, isTimeout, NetworkFailure } from '../platform';

/** An AppError with what the refresh scheduler needs to back off. */
export class OAuthError extends AppError {
	/** HTTP status of the answer, when there was one. */
	readonly status?: number;
	/** Seconds the provider asked to wait (Retry-After), when it said. */
	readonly retryAfter?: number;

	constructor(
		code: ErrorCode,
		options: { detail?: string; cause?: unknown; status?: number; retryAfter?: number } = {}
	) {
		super(code, options);
		this.name = 'OAuthError';
		if (options.status !== undefined) this.status = options.status;
		if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
	}
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
	value: string | null | undefined,
	now = Date.now()
): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text);
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** An RFC 6749 error code is a short identifier; anything else may be echoed input. */
function safeCode(code: unknown): string {
	return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unknown';
}

export type Endpoint = 'authorization' | 'token' | 'revocation' | 'discovery';

interface Answer {
	status?: number;
	error?: string;
	description?: string;
	retryAfter?: number;
	cause: unknown;
}

/**
 * A vendor's own error number at the start of its description (Microsoft: `AADSTS9002326: …`):
 * the one part of a description worth showing, as it is what the vendor's docs are searched by.
 * Only the number is taken, never the text, which may echo input.
 */
function vendorCode(description: string | undefined): string | undefined {
	return /^([A-Z]{2,10}\d{3,9})\b/.exec(description ?? '')?.[1];
}

/**
 * Vendor errors that mean "not from a browser": Microsoft's AADSTS9002326 (cross-origin code
 * redemption only for single-page-application registrations).
 * https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
 */
const BROWSER_REFUSALS: ReadonlySet<string> = new Set(['AADSTS9002326']);

/** Maps an RFC 6749 / 6750 error code and HTTP status to an AppError. */
function fromAnswer(answer: Answer, endpoint: Endpoint): OAuthError {
	const mapped = fromCode(answer, endpoint);
	const vendor = vendorCode(answer.description);
	if (vendor && BROWSER_REFUSALS.has(vendor))
		return new OAuthError('oauth.browser-refused', {
			cause: answer.cause,
			status: answer.status,
			detail: `${mapped.detail ?? ''} ${vendor}`.trim()
		});
	if (!vendor) return mapped;
	return new OAuthError(mapped.code, {
		cause: answer.cause,
		status: answer.status,
		retryAfter: answer.retryAfter,
		detail: `${mapped.detail ?? ''} ${vendor}`.trim()
	});
}

function fromCode(answer: Answer, endpoint: Endpoint): OAuthError {
	const { status, error, description, retryAfter, cause } = answer;
	const base = { cause, status, retryAfter };
	if (status === 429 || error === 'slow_down' || error === 'rate_limited')
		return new OAuthError('oauth.rate-limited', { ...base, detail: String(status ?? error) });
	if (
		(status !== undefined && status >= 500) ||
		error === 'server_error' ||
		error === 'temporarily_unavailable'
	)
		return new OAuthError('oauth.server-error', { ...base, detail: String(status ?? error) });
	switch (error) {
		case 'invalid_client':
			return new OAuthError('oauth.invalid-client', { ...base, detail: error });
		case 'invalid_grant':
			// oidc-provider, Keycloak and others say "redirect_uri mismatch" under invalid_grant when
			// the token request's redirect URI differs from the authorization request's. The
			// description is only matched, never shown.
			if (/redirect_uri|redirect uri/i.test(description ?? ''))
				return new OAuthError('oauth.redirect-mismatch', { ...base, detail: error });
			return new OAuthError('oauth.invalid-grant', { ...base, detail: error });
		case 'invalid_scope':
		case 'insufficient_scope':
			return new OAuthError('oauth.insufficient-scope', { ...base, detail: error });
		case 'access_denied':
			return new OAuthError('oauth.access-denied', { ...base, detail: error });
		case 'redirect_uri_mismatch':
		case 'invalid_redirect_uri':
			return new OAuthError('oauth.redirect-mismatch', { ...base, detail: error });
	}
	// A token endpoint answers 401 only for client authentication (RFC 6749 §5.2).
	if (status === 401 && endpoint === 'token' && error === undefined)
		return new OAuthError('oauth.invalid-client', { ...base, detail: '401' });
	if (error !== undefined)
		return new OAuthError('oauth.provider-error', { ...base, detail: safeCode(error) });
	return new OAuthError('oauth.bad-response', {
		...base,
		detail: status ? String(status) : undefined
	});
}

const ID_TOKEN_CODES: ReadonlySet<string> = new Set([
	oauth.JWT_TIMESTAMP_CHECK,
	oauth.JWT_CLAIM_COMPARISON,
	oauth.KEY_SELECTION
]);

function responseOf(cause: unknown): Response | undefined {
	return cause instanceof Response ? cause : undefined;
}

/**
 * An error told in a 200 body: Slack answers every failure with HTTP 200 and
 * `{"ok": false, "error": "invalid_code"}` (https://docs.slack.dev/apis/web-api/#responses).
 */
function errorInOkBody(error: oauth.OperationProcessingError): string | undefined {
	const body = (error.cause as { body?: unknown } | undefined)?.body;
	if (!body || typeof body !== 'object') return undefined;
	const { ok, error: name } = body as { ok?: unknown; error?: unknown };
	return ok === false && typeof name === 'string' ? name : undefined;
}

function fromProcessingError(error: oauth.OperationProcessingError, endpoint: Endpoint): AppError {
	const code = error.code;
	const told = errorInOkBody(error);
	if (told) return fromAnswer({ status: 200, error: told, cause: error }, endpoint);
	const res = responseOf(error.cause);
	if (code === oauth.HTTP_REQUEST_FORBIDDEN || code === oauth.REQUEST_PROTOCOL_FORBIDDEN)
		return new AppError('input.invalid', { detail: 'URL must use https', cause: error });
	if (code !== undefined && ID_TOKEN_CODES.has(code))
		return new OAuthError('oauth.id-token-invalid', { cause: error, detail: code });
	if (/ID Token|id_token|JWT/.test(error.message))
		return new OAuthError('oauth.id-token-invalid', { cause: error, detail: code });
	if (code === oauth.JSON_ATTRIBUTE_COMPARISON)
		return new OAuthError('oauth.bad-response', { cause: error, detail: 'issuer' });
	if (res && (code === oauth.RESPONSE_IS_NOT_CONFORM || code === oauth.RESPONSE_IS_NOT_JSON)) {
		const answer = {
			status: res.status,
			retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
			cause: error
		};
		// A 200 that is not JSON is an HTML page or similar: not an OAuth answer at all.
		if (res.status >= 200 && res.status < 300)
			return new OAuthError('oauth.bad-response', { ...answer, detail: String(res.status) });
		return fromAnswer(answer, endpoint);
	}
	return new OAuthError('oauth.bad-response', {
		cause: error,
		detail: code?.replace(/^OAUTH_/, '')
	});
}

/** Maps anything thrown while talking to a provider. */
export function toOAuthError(error: unknown, endpoint: Endpoint = 'token'): AppError {
	if (error instanceof AppError) return error;
	// The browser hides CORS refusals behind the same TypeError as a dead network.
	if (error instanceof NetworkFailure) return fetchFailure(error.cause);
	if ((error instanceof TypeError && !('code' in error)) || isTimeout(error))
		return fetchFailure(error);
	if (error instanceof oauth.ResponseBodyError)
		return fromAnswer(
			{
				status: error.status,
				error: error.error,
				description: error.error_description,
				retryAfter: parseRetryAfter(error.response.headers.get('Retry-After')),
				cause: error
			},
			endpoint
		);
	if (error instanceof oauth.WWWAuthenticateChallengeError) {
		const param = error.cause.map((c) => c.parameters.error).find((e) => typeof e === 'string');
		return fromAnswer(
			{
				status: error.status,
				error: param,
				retryAfter: parseRetryAfter(error.response.headers.get('Retry-After')),
				cause: error
			},
			endpoint
		);
	}
	if (error instanceof oauth.AuthorizationResponseError)
		return fromAnswer(
			{ error: error.error, description: error.error_description, cause: error },
			endpoint
		);
	if (error instanceof oauth.OperationProcessingError) return fromProcessingError(error, endpoint);
	if (error instanceof oauth.UnsupportedOperationError)
		return new OAuthError('oauth.bad-response', { cause: error, detail: 'unsupported' });
	return toAppError(error);
}
