/**
 * Changing connections: rename, describe, move, set as default, delete (revoking at the provider).
 * Every change is one vault transaction and is announced to other tabs.
 */
import { fillUrl } from '../catalog';
import { AppError } from '../errors';
import { revoke } from '../oauth';
import type { FetchLike } from '../platform';
import { requireMeta, resolveFor, withConnectionLock, type ConnectionContext } from './context';
import { chooseLearned } from './learned';
import { sendRequest } from './http';
import type { ConnectionMeta, ConnectionView, DeleteResult, Revocation } from './model';
import { viewOf } from './read';
import { allValues } from './values';

export interface ConnectionEdit {
	name?: string;
	description?: string;
	pollingInterval?: number;
}

/** Renames or describes a connection: everything is checked before the one write. */
export async function editConnection(
	ctx: ConnectionContext,
	id: string,
	edit: ConnectionEdit
): Promise<ConnectionView> {
	const patch: Partial<ConnectionMeta> = {};
	if (edit.name !== undefined) {
		const name = typeof edit.name === 'string' ? edit.name.trim() : '';
		if (!name || name.length > 200) throw new AppError('input.invalid', { detail: 'name' });
		patch.name = name;
	}
	if (edit.description !== undefined) patch.description = String(edit.description).slice(0, 2000);
	if (edit.pollingInterval !== undefined) {
		const minutes = Number(edit.pollingInterval);
		if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
			throw new AppError('input.invalid', { detail: 'pollingInterval' });
		patch.pollingInterval = minutes;
	}
	return update(ctx, id, patch);
}

export async function moveConnection(
	ctx: ConnectionContext,
	id: string,
	folderId: string
): Promise<ConnectionView> {
	await ctx.requireFolder(folderId);
	const meta = await requireMeta(ctx, id);
	if (meta.folderId === folderId) return viewOf(ctx, meta);
	const hasDefaultThere = (await ctx.store.inFolder(folderId)).some(
		(m) => m.connectorId === meta.connectorId && m.isDefault
	);
	const moved = { ...meta, folderId, isDefault: !hasDefaultThere, updatedAt: ctx.now() };
	const successor = meta.isDefault ? await successorOf(ctx, meta) : undefined;
	await ctx.store.commit({
		connections: [
			{ meta: moved },
			...(successor ? [{ meta: { ...successor, isDefault: true } }] : [])
		]
	});
	ctx.notify([id, ...(successor ? [successor.id] : [])]);
	return viewOf(ctx, moved);
}

/** One default per connector per folder. */
export async function setDefault(ctx: ConnectionContext, id: string): Promise<ConnectionView> {
	const meta = await requireMeta(ctx, id);
	const now = ctx.now();
	const changed = (await ctx.store.inFolder(meta.folderId))
		.filter((m) => m.connectorId === meta.connectorId)
		.filter((m) => m.isDefault !== (m.id === id))
		.map((m) => ({ meta: { ...m, isDefault: m.id === id, updatedAt: now } }));
	await ctx.store.commit({ connections: changed });
	ctx.notify(changed.map((c) => c.meta.id));
	return viewOf(ctx, { ...meta, isDefault: true, updatedAt: now });
}

/** Picks another value the provider offered for a learned property (another Atlassian site). */
export async function chooseValue(
	ctx: ConnectionContext,
	id: string,
	name: string,
	value: string
): Promise<ConnectionView> {
	return withConnectionLock(id, async () => {
		const meta = await requireMeta(ctx, id);
		const connector = ctx.catalog.get(meta.connectorId);
		if (!connector) throw new AppError('input.invalid', { detail: 'connector' });
		const chosen = { ...chooseLearned(connector, meta, name, value), updatedAt: ctx.now() };
		await ctx.store.commit({ connections: [{ meta: chosen }] });
		ctx.notify([id]);
		return viewOf(ctx, chosen);
	});
}

/** Deletes the connection; first asks the provider to revoke its grant (RFC 7009) when it can. */
export async function deleteConnection(ctx: ConnectionContext, id: string): Promise<DeleteResult> {
	const meta = await requireMeta(ctx, id);
	const revocation = await revokeGrant(ctx, meta);
	const successor = meta.isDefault ? await successorOf(ctx, meta) : undefined;
	await ctx.store.commit({
		deleteConnections: [id],
		connections: successor ? [{ meta: { ...successor, isDefault: true } }] : []
	});
	ctx.notify([id, ...(successor ? [successor.id] : [])]);
	return { revocation };
}

/** Revokes a connection's grant at the provider without deleting it (a folder deletes in bulk). */
export async function revokeOnly(ctx: ConnectionContext, id: string): Promise<Revocation> {
	return revokeGrant(ctx, await requireMeta(ctx, id));
}

export async function update(
	ctx: ConnectionContext,
	id: string,
	patch: Partial<ConnectionMeta>
): Promise<ConnectionView> {
	const meta = { ...(await requireMeta(ctx, id)), ...patch, updatedAt: ctx.now() };
	await ctx.store.commit({ connections: [{ meta }] });
	ctx.notify([id]);
	return viewOf(ctx, meta);
}

async function revokeGrant(ctx: ConnectionContext, meta: ConnectionMeta): Promise<Revocation> {
	const secrets = await ctx.store.secrets(meta.id);
	const tokens = secrets?.tokens;
	const connector = ctx.catalog.get(meta.connectorId);
	const auth = connector?.authTypes.find((a) => a.type === meta.authType);
	if (!connector || !tokens || !auth?.oauth?.revokeUrl) return 'not-applicable';
	try {
		const values = allValues(meta, secrets);
		if (auth.oauth.revokeStyle === 'bearer') {
			await revokeWithBearer(
				fillUrl(auth.oauth.revokeUrl, values),
				tokens.accessToken,
				ctx.network.fetchFor(connector, auth)
			);
			return 'done';
		}
		const resolved = await resolveFor(ctx, meta, values);
		// Revoking the refresh token ends the whole grant at most providers.
		if (tokens.refreshToken) await revoke(resolved, tokens.refreshToken, 'refresh_token');
		else await revoke(resolved, tokens.accessToken, 'access_token');
		return 'done';
	} catch {
		return 'failed';
	}
}

/**
 * Revocation by the token itself (Dropbox `auth/token/revoke`, Slack `auth.revoke`): a POST with
 * the access token as bearer and no body. Slack answers errors with HTTP 200 and `"ok": false`.
 */
async function revokeWithBearer(url: URL, accessToken: string, send: FetchLike): Promise<void> {
	const response = await sendRequest(
		{ method: 'POST', url, headers: new Headers({ Authorization: `Bearer ${accessToken}` }) },
		send
	);
	if (response.status >= 300 || answersNotOk(response.body))
		throw new AppError('oauth.revoke-failed', { detail: String(response.status) });
}

function answersNotOk(body: string): boolean {
	try {
		return (JSON.parse(body) as { ok?: unknown } | null)?.ok === false;
	} catch {
		return false;
	}
}

/** The connection that becomes default when `leaving` (the default) goes: the oldest other. */
async function successorOf(
	ctx: ConnectionContext,
	leaving: ConnectionMeta
): Promise<ConnectionMeta | undefined> {
	return (await ctx.store.inFolder(leaving.folderId))
		.filter((m) => m.connectorId === leaving.connectorId && m.id !== leaving.id)
		.sort((a, b) => a.createdAt - b.createdAt)[0];
}
