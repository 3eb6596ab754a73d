import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { validateConnector, type Connector } from '../../src/lib/catalog';
import {
	ConnectionService,
	ConnectionStore,
	refreshConnection,
	type ConnectionContext,
	type ConnectionDraft
} from '../../src/lib/connections';
import { filterConnections } from '../../src/lib/connections/filter';
import { openDatabase } from '../../src/lib/db';
import { AppError } from '../../src/lib/errors';
import { clearDiscoveryCache } from '../../src/lib/oauth';
import { Vault } from '../../src/lib/vault';

const APP = 'http://localhost:4173';
let sandbox: { issuer: string; apiUrl: string; close(): Promise<void> };
let catalog: Map<string, Connector>;

/** The sandbox connectors, pointed at this test's own sandbox ports. */
function loadSandboxCatalog(): Map<string, Connector> {
	const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
	const map = new Map<string, Connector>();
	for (const file of readdirSync(dir).filter((f) => f.startsWith('sandbox-'))) {
		const text = readFileSync(join(dir, file), 'utf8')
			.replaceAll('http://localhost:9400', sandbox.issuer)
			.replaceAll('http://localhost:9401', sandbox.apiUrl);
		const connector = validateConnector(JSON.parse(text));
		map.set(connector.id, connector);
	}
	return map;
}

