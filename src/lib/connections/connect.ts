/**
 * Making connections: the types without a redirect are verified and stored at once; redirect
 * types start a flow that the callback completes. Reconnecting re-authenticates in place (same
 * id, same folder) and clears the previous error.
 */
import { buildRequest } from '../auth';
import {
	authConfigFor,
	checkRequestFor,
	OAUTH_TYPES,
	REDIRECT_TYPES,
	type Connector
} from '../catalog';
import { AppError } from '../errors';
import { clientCredentials, passwordGrant, type TokenSet } from '../oauth';
import { randomId } from '../platform';
import { beginAuthorization, claimFlowFor, exchangeCode } from './authorize';
import {
	apiProof,
	connectorOf,
	requireMeta,
	resolveFor,
	tokenProof,
	withConnectionLock,
	type ConnectionContext
} from './context';
import { readField, sendRequest } from './http';
import type {
	ConnectionDraft,
	ConnectionMeta,
	ConnectionSecrets,
	ConnectionView,
	ConnectStart
} from './model';
import { viewOf } from './read';
import { learnFromCallback, learnFromRequests, learnFromTokens } from './learned';
import { applyTokens, normalizeTokens } from './tokens';
import { allValues, splitValues } from './values';

/** Starts a connection: redirect types return the URL to open, the others connect at once. */
export async function startConnection(
	ctx: ConnectionContext,
	draft: ConnectionDraft
): Promise<ConnectStart> {
	const { meta, values } = await draftToMeta(ctx, draft);
	if (REDIRECT_TYPES.includes(meta.authType))
		return { kind: 'redirect', ...(await beginAuthorization(ctx, meta, values, false)) };
	const { connected, secrets } = await connectDirect(ctx, meta, values);
	return {
		kind: 'connected',
		connection: await viewOf(ctx, await store(ctx, connected, secrets, true))
	};
}

/** Completes the redirect flow a callback URL belongs to. */
export async function completeAuthorization(
	ctx: ConnectionContext,
	callbackUrl: string
): Promise<ConnectionView> {
	const { flow, url } = await claimFlowFor(ctx, callbackUrl);
	const { tokens: raw, idTokenClaims } = await exchangeCode(ctx, flow, url);
	const { connector, auth } = connectorOf(ctx, flow.meta);
	const now = ctx.now();
	const tokens = normalizeTokens(raw, auth, now);
	const secrets: ConnectionSecrets = { id: flow.meta.id, values: flow.values, tokens };
	let meta = learnFromCallback(
		connector,
		learnFromTokens(connector, applyTokens(flow.meta, tokens, auth, now), tokens),
		url
	);
	meta = await learnFromRequests(connector, meta, tokens, ctx.network.fetchFor(connector, auth));
	meta = {
		...meta,
		account:
			accountFromClaims(idTokenClaims) ??
			(await probeAccount(ctx, meta, secrets)) ??
			subjectOf(idTokenClaims) ??
			meta.account
	};
	const stored = await withConnectionLock(meta.id, () =>
		store(ctx, meta, secrets, !flow.reconnect)
	);
	return viewOf(ctx, stored);
}

/** Re-authenticates in place with the stored settings; redirect types return the URL to open. */
export async function reconnect(ctx: ConnectionContext, id: string): Promise<ConnectStart> {
	const meta = await requireMeta(ctx, id);
	const connector = connectorById(ctx, meta.connectorId);
	const auth = authConfigFor(connector, meta.authType);
	const secrets = await ctx.store.secrets(id);
	const current = { ...meta, authConfigHash: await ctx.fingerprints.of(connector, auth) };
	if (REDIRECT_TYPES.includes(meta.authType))
		return {
			kind: 'redirect',
			...(await beginAuthorization(ctx, current, secrets?.values ?? {}, true))
		};
	const { connected, secrets: next } = await connectDirect(ctx, current, secrets?.values ?? {});
	const stored = await withConnectionLock(id, () => store(ctx, connected, next, false));
	return { kind: 'connected', connection: await viewOf(ctx, stored) };
}

async function draftToMeta(
	ctx: ConnectionContext,
	draft: ConnectionDraft
): Promise<{ meta: ConnectionMeta; values: Record<string, string> }> {
	const connector = connectorById(ctx, draft.connectorId);
	if (connector.unsupported) throw new AppError('input.invalid', { detail: 'unsupported' });
	if (!connector.authTypes.some((a) => a.type === draft.authType))
		throw new AppError('input.invalid', { detail: 'auth type' });
	const auth = authConfigFor(connector, draft.authType);
	const name = typeof draft.name === 'string' ? draft.name.trim() : '';
	if (!name || name.length > 200) throw new AppError('input.invalid', { detail: 'name' });
	await ctx.requireFolder(draft.folderId);
	const { properties, secrets } = splitValues(connector, auth, draft.values ?? {});
	const now = ctx.now();
	const meta: ConnectionMeta = {
		id: randomId(),
		folderId: draft.folderId,
		connectorId: connector.id,
		authType: draft.authType,
		name,
		description: '',
		isDefault: false,
		status: 'pending-authentication',
		account: null,
		requestedScopes: [],
		grantedScopes: [],
		properties,
		authConfigHash: await ctx.fingerprints.of(connector, auth),
		expiresAt: null,
		refreshable: false,
		lastRefreshAt: null,
		lastRefreshOutcome: null,
		nextRefreshAt: null,
		lastCheckedAt: null,
		lastError: null,
		pollingInterval: 5,
		createdAt: now,
		updatedAt: now
	};
	return { meta, values: secrets };
}

