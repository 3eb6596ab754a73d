/**
 * The connection lifecycle inside the worker: create (every auth type), list, rename, describe,
 * move, set as default, check, reconnect, delete (revoking at the provider), plus requests
 * through a connection. Every change is one vault transaction and is announced to other tabs.
 */
import { buildRequest, describeSecrets, toCurl, type RequestSpec } from '../auth';
import { authConfigFor } from '../catalog/form';
import { OAUTH_TYPES, REDIRECT_TYPES, type Connector } from '../catalog/schema';
import { AppError, toAppError } from '../errors';
import { MY_WORKSPACE_ID } from '../folders';
import { clientCredentials, passwordGrant, resolveOAuth, revoke } from '../oauth';
import { beginAuthorization, exchangeCode, pendingFlowFor } from './authorize';
import { connectorOf, requireMeta, type ConnectionContext } from './context';
import { authFingerprint } from './fingerprint';
import { readField, sendRequest, type ApiResponse } from './http';
import { withConnectionLock } from './lock';
import type {
	ConnectionDraft,
	ConnectionMeta,
	ConnectionSecrets,
	ConnectionView,
	TokenSet
} from './model';
import { refreshConnection, type RefreshOutcome } from './refresh';
import { applyTokens, normalizeTokens } from './tokens';
import { allValues, splitValues } from './values';

export interface CheckResult {
	ok: boolean;
	status: number | null;
	checkedAt: number;
}

export interface DeleteResult {
	/** `failed`: deleted here, but the provider could not be told (the user should revoke there). */
	revocation: 'done' | 'failed' | 'not-applicable';
}

/** Refresh shortly before a request if the token expires within this window. */
const USE_MARGIN_MS = 30_000;

export class ConnectionService {
	readonly #ctx: ConnectionContext;

	constructor(ctx: ConnectionContext) {
		this.#ctx = ctx;
	}

	// —— reading ——