async function setup() {
	const vault = new Vault(await openDatabase({ name: `connections-${crypto.randomUUID()}` }), 1000);
	await vault.create('correct horse battery');
	const notified: string[][] = [];
	const ctx: ConnectionContext = {
		store: new ConnectionStore(vault),
		catalog,
		redirectUri: `${APP}/callback`,
		notify: (ids) => notified.push(ids),
		now: () => Date.now()
	};
	return { vault, ctx, service: new ConnectionService(ctx), notified };
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

beforeAll(async () => {
	sandbox = await startSandbox({
		issuerPort: 0,
		apiPort: 0,
		accessTokenTtl: 20,
		appOrigins: [APP],
		quiet: true
	});
	catalog = loadSandboxCatalog();
	clearDiscoveryCache();
});
afterAll(() => sandbox.close());

describe('connection service', () => {
	it('api key: verified, stored sealed, secrets apart from metadata', async () => {
		const { service, vault } = await setup();
		const apiKeyName = catalog
			.get('sandbox-api-key')!
			.authTypes[0].properties.find((p) => p.secret)!.name;
		const view = await service.create(draft({ values: { [apiKeyName]: 'sandbox-api-key-123' } }));
		expect(view).toMatchObject({ status: 'connected', account: 'Alice Example', isDefault: true });
		expect(JSON.stringify(view)).not.toContain('sandbox-api-key-123');
		const secrets = await vault.get<{ values: Record<string, string> }>('secrets', view.id);
		expect(secrets?.values[apiKeyName]).toBe('sandbox-api-key-123');
	});

	it('a wrong key is refused and nothing is stored', async () => {
		const { service } = await setup();
		const apiKeyName = catalog
			.get('sandbox-api-key')!
			.authTypes[0].properties.find((p) => p.secret)!.name;
		const error = await failure(service.create(draft({ values: { [apiKeyName]: 'wrong' } })));
		expect(error?.code).toBe('connection.unauthorized');
		expect(await service.list()).toEqual([]);
	});

	it('values the connector does not ask for cannot be set from outside', async () => {
		const { service, vault } = await setup();
		const view = await service.create(
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
		const { service, ctx } = await setup();
		const view = await service.create(
			draft({ connectorId: 'sandbox-none', authType: 'none', values: {} })
		);
		expect((await service.get(view.id)).status).toBe('connected');
		const original = catalog.get('sandbox-none')!;
		const changed = {
			...original,
			authTypes: [{ ...original.authTypes[0], properties: [] }],
			apiBaseUrl: `${sandbox.apiUrl}/v2`
		};
		const service2 = new ConnectionService({
			...ctx,
			catalog: new Map([...catalog, ['sandbox-none', changed]])
		});
		const marked = await service2.get(view.id);
		expect(marked.status).toBe('needs-reconnect');
		expect(marked.lastError?.code).toBe('connection.needs-reconnect');
	});

	it('flags missing mandatory scopes, and "expiring" when a due refresh failed', async () => {
		const { service, ctx } = await setup();
		const view = await service.create(
			draft({
				connectorId: 'sandbox-client-credentials',
				authType: 'oauth2-client-credentials',
				values: {}
			})
		);
		expect(view.missingScopes).toEqual([]);
		const original = catalog.get('sandbox-client-credentials')!;
		const auth = original.authTypes[0];
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
		const strict = new ConnectionService({
			...ctx,
			catalog: new Map([...catalog, [original.id, stricter]])
		});
		expect((await strict.get(view.id)).missingScopes).toEqual(['api:write']);

		const meta = (await ctx.store.get(view.id))!;
		await ctx.store.commit({
			connections: [
				{ meta: { ...meta, lastRefreshOutcome: 'failed', nextRefreshAt: Date.now() - 1000 } }
			]
		});
		expect((await service.get(view.id)).status).toBe('expiring');
	});

	it('one default per connector per folder; it moves on when the default goes', async () => {
		const { service } = await setup();
		const a = await service.create(
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'A', values: {} })
		);
		const b = await service.create(
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'B', values: {} })
		);
		expect([a.isDefault, b.isDefault]).toEqual([true, false]);
		await service.setDefault(b.id);
		expect((await service.get(a.id)).isDefault).toBe(false);
		expect((await service.get(b.id)).isDefault).toBe(true);
		expect((await service.delete(b.id)).revocation).toBe('not-applicable');
		expect((await service.get(a.id)).isDefault).toBe(true);
	});

	it('client credentials: delete revokes at the provider', async () => {
		const { service } = await setup();
		const view = await service.create(
			draft({
				connectorId: 'sandbox-client-credentials',
				authType: 'oauth2-client-credentials',
				values: {}
			})
		);
		expect((await service.check(view.id)).ok).toBe(true);
		expect(await service.delete(view.id)).toEqual({ revocation: 'done' });
		expect((await failure(service.get(view.id)))?.code).toBe('connection.not-found');
	});

	it('concurrent refreshes of one connection make one token request', async () => {
		const { service, ctx } = await setup();
		const view = await service.create(
			draft({
				connectorId: 'sandbox-password',
				authType: 'oauth2-password',
				values: { username: 'alice', password: 'alice-password' }
			})
		);
		await fetch(`${sandbox.issuer}/__sandbox/reset`, { method: 'POST' });
		// With 20 s tokens, "valid for less than 19 s" is true of the current token after a
		// moment and false of a fresh one: the first caller refreshes, the others find it done.
		await new Promise((resolve) => setTimeout(resolve, 1500));
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
		const { service, ctx } = await setup();
		const view = await service.create(
			draft({
				connectorId: 'sandbox-password',
				authType: 'oauth2-password',
				values: { username: 'bob', password: 'bob-password' }
			})
		);
		await fetch(`${sandbox.issuer}/__sandbox/revoke-all`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ account: 'bob' })
		});
		expect((await failure(refreshConnection(ctx, view.id, { force: true })))?.code).toBe(
			'oauth.invalid-grant'
		);
		const after = await service.get(view.id);
		expect(after.status).toBe('needs-reconnect');
		expect(after.lastRefreshOutcome).toBe('failed');
	});

	it('filters and sorts the list', async () => {
		const { service } = await setup();
		await service.create(
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'Zeta', values: {} })
		);
		await service.create(
			draft({ connectorId: 'sandbox-none', authType: 'none', name: 'alpha', values: {} })
		);
		const all = await service.list('my-workspace');
		expect(
			filterConnections(all, { text: '', status: 'all', sort: 'name' }).map((c) => c.name)
		).toEqual(['alpha', 'Zeta']);
		expect(
			filterConnections(all, { text: 'zet', status: 'all', sort: 'name' }).map((c) => c.name)
		).toEqual(['Zeta']);
		expect(filterConnections(all, { text: '', status: 'error', sort: 'name' })).toEqual([]);
	});
});
