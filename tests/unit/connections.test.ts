/**
 * The connection functions (src/lib/connections) against the in-process sandbox provider, with a
 * ConnectionContext wired the way the worker's session wires it (src/lib/worker/session.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connector } from '../../src/lib/catalog';
import {
	ConnectionStore,
	Fingerprints,
	InFlight,
	PendingFlows,
	checkConnection,
	completeAuthorization,
	copyAsCurl,
	deleteConnection,
	filterConnections,
	getConnection,
	listConnections,
	reconnect,
	refreshConnection,
	revokeOnly,
	setDefault,
	startConnection,
	type ConnectionContext,
	type ConnectionDraft,
	type ConnectionSecrets,
	type ConnectionView
} from '../../src/lib/connections';
import { openDatabase } from '../../src/lib/db';
import { AppError } from '../../src/lib/errors';
import { FolderService, FolderStore } from '../../src/lib/folders';
import { DiscoveryCache } from '../../src/lib/oauth';
import { setOnline } from '../../src/lib/platform';
import { directNetwork } from '../../src/lib/connections';
import { Vault } from '../../src/lib/vault';
import { Browser, signIn } from './browser';
import { APP, sandboxCatalog, signInFor, startTestSandbox, type TestSandbox } from './sandbox-env';

let sandbox: TestSandbox;
let catalog: Map<string, Connector>;

/** One unlocked session's context: a fresh vault, folder service, discovery cache and all. */
async function setup() {
	const vault = new Vault(await openDatabase({ name: `connections-${crypto.randomUUID()}` }));
	await vault.create('correct horse battery');
	const notified: string[][] = [];
	const store = new ConnectionStore(vault);
	const folderStore = new FolderStore(vault);
	// The folder service and the context refer to each other, as in the worker's session.
	const folders = new FolderService(
		folderStore,
		{
			idsIn: async (folderId) => (await store.inFolder(folderId)).map((m) => m.id),
			revoke: async (id) => (await revokeOnly(ctx, id)) !== 'failed',
			remove: (ids, also) => store.commit({ deleteConnections: ids, extra: { delete: also } })
		},
		{ notify: (ids) => notified.push(ids), now: () => Date.now() }
	);
	const ctx: ConnectionContext = {
		store,
		pending: new PendingFlows(vault),
		catalog,
		requireFolder: (id) => folders.require(id),
		redirectUri: `${APP}/callback`,
		discovery: new DiscoveryCache(),
		network: directNetwork,
		fingerprints: new Fingerprints(),
		notify: (ids) => notified.push(ids),
		now: () => Date.now(),
		inFlight: new InFlight()
	};
	return { vault, ctx, folders, notified };
}

/** Connects a type without a redirect; fails the test if it asks for one. */
async function connect(ctx: ConnectionContext, d: ConnectionDraft): Promise<ConnectionView> {
	const started = await startConnection(ctx, d);
	if (started.kind !== 'connected')
		throw new Error(`expected a direct connect, got ${started.kind}`);
	return started.connection;
}

const draft = (over: Partial<ConnectionDraft>): ConnectionDraft => ({
	connectorId: 'sandbox-api-key',
	authType: 'api-key',
	folderId: 'my-workspace',
	name: 'Key',
	values: { 'X-Access-Token': 'sandbox-api-key-123' },
	...over
});
const failure = async (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: AppError) => e
	);
const stats = async () => (await fetch(`${sandbox.issuer}/__sandbox/stats`)).json();

/** Token requests the sandbox saw since its last reset, by grant type. */
const tokenRequests = async (): Promise<Record<string, number>> => (await stats()).tokenRequests;
const resetSandbox = () => fetch(`${sandbox.issuer}/__sandbox/reset`, { method: 'POST' });

/** Replaces a connection's stored tokens (e.g. to make one about to expire). */
async function patchTokens(
	ctx: ConnectionContext,
	id: string,
	patch: Partial<NonNullable<ConnectionSecrets['tokens']>>
) {
	const meta = (await ctx.store.get(id))!;
	const secrets = (await ctx.store.secrets(id))!;
	await ctx.store.commit({
		connections: [{ meta, secrets: { ...secrets, tokens: { ...secrets.tokens!, ...patch } } }]
	});
}

const apiKeyName = () =>
	catalog.get('sandbox-api-key')!.authTypes[0]!.properties.find((p) => p.secret)!.name;
const password = (username = 'alice') =>
	draft({
		connectorId: 'sandbox-password',
		authType: 'oauth2-password',
		name: 'Password',
		values: { username, password: `${username}-password` }
	});