/** Client credentials, password, and the key-based types: verified before anything is stored. */
async function connectDirect(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	values: Record<string, string>
): Promise<{ connected: ConnectionMeta; secrets: ConnectionSecrets }> {
	const { connector, auth } = connectorOf(ctx, meta);
	const all = { ...meta.properties, ...values };
	const now = ctx.now();
	// A successful connect starts a clean history: no error from before stays.
	let connected: ConnectionMeta = { ...meta, status: 'connected', lastError: null, updatedAt: now };
	let tokens: TokenSet | undefined;
	if (OAUTH_TYPES.includes(meta.authType)) {
		const resolved = await resolveFor(ctx, meta, all);
		const dpop = await tokenProof(ctx, meta.id, resolved);
		const raw =
			meta.authType === 'oauth2-password'
				? await passwordGrant(resolved, all.username ?? '', all.password ?? '', dpop)
				: await clientCredentials(resolved, dpop);
		tokens = normalizeTokens(raw, auth, now);
		connected = applyTokens({ ...connected, requestedScopes: resolved.scopes }, tokens, auth, now);
		connected = await learnFromRequests(
			connector,
			learnFromTokens(connector, connected, tokens),
			tokens,
			ctx.network.fetchFor(connector, auth)
		);
	}
	const secrets: ConnectionSecrets = { id: meta.id, values, tokens };
	const account = await probeAccount(ctx, connected, secrets, !OAUTH_TYPES.includes(meta.authType));
	connected = {
		...connected,
		account,
		lastCheckedAt: checkRequestFor(connector, auth) ? now : null
	};
	return { connected, secrets };
}

/**
 * Sends the check request to learn who authenticated. For key-based types a refusal means the
 * credentials are wrong, so it fails the connect (`strict`); otherwise the account stays unknown.
 */
async function probeAccount(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	secrets: ConnectionSecrets,
	strict = false
): Promise<string | null> {
	const { connector, auth } = connectorOf(ctx, meta);
	const check = checkRequestFor(connector, auth);
	if (!check) return null;
	try {
		const request = buildRequest(
			{ connector, auth, values: allValues(meta, secrets), tokens: secrets.tokens },
			{ method: check.method, path: check.path, body: check.body, fromDefinition: true }
		);
		const response = await sendRequest(
			request,
			ctx.network.fetchFor(connector, auth),
			await apiProof(ctx, meta.id, secrets.tokens)
		);
		if (response.status === 401 || response.status === 403)
			throw new AppError('connection.unauthorized', { detail: String(response.status) });
		if (response.status >= 400)
			throw new AppError('connection.check-failed', { detail: String(response.status) });
		return check.accountField ? (readField(response.body, check.accountField) ?? null) : null;
	} catch (error) {
		if (strict) throw error;
		return null;
	}
}

/** Writes a connection; a new one becomes its connector's default in its folder if it is the first. */
async function store(
	ctx: ConnectionContext,
	meta: ConnectionMeta,
	secrets: ConnectionSecrets,
	isNew: boolean
): Promise<ConnectionMeta> {
	let toWrite = meta;
	if (isNew) {
		const siblings = (await ctx.store.inFolder(meta.folderId)).filter(
			(m) => m.connectorId === meta.connectorId && m.id !== meta.id
		);
		toWrite = { ...meta, isDefault: siblings.length === 0 };
	}
	await ctx.store.commit({ connections: [{ meta: toWrite, secrets }] });
	ctx.notify([meta.id]);
	return toWrite;
}

function connectorById(ctx: ConnectionContext, id: string): Connector {
	const connector = ctx.catalog.get(id);
	if (!connector) throw new AppError('input.invalid', { detail: 'connector' });
	return connector;
}

/** Who signed in, from OpenID claims, when they carry something a person recognizes. */
function accountFromClaims(claims: Record<string, unknown> | undefined): string | null {
	for (const key of ['email', 'preferred_username', 'name']) {
		const value = claims?.[key];
		if (typeof value === 'string' && value) return value;
	}
	return null;
}

/** The bare subject identifier: the last resort. */
function subjectOf(claims: Record<string, unknown> | undefined): string | null {
	return typeof claims?.sub === 'string' ? claims.sub : null;
}
