/** Reading connections: lists and single views. */
import { requireMeta, type ConnectionContext } from './context';
import type { ConnectionDetailView, ConnectionMeta, ConnectionView, LearnedView } from './model';
import { toView } from './view';

export async function viewOf(
	ctx: ConnectionContext,
	meta: ConnectionMeta
): Promise<ConnectionView> {
	const connector = ctx.catalog.get(meta.connectorId);
	const auth = connector?.authTypes.find((a) => a.type === meta.authType);
	const found =
		connector && auth
			? { connector, auth, currentHash: await ctx.fingerprints.of(connector, auth) }
			: null;
	return toView(meta, found, ctx.now());
}

/** One folder's connections, or all of them. */
export async function listConnections(
	ctx: ConnectionContext,
	folderId?: string
): Promise<ConnectionView[]> {
	const chosen = folderId
		? await ctx.store.inFolder(folderId)
		: [...(await ctx.store.metas()).values()];
	return Promise.all(chosen.map((m) => viewOf(ctx, m)));
}

/** One connection, with what its page offers. */
export async function getConnection(
	ctx: ConnectionContext,
	id: string
): Promise<ConnectionDetailView> {
	const meta = await requireMeta(ctx, id);
	const siblings = (await ctx.store.inFolder(meta.folderId)).filter(
		(m) => m.connectorId === meta.connectorId
	).length;
	// "Set as default" is offered only where there is a choice (one default per connector per folder).
	return {
		...(await viewOf(ctx, meta)),
		canSetDefault: !meta.isDefault && siblings > 1,
		learned: learnedOf(ctx, meta)
	};
}

function learnedOf(ctx: ConnectionContext, meta: ConnectionMeta): LearnedView[] {
	const connector = ctx.catalog.get(meta.connectorId);
	if (!connector) return [];
	return connector.learned.flatMap((rule) => {
		const value = meta.properties[rule.name];
		const property = connector.properties.find((p) => p.name === rule.name);
		if (!value || !property) return [];
		return [
			{
				name: rule.name,
				displayName: property.displayName,
				value,
				choices: meta.choices?.[rule.name] ?? []
			}
		];
	});
}