const clientCredentials = () =>
	draft({
		connectorId: 'sandbox-client-credentials',
		authType: 'oauth2-client-credentials',
		values: {}
	});

beforeAll(async () => {
	sandbox = await startTestSandbox({ accessTokenTtl: 20 });
	catalog = sandboxCatalog(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	await resetSandbox();
});
afterEach(() => {
	vi.restoreAllMocks();
	setOnline(true);
});

describe('connections', () => {
	it('api key: verified, stored sealed, secrets apart from metadata', async () => {
		const { ctx, vault } = await setup();
		const view = await connect(ctx, draft({ values: { [apiKeyName()]: 'sandbox-api-key-123' } }));
		expect(view).toMatchObject({ status: 'connected', account: 'Alice Example', isDefault: true });
		expect(JSON.stringify(view)).not.toContain('sandbox-api-key-123');
		const secrets = await vault.get<{ values: Record<string, string> }>('secrets', view.id);
		expect(secrets?.values[apiKeyName()]).toBe('sandbox-api-key-123');
	});

	it('a wrong key is refused and nothing is stored', async () => {
		const { ctx } = await setup();
		const error = await failure(
			startConnection(ctx, draft({ values: { [apiKeyName()]: 'wrong' } }))
		);
		expect(error?.code).toBe('connection.unauthorized');
		expect(await listConnections(ctx)).toEqual([]);
	});

	it('a folder that does not exist is refused', async () => {
		const { ctx, folders } = await setup();
		expect((await failure(startConnection(ctx, draft({ folderId: 'nope' }))))?.code).toBe(
			'folder.not-found'
		);
		const folder = await folders.create('Team');
		const view = await connect(ctx, draft({ folderId: folder.id }));
		expect((await listConnections(ctx, folder.id)).map((c) => c.id)).toEqual([view.id]);
		expect(await listConnections(ctx, 'my-workspace')).toEqual([]);
	});

	it('values the connector does not ask for cannot be set from outside', async () => {
		const { ctx, vault } = await setup();
		const view = await connect(
			ctx,
			draft({
				connectorId: 'sandbox-client-credentials',
				authType: 'oauth2-client-credentials',
				values: { client_id: 'evil' }
			})
		);
		expect(view.properties.client_id).toBe('sandbox-service');
		const secrets = await vault.get<{ tokens: { accessToken: string } }>('secrets', view.id);
		expect(secrets?.tokens.accessToken).toBeTruthy();
		expect(view.account).toBe('System');
	});

	it('a changed auth config marks the connection as needing reconnect', async () => {
		const { ctx } = await setup();
		const view = await connect(
			ctx,
			draft({ connectorId: 'sandbox-none', authType: 'none', values: {} })
		);
		expect((await getConnection(ctx, view.id)).status).toBe('connected');
		const original = catalog.get('sandbox-none')!;
		const changed = {
			...original,
			authTypes: [{ ...original.authTypes[0]!, properties: [] }],
			apiBaseUrl: `${sandbox.apiUrl}/v2`
		};
		const marked = await getConnection(
			{ ...ctx, catalog: new Map([...catalog, ['sandbox-none', changed]]) },
			view.id
		);
		expect(marked.status).toBe('needs-reconnect');
		expect(marked.lastError?.code).toBe('connection.needs-reconnect');
	});

	it('flags missing mandatory scopes, and "expiring" when a due refresh failed', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, clientCredentials());
		expect(view.missingScopes).toEqual([]);
		const original = catalog.get('sandbox-client-credentials')!;
		const auth = original.authTypes[0]!;
		const stricter = {
			...original,
			authTypes: [
				{
					...auth,
					oauth: {
						...auth.oauth!,
						scopes: { default: ['api:read', 'api:write'], mandatory: ['api:read', 'api:write'] }
					}
				}
			]
		};
		const strict = { ...ctx, catalog: new Map([...catalog, [original.id, stricter]]) };
		expect((await getConnection(strict, view.id)).missingScopes).toEqual(['api:write']);

		const meta = (await ctx.store.get(view.id))!;
		await ctx.store.commit({
			connections: [
				{ meta: { ...meta, lastRefreshOutcome: 'failed', nextRefreshAt: Date.now() - 1000 } }
			]
		});
		expect((await getConnection(ctx, view.id)).status).toBe('expiring');
	});

	it('one default per connector per folder; it moves on when the default goes', async () => {
		const { ctx } = await setup();
		const none = (name: string) =>
			draft({ connectorId: 'sandbox-none', authType: 'none', name, values: {} });
		const a = await connect(ctx, none('A'));
		const b = await connect(ctx, none('B'));
		expect([a.isDefault, b.isDefault]).toEqual([true, false]);
		// "Set as default" is offered only where there is a choice.
		expect((await getConnection(ctx, a.id)).canSetDefault).toBe(false);
		expect((await getConnection(ctx, b.id)).canSetDefault).toBe(true);
		await setDefault(ctx, b.id);
		expect((await getConnection(ctx, a.id)).isDefault).toBe(false);
		expect((await getConnection(ctx, b.id)).isDefault).toBe(true);
		expect((await deleteConnection(ctx, b.id)).revocation).toBe('not-applicable');
		const left = await getConnection(ctx, a.id);
		expect(left.isDefault).toBe(true);
		expect(left.canSetDefault).toBe(false);
	});

	it('client credentials: delete revokes at the provider', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, clientCredentials());
		const checked = await checkConnection(ctx, view.id);
		expect(checked.status).toBe(200);
		expect(checked.checkedAt).toBeGreaterThan(0);
		expect(await deleteConnection(ctx, view.id)).toEqual({ revocation: 'done' });
		expect((await failure(getConnection(ctx, view.id)))?.code).toBe('connection.not-found');
	});

	it('authorization code: start answers with the URL, the callback completes it', async () => {
		const { ctx } = await setup();
		const started = await startConnection(
			ctx,
			draft({
				connectorId: 'sandbox-oauth-pkce',
				authType: 'oauth2-pkce',
				name: 'PKCE',
				values: {}
			})
		);
		if (started.kind !== 'redirect') throw new Error('expected a redirect');
		// Nothing is stored until the tokens are in hand.
		expect(await listConnections(ctx)).toEqual([]);
		const callback = await signIn(started.url, new Browser([ctx.redirectUri]));
		const view = await completeAuthorization(ctx, callback.href);
		expect(view).toMatchObject({ status: 'connected', isDefault: true, refreshable: true });
		expect(view.account).toBeTruthy();
		expect(await ctx.pending.all()).toEqual([]);
		// The same callback again finds no pending flow.
		expect((await failure(completeAuthorization(ctx, callback.href)))?.code).toBe(
			'oauth.state-mismatch'
		);
		// Reconnecting a redirect type starts a new flow for the same connection.
		const again = await reconnect(ctx, view.id);
		expect(again.kind).toBe('redirect');
		const reconnected = await completeAuthorization(
			ctx,
			(await signIn((again as { url: string }).url, new Browser([ctx.redirectUri]))).href
		);
		expect(reconnected.id).toBe(view.id);
		expect(await listConnections(ctx)).toHaveLength(1);
	});

	it('a callback delivered twice at once is redeemed once', async () => {
		const { ctx } = await setup();
		const callback = await signInFor(
			ctx,
			draft({
				connectorId: 'sandbox-oauth-pkce',
				authType: 'oauth2-pkce',
				name: 'Twice',
				values: {}
			})
		);
		const before = (await tokenRequests()).authorization_code ?? 0;
		const outcomes = await Promise.allSettled([
			completeAuthorization(ctx, callback.href),
			completeAuthorization(ctx, callback.href)
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const refused = outcomes.find((o) => o.status === 'rejected');
		expect((refused as PromiseRejectedResult).reason.code).toBe('oauth.state-mismatch');
		// The code went to the provider once.
		expect((await tokenRequests()).authorization_code).toBe(before + 1);
		expect(await listConnections(ctx)).toHaveLength(1);
	});

	it('concurrent refreshes of one connection make one token request', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, password());
		// A token with 5 s left is due (a refresh on use comes at most half a lifetime early: 10 s
		// of these 20 s tokens); a fresh one is not. The first caller refreshes, the others find
		// it done once they get the lock.
		await patchTokens(ctx, view.id, { expiresAt: Date.now() + 5_000, lifetime: 20 });
		await resetSandbox();
		const soon = { validForMs: 19_000 };
		const outcomes = await Promise.all([
			refreshConnection(ctx, view.id, soon),
			refreshConnection(ctx, view.id, soon),
			refreshConnection(ctx, view.id, soon)
		]);
		expect(outcomes.sort()).toEqual(['refreshed', 'still-valid', 'still-valid']);
		const s = await stats();
		expect(s.refreshes.total).toBe(1);
		expect(s.invalidGrant).toBe(0);
	});

	it('a rejected refresh marks needs-reconnect and keeps the connection', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, password('bob'));
		await fetch(`${sandbox.issuer}/__sandbox/revoke-all`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ account: 'bob' })
		});
		expect((await failure(refreshConnection(ctx, view.id, { force: true })))?.code).toBe(
			'oauth.invalid-grant'
		);
		const after = await getConnection(ctx, view.id);
		expect(after.status).toBe('needs-reconnect');
		expect(after.lastRefreshOutcome).toBe('failed');
	});

	it('filters and sorts the list', async () => {
		const { ctx } = await setup();
		await connect(
			ctx,
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'Zeta', values: {} })
		);
		await connect(
			ctx,
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'alpha', values: {} })
		);
		const all = await listConnections(ctx, 'my-workspace');
		expect(
			filterConnections(all, { text: '', status: 'all', sort: 'name' }).map((c) => c.name)
		).toEqual(['alpha', 'Zeta']);
		expect(
			filterConnections(all, { text: 'zet', status: 'all', sort: 'name' }).map((c) => c.name)
		).toEqual(['Zeta']);
		expect(filterConnections(all, { text: '', status: 'error', sort: 'name' })).toEqual([]);
	});
});