	async list(folderId?: string): Promise<ConnectionView[]> {
		const chosen = folderId
			? await this.#ctx.store.inFolder(folderId)
			: [...(await this.#ctx.store.metas()).values()];
		return Promise.all(chosen.map((m) => this.#view(m)));
	}

	async get(id: string): Promise<ConnectionView> {
		return this.#view(await requireMeta(this.#ctx, id));
	}

	async #view(meta: ConnectionMeta): Promise<ConnectionView> {
		const connector = this.#ctx.catalog.get(meta.connectorId);
		const auth = connector?.authTypes.find((a) => a.type === meta.authType);
		const changed =
			!connector || !auth || (await authFingerprint(connector, auth)) !== meta.authConfigHash;
		const mandatory = auth?.oauth?.scopes.mandatory ?? [];
		const now = this.#ctx.now();
		let status = meta.status;
		if (changed) status = 'needs-reconnect';
		// Past its refresh time and the refresh failed: the token is about to (or did) run out.
		else if (
			status === 'connected' &&
			meta.lastRefreshOutcome === 'failed' &&
			meta.nextRefreshAt !== null &&
			now >= meta.nextRefreshAt
		)
			status = 'expiring';
		return {
			...meta,
			status,
			lastError:
				changed && !meta.lastError
					? { code: 'connection.needs-reconnect', at: now }
					: meta.lastError,
			connectorName: connector?.name ?? meta.connectorId,
			missingScopes: OAUTH_TYPES.includes(meta.authType)
				? mandatory.filter((s) => !meta.grantedScopes.includes(s))
				: []
		};
	}

	// —— creating ——

	/** Connects the types without a redirect; redirect types go through `authorize`. */
	async create(draft: ConnectionDraft): Promise<ConnectionView> {
		const { meta, values } = await this.#draftToMeta(draft);
		if (REDIRECT_TYPES.includes(meta.authType))
			throw new AppError('input.invalid', { detail: 'needs authorization' });
		const { connected, secrets } = await this.#connectDirect(meta, values);
		return this.#view(await this.#store(connected, secrets, true));
	}

	/** Starts a redirect flow; the page opens the returned URL in a popup or the whole tab. */
	async authorize(draft: ConnectionDraft): Promise<{ url: string }> {
		const { meta, values } = await this.#draftToMeta(draft);
		if (!REDIRECT_TYPES.includes(meta.authType))
			throw new AppError('input.invalid', { detail: 'no redirect' });
		return beginAuthorization(this.#ctx, meta, values, false);
	}

	/** Completes the redirect flow a callback URL belongs to. */
	async completeAuthorization(callbackUrl: string): Promise<ConnectionView> {
		const { flow, url } = await pendingFlowFor(this.#ctx, callbackUrl);
		const dropPending = { extra: { delete: [{ store: 'pending' as const, id: flow.id }] } };
		try {
			const { tokens: raw, idTokenClaims } = await exchangeCode(this.#ctx, flow, url);
			const { auth } = connectorOf(this.#ctx, flow.meta);
			const now = this.#ctx.now();
			const tokens = normalizeTokens(raw, auth, now);
			const secrets: ConnectionSecrets = { id: flow.meta.id, values: flow.values, tokens };
			let meta = applyTokens(flow.meta, tokens, auth, now);
			meta = {
				...meta,
				account:
					accountFromClaims(idTokenClaims) ??
					(await this.#probeAccount(meta, secrets)) ??
					subjectOf(idTokenClaims) ??
					meta.account
			};
			await withConnectionLock(meta.id, () =>
				this.#store(meta, secrets, !flow.reconnect, dropPending)
			);
			return this.#view(meta);
		} catch (error) {
			await this.#ctx.store.commit(dropPending);
			throw toAppError(error);
		}
	}

	async #draftToMeta(
		draft: ConnectionDraft
	): Promise<{ meta: ConnectionMeta; values: Record<string, string> }> {
		const connector = this.#connector(draft.connectorId);
		if (connector.browserSupport.verdict === 'unsupported')
			throw new AppError('input.invalid', { detail: 'unsupported' });
		if (!connector.authTypes.some((a) => a.type === draft.authType))
			throw new AppError('input.invalid', { detail: 'auth type' });
		const auth = authConfigFor(connector, draft.authType);
		const name = typeof draft.name === 'string' ? draft.name.trim() : '';
		if (!name || name.length > 200) throw new AppError('input.invalid', { detail: 'name' });
		await this.#requireFolder(draft.folderId);
		const { properties, secrets } = splitValues(connector, auth, draft.values ?? {});
		const now = this.#ctx.now();
		const meta: ConnectionMeta = {
			id: crypto.randomUUID(),
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
			authConfigHash: await authFingerprint(connector, auth),
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
	async #connectDirect(
		meta: ConnectionMeta,
		values: Record<string, string>
	): Promise<{ connected: ConnectionMeta; secrets: ConnectionSecrets }> {
		const { connector, auth } = connectorOf(this.#ctx, meta);
		const all = { ...meta.properties, ...values };
		const now = this.#ctx.now();
		let connected: ConnectionMeta = { ...meta, status: 'connected', updatedAt: now };
		let tokens: TokenSet | undefined;
		if (OAUTH_TYPES.includes(meta.authType)) {
			const resolved = await resolveOAuth(connector, auth, all, this.#ctx.redirectUri);
			const raw =
				meta.authType === 'oauth2-password'
					? await passwordGrant(resolved, all.username, all.password)
					: await clientCredentials(resolved);
			tokens = normalizeTokens(raw, auth, now);
			connected = applyTokens(
				{ ...connected, requestedScopes: resolved.scopes },
				tokens,
				auth,
				now
			);
		}
		const secrets: ConnectionSecrets = { id: meta.id, values, tokens };
		const account = await this.#probeAccount(
			connected,
			secrets,
			!OAUTH_TYPES.includes(meta.authType)
		);
		connected = { ...connected, account, lastCheckedAt: connector.checkRequest ? now : null };
		return { connected, secrets };
	}

	/**
	 * Sends the check request to learn who authenticated. For key-based types a refusal means the
	 * credentials are wrong, so it fails the connect (`strict`); otherwise the account stays unknown.
	 */
	async #probeAccount(
		meta: ConnectionMeta,
		secrets: ConnectionSecrets,
		strict = false
	): Promise<string | null> {
		const { connector, auth } = connectorOf(this.#ctx, meta);
		const check = connector.checkRequest;
		if (!check) return null;
		try {
			const request = buildRequest(
				{ connector, auth, values: allValues(meta, secrets), tokens: secrets.tokens },
				{ method: check.method, path: check.path, body: check.body }
			);
			const response = await sendRequest(request);
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
	async #store(
		meta: ConnectionMeta,
		secrets: ConnectionSecrets,
		isNew: boolean,
		extra?: Parameters<ConnectionContext['store']['commit']>[0]
	): Promise<ConnectionMeta> {
		let toWrite = meta;
		if (isNew) {
			const siblings = (await this.#ctx.store.inFolder(meta.folderId)).filter(
				(m) => m.connectorId === meta.connectorId && m.id !== meta.id
			);
			toWrite = { ...meta, isDefault: siblings.length === 0 };
		}
		await this.#ctx.store.commit({ ...extra, connections: [{ meta: toWrite, secrets }] });
		this.#ctx.notify([meta.id]);
		return toWrite;
	}

	// —— changing ——

	async rename(id: string, name: string): Promise<ConnectionView> {
		const clean = typeof name === 'string' ? name.trim() : '';
		if (!clean || clean.length > 200) throw new AppError('input.invalid', { detail: 'name' });
		return this.#update(id, { name: clean });
	}

	async describe(
		id: string,
		details: { description?: string; pollingInterval?: number }
	): Promise<ConnectionView> {
		const patch: Partial<ConnectionMeta> = {};
		if (details.description !== undefined)
			patch.description = String(details.description).slice(0, 2000);
		if (details.pollingInterval !== undefined) {
			const minutes = Number(details.pollingInterval);
			if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
				throw new AppError('input.invalid', { detail: 'pollingInterval' });
			patch.pollingInterval = minutes;
		}
		return this.#update(id, patch);
	}

	async move(id: string, folderId: string): Promise<ConnectionView> {
		await this.#requireFolder(folderId);
		const meta = await requireMeta(this.#ctx, id);
		if (meta.folderId === folderId) return this.#view(meta);
		const hasDefaultThere = (await this.#ctx.store.inFolder(folderId)).some(
			(m) => m.connectorId === meta.connectorId && m.isDefault
		);
		const moved = { ...meta, folderId, isDefault: !hasDefaultThere, updatedAt: this.#ctx.now() };
		const successor = meta.isDefault ? await this.#successor(meta) : undefined;
		await this.#ctx.store.commit({
			connections: [
				{ meta: moved },
				...(successor ? [{ meta: { ...successor, isDefault: true } }] : [])
			]
		});
		this.#ctx.notify([id, ...(successor ? [successor.id] : [])]);
		return this.#view(moved);
	}

	/** One default per connector per folder. */
	async setDefault(id: string): Promise<ConnectionView> {
		const meta = await requireMeta(this.#ctx, id);
		const now = this.#ctx.now();
		const changed = (await this.#ctx.store.inFolder(meta.folderId))
			.filter((m) => m.connectorId === meta.connectorId)
			.filter((m) => m.isDefault !== (m.id === id))
			.map((m) => ({ meta: { ...m, isDefault: m.id === id, updatedAt: now } }));
		await this.#ctx.store.commit({ connections: changed });
		this.#ctx.notify(changed.map((c) => c.meta.id));
		return this.get(id);
	}

	async #update(id: string, patch: Partial<ConnectionMeta>): Promise<ConnectionView> {
		const meta = { ...(await requireMeta(this.#ctx, id)), ...patch, updatedAt: this.#ctx.now() };
		await this.#ctx.store.commit({ connections: [{ meta }] });
		this.#ctx.notify([id]);
		return this.#view(meta);
	}

	/** The connection that becomes default when `leaving` (the default) goes: the oldest other. */
	async #successor(leaving: ConnectionMeta): Promise<ConnectionMeta | undefined> {
		return (await this.#ctx.store.inFolder(leaving.folderId))
			.filter((m) => m.connectorId === leaving.connectorId && m.id !== leaving.id)
			.sort((a, b) => a.createdAt - b.createdAt)[0];
	}

	/** Deletes the connection; first asks the provider to revoke its token (RFC 7009) when it can. */
	async delete(id: string): Promise<DeleteResult> {
		const meta = await requireMeta(this.#ctx, id);
		const revocation = await this.#revoke(meta);
		const successor = meta.isDefault ? await this.#successor(meta) : undefined;
		await this.#ctx.store.commit({
			deleteConnections: [id],
			connections: successor ? [{ meta: { ...successor, isDefault: true } }] : []
		});
		this.#ctx.notify([id, ...(successor ? [successor.id] : [])]);
		return { revocation };
	}

	/** Revokes without deleting (a folder deletes all its connections at once). */
	async revokeOnly(id: string): Promise<DeleteResult> {
		return { revocation: await this.#revoke(await requireMeta(this.#ctx, id)) };
	}

	async #revoke(meta: ConnectionMeta): Promise<DeleteResult['revocation']> {
		const secrets = await this.#ctx.store.secrets(meta.id);
		const tokens = secrets?.tokens;
		const connector = this.#ctx.catalog.get(meta.connectorId);
		const auth = connector?.authTypes.find((a) => a.type === meta.authType);
		if (!tokens || !connector || !auth?.oauth?.revokeUrl) return 'not-applicable';
		try {
			const resolved = await resolveOAuth(
				connector,
				auth,
				allValues(meta, secrets),
				this.#ctx.redirectUri
			);
			// Revoking the refresh token ends the whole grant at most providers.
			if (tokens.refreshToken) await revoke(resolved, tokens.refreshToken, 'refresh_token');
			else await revoke(resolved, tokens.accessToken, 'access_token');
			return 'done';
		} catch {
			return 'failed';
		}
	}

	// —— using ——

	/** Refreshes an expired token first, then sends the connector's check request. */
	async check(id: string): Promise<CheckResult> {
		const meta = await requireMeta(this.#ctx, id);
		const { connector } = connectorOf(this.#ctx, meta);
		const now = this.#ctx.now();
		try {
			await this.#ensureFresh(meta);
			const check = connector.checkRequest;
			let status: number | null = null;
			let account = meta.account;
			if (check) {
				const response = await this.request(id, {
					method: check.method,
					path: check.path,
					body: check.body
				});
				status = response.status;
				if (status === 401 || status === 403)
					throw new AppError('connection.unauthorized', { detail: String(status) });
				if (status >= 400)
					throw new AppError('connection.check-failed', { detail: String(status) });
				if (check.accountField) account = readField(response.body, check.accountField) ?? account;
			}
			const fresh = (await this.#ctx.store.get(id)) ?? meta;
			await this.#update(id, {
				status: 'connected',
				account,
				lastCheckedAt: now,
				lastError: fresh.lastError?.code === 'oauth.short-lived' ? fresh.lastError : null
			});
			return { ok: true, status, checkedAt: now };
		} catch (e) {
			const error = toAppError(e);
			const needsReconnect = ['oauth.invalid-grant', 'connection.needs-reconnect'].includes(
				error.code
			);
			await this.#update(id, {
				status: needsReconnect ? 'needs-reconnect' : 'error',
				lastCheckedAt: now,
				lastError: { code: error.code, detail: error.detail, at: now }
			});
			throw error;
		}
	}

	async #ensureFresh(meta: ConnectionMeta): Promise<void> {
		if (!OAUTH_TYPES.includes(meta.authType)) return;
		await refreshConnection(this.#ctx, meta.id, { validForMs: USE_MARGIN_MS });
	}

	refresh(id: string): Promise<RefreshOutcome> {
		return refreshConnection(this.#ctx, id, { force: true });
	}

	/** Re-authenticates in place: same id, same folder. Redirect types return the URL to open. */
	async reconnect(id: string): Promise<{ url?: string; connection?: ConnectionView }> {
		const meta = await requireMeta(this.#ctx, id);
		const connector = this.#connector(meta.connectorId);
		const auth = authConfigFor(connector, meta.authType);
		const secrets = await this.#ctx.store.secrets(id);
		const current = { ...meta, authConfigHash: await authFingerprint(connector, auth) };
		if (REDIRECT_TYPES.includes(meta.authType))
			return beginAuthorization(this.#ctx, current, secrets?.values ?? {}, true);
		const { connected, secrets: next } = await this.#connectDirect(current, secrets?.values ?? {});
		await withConnectionLock(id, () =>
			this.#store({ ...connected, lastError: connected.lastError }, next, false)
		);
		return { connection: await this.#view(connected) };
	}

	/** The request console: the connection's authentication is applied as its type says. */
	async request(id: string, spec: RequestSpec): Promise<ApiResponse> {
		const request = await this.#signed(id, spec);
		return sendRequest(request);
	}

	/** "Copy as curl", with secrets replaced by placeholders unless explicitly included. */
	async curl(id: string, spec: RequestSpec, includeSecrets: boolean): Promise<string> {
		const meta = await requireMeta(this.#ctx, id);
		const { connector, auth } = connectorOf(this.#ctx, meta);
		const request = await this.#signed(id, spec);
		return toCurl(request, includeSecrets ? 'include' : describeSecrets({ connector, auth }));
	}

	async #signed(id: string, spec: RequestSpec) {
		const meta = await requireMeta(this.#ctx, id);
		await this.#ensureFresh(meta);
		const secrets = await this.#ctx.store.secrets(id);
		const current = (await this.#ctx.store.get(id)) ?? meta;
		const { connector, auth } = connectorOf(this.#ctx, current);
		return buildRequest(
			{ connector, auth, values: allValues(current, secrets), tokens: secrets?.tokens },
			spec
		);
	}

	// —— helpers ——

	#connector(id: string): Connector {
		const connector = this.#ctx.catalog.get(id);
		if (!connector) throw new AppError('input.invalid', { detail: 'connector' });
		return connector;
	}

	async #requireFolder(folderId: string): Promise<void> {
		if (folderId === MY_WORKSPACE_ID) return;
		if (!(await this.#ctx.store.folders()).has(folderId)) throw new AppError('folder.not-found');
	}
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
