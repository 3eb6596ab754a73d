/**
 * Using connections: Check connection, Refresh now, the request console and Copy as curl. A
 * token about to expire is refreshed once, before the request that needs it.
 */
import { buildRequest, describeSecrets, toCurl, type ApiRequest, type RequestSpec } from '../auth';
import { checkRequestFor, OAUTH_TYPES } from '../catalog';
import { AppError, classify, toAppError } from '../errors';
import type { Locale } from '../i18n';
import type { TokenSet } from '../oauth';
import { apiProof, connectorOf, requireMeta, sendFor, type ConnectionContext } from './context';
import { readField, sendRequest, type ApiResponse } from './http';
import { update } from './lifecycle';
import type { CheckResult, ConnectionMeta } from './model';
import { refreshConnection, type RefreshOutcome } from './refresh';
import { allValues } from './values';

/** Refresh before a request if the token expires within this window (at most half its life). */
const USE_MARGIN_MS = 30_000;

/** Refreshes a token about to expire, then sends the connector's check request. */
export async function checkConnection(ctx: ConnectionContext, id: string): Promise<CheckResult> {
	const meta = await requireMeta(ctx, id);
	const { connector, auth } = connectorOf(ctx, meta);
	const now = ctx.now();
	try {
		await ensureFresh(ctx, meta);
		const spec = checkRequestFor(connector, auth);
		let status: number | null = null;
		let account = meta.account;
		if (spec) {
			const response = await send(
				ctx,
				id,
				await signed(ctx, id, { ...spec, fromDefinition: true })
			);
			status = response.status;
			if (status === 401 || status === 403)
				throw new AppError('connection.unauthorized', { detail: String(status) });
			if (status >= 400) throw new AppError('connection.check-failed', { detail: String(status) });
			if (spec.accountField) account = readField(response.body, spec.accountField) ?? account;
		}
		const fresh = (await ctx.store.get(id)) ?? meta;
		await update(ctx, id, {
			status: 'connected',
			account,
			lastCheckedAt: now,
			// A short-lived token stays worth a warning after a good check.
			lastError: fresh.lastError?.code === 'oauth.short-lived' ? fresh.lastError : null
		});
		return { status, checkedAt: now };
	} catch (e) {
		const error = toAppError(e);
		await update(ctx, id, {
			status: classify(error) === 'reconnect' ? 'needs-reconnect' : 'error',
			lastCheckedAt: now,
			lastError: { code: error.code, detail: error.detail, at: now }
		});
		throw error;
	}
}

/** "Refresh now". */
export function refreshNow(ctx: ConnectionContext, id: string): Promise<RefreshOutcome> {
	return refreshConnection(ctx, id, { force: true });
}

/** The request console: the connection's authentication is applied as its type says. */
export async function apiRequest(
	ctx: ConnectionContext,
	id: string,
	spec: RequestSpec
): Promise<ApiResponse> {
	await ensureFresh(ctx, await requireMeta(ctx, id));
	return send(ctx, id, await signed(ctx, id, typedByUser(spec)));
}

/**
 * A request as the user typed it: whatever the caller sent, it keeps to the API base (only the
 * connector definition's own check request may name another host of the vendor).
 */
function typedByUser(spec: RequestSpec): RequestSpec {
	return { ...spec, fromDefinition: false };
}

/** "Copy as curl", with secrets replaced by placeholders in the UI's language unless included. */
export async function copyAsCurl(
	ctx: ConnectionContext,
	id: string,
	spec: RequestSpec,
	options: { includeSecrets: boolean; locale: Locale }
): Promise<string> {
	const meta = await requireMeta(ctx, id);
	await ensureFresh(ctx, meta);
	const { request, tokens } = await signed(ctx, id, typedByUser(spec));
	const { connector, auth } = connectorOf(ctx, meta);
	// A DPoP-bound token shows as `Authorization: DPoP …`; the proof is made per request and
	// is not part of the command (without one, the API refuses the token: RFC 9449 §7).
	return toCurl(
		request,
		options.includeSecrets
			? 'include'
			: describeSecrets({ connector, auth, tokens }, options.locale)
	);
}

/** Refreshes an OAuth token that expires within the use margin (once: a new token is not due). */
async function ensureFresh(ctx: ConnectionContext, meta: ConnectionMeta): Promise<void> {
	if (!OAUTH_TYPES.includes(meta.authType)) return;
	await refreshConnection(ctx, meta.id, { validForMs: USE_MARGIN_MS });
}

interface Signed {
	request: ApiRequest;
	tokens: TokenSet | undefined;
}

/** The request with the connection's current credentials applied. */
async function signed(ctx: ConnectionContext, id: string, spec: RequestSpec): Promise<Signed> {
	const secrets = await ctx.store.secrets(id);
	const current = await requireMeta(ctx, id);
	const { connector, auth } = connectorOf(ctx, current);
	const tokens = secrets?.tokens;
	return {
		request: buildRequest({ connector, auth, values: allValues(current, secrets), tokens }, spec),
		tokens
	};
}

/** Sends a signed request, with a DPoP proof when its token is DPoP-bound. */
async function send(ctx: ConnectionContext, id: string, { request, tokens }: Signed) {
	return sendRequest(
		request,
		sendFor(ctx, await requireMeta(ctx, id)),
		await apiProof(ctx, id, tokens)
	);
}