describe('behaviour fixes', () => {
	it('a check refreshes a token about to expire once, before the check request', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, password());
		// 5 s left of a 20 s token: due for a refresh on use. The new token (20 s) is not.
		await patchTokens(ctx, view.id, { expiresAt: Date.now() + 5_000, lifetime: 20 });
		await resetSandbox();
		const seen: string[] = [];
		const realFetch = globalThis.fetch;
		vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
			seen.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
			return realFetch(input, init);
		});
		const result = await checkConnection(ctx, view.id);
		vi.restoreAllMocks();
		expect(result.status).toBe(200);
		expect((await tokenRequests()).refresh_token).toBe(1);
		expect(seen.filter((p) => p === '/token' || p === '/api/me')).toEqual(['/token', '/api/me']);
		const after = await getConnection(ctx, view.id);
		expect(after).toMatchObject({ status: 'connected', lastError: null, lastRefreshOutcome: 'ok' });
		expect(after.expiresAt).toBeGreaterThan(Date.now() + 15_000);
	});

	it('reconnect clears the error of an earlier failed check', async () => {
		const { ctx } = await setup();
		const view = await connect(ctx, draft({}));
		// The check request does not get through (a dropped network, to the browser).
		vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('Failed to fetch'));
		expect((await failure(checkConnection(ctx, view.id)))?.code).toBe('oauth.cors');
		vi.restoreAllMocks();
		const failed = await getConnection(ctx, view.id);
		expect(failed.status).toBe('error');
		expect(failed.lastError?.code).toBe('oauth.cors');

		const again = await reconnect(ctx, view.id);
		if (again.kind !== 'connected') throw new Error('expected a direct reconnect');
		expect(again.connection).toMatchObject({ id: view.id, status: 'connected', lastError: null });
		expect(await getConnection(ctx, view.id)).toMatchObject({
			status: 'connected',
			lastError: null
		});
	});

	it('copy as curl: placeholders in the language asked for, secrets only when asked', async () => {
		const { ctx } = await setup();
		const key = await connect(ctx, draft({}));
		const oauthConnection = await connect(ctx, password());
		const spec = { method: 'GET', path: '/api/me' };
		const curl = (id: string, locale: 'en' | 'de', includeSecrets = false) =>
			copyAsCurl(ctx, id, spec, { includeSecrets, locale });

		const keyDe = await curl(key.id, 'de');
		expect(keyDe).toContain('<API-Schlüssel>');
		expect(keyDe).not.toContain('sandbox-api-key-123');
		const keyEn = await curl(key.id, 'en');
		expect(keyEn).toContain('<API key>');
		expect(keyEn).not.toContain('API-Schlüssel');
		expect(await curl(key.id, 'de', true)).toContain('sandbox-api-key-123');

		const token = (await ctx.store.secrets(oauthConnection.id))!.tokens!.accessToken;
		const tokenDe = await curl(oauthConnection.id, 'de');
		expect(tokenDe).toContain('Bearer <Zugriffstoken>');
		expect(tokenDe).not.toContain(token);
		expect(await curl(oauthConnection.id, 'en')).toContain('Bearer <access token>');
		expect(await curl(oauthConnection.id, 'en', true)).toContain(`Bearer ${token}`);
	});
});
