import { expose, transferHandlers, wrap } from 'comlink';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { createApi, type WorkerApi } from '../../src/lib/worker/api';
import type { RemoteApi } from '../../src/lib/worker/client';
import { installErrorTransfer } from '../../src/lib/worker/errors';
import { WorkerHost } from '../../src/lib/worker/host';
import { APP, pointAt, startTestSandbox, type TestSandbox } from './sandbox-env';

installErrorTransfer();

/** Where the in-process sandbox listens; the session's catalog points its connectors there. */
const ports = vi.hoisted(() => ({ issuer: '', apiUrl: '' }));

// The session loads the real catalog; its sandbox connectors name the fixed dev ports
// (9400/9401), which this test must not depend on. Point them at this test's sandbox.
vi.mock('../../src/lib/catalog/load', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../src/lib/catalog/load')>();
	const { validateConnector } = await import('../../src/lib/catalog');
	return {
		...real,
		loadCatalog() {
			const loaded = real.loadCatalog();
			const connectors = loaded.connectors.map((c) =>
				c.sandbox
					? validateConnector(
							JSON.parse(pointAt(JSON.stringify(c), { issuer: ports.issuer, apiUrl: ports.apiUrl }))
						)
					: c
			);
			return { ...loaded, connectors, byId: new Map(connectors.map((c) => [c.id, c])) };
		}
	};
});

let sandbox: TestSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox();
	ports.issuer = sandbox.issuer;
	ports.apiUrl = sandbox.apiUrl;
});
afterAll(() => sandbox.close());
afterEach(() => {
	vi.restoreAllMocks();
});

/** The worker's API over a real MessageChannel, as the page sees it through comlink. */
function connect(api: WorkerApi) {
	const { port1, port2 } = new MessageChannel();
	expose(api, port1 as never);
	// Typed as the page types it: comlink's own types read `remote.group` as a property fetch.
	const remote = wrap<WorkerApi>(port2 as never) as unknown as RemoteApi;
	return { remote, close: () => (port1.close(), port2.close()) };
}

const thrown = async (p: Promise<unknown>) =>
	p.then(
		() => null,
		(e: unknown) => e
	);

describe('errors crossing the worker boundary', () => {
	const handler = transferHandlers.get('throw')!;
	const roundTrip = (value: unknown) => {
		const [serialized] = handler.serialize({ value } as never);
		try {
			handler.deserialize(serialized);
		} catch (e) {
			return e;
		}
		return null;
	};

	it('keep the AppError code and detail', () => {
		const e = roundTrip(new AppError('vault.wrong-passphrase', { detail: 'x' })) as AppError;
		expect(e).toBeInstanceOf(AppError);
		expect(e.code).toBe('vault.wrong-passphrase');
		expect(e.detail).toBe('x');
	});

	it('map browser errors to their codes', () => {
		expect((roundTrip(new DOMException('full', 'QuotaExceededError')) as AppError).code).toBe(
			'db.quota'
		);
		expect((roundTrip(new DOMException('gone', 'InvalidStateError')) as AppError).code).toBe(
			'db.unavailable'
		);
	});

	it('never carry a foreign message (it could quote a secret)', () => {
		const e = roundTrip(new Error('token sk-live-123 was rejected')) as AppError;
		expect(e.code).toBe('internal');
		expect(JSON.stringify(e)).not.toContain('sk-live-123');
		expect(e.message).not.toContain('sk-live-123');
	});

	it('turn an unknown code into internal', () => {
		expect(AppError.fromJSON({ code: 'made.up' }).code).toBe('internal');
	});
});

describe('the worker API through comlink', () => {
	const api = createApi(
		new WorkerHost({
			dbName: `worker-api-${Date.now()}`,
			origin: APP
		})
	);
	const { remote, close } = connect(api);
	afterAll(async () => {
		await remote.vault.lock();
		close();
	});

	it('reports status, creates, locks and unlocks', async () => {
		expect(await remote.vault.status()).toEqual({ exists: false, unlocked: false });
		await remote.vault.create('correct horse battery');
		expect(await remote.vault.status()).toEqual({ exists: true, unlocked: true });
		await remote.vault.lock();
		expect(await remote.vault.status()).toEqual({ exists: true, unlocked: false });
	});

	it('rejects with typed AppErrors', async () => {
		const wrong = (await thrown(remote.vault.unlock('not the passphrase'))) as AppError;
		expect(wrong).toBeInstanceOf(AppError);
		expect(wrong.code).toBe('vault.wrong-passphrase');
		expect(((await thrown(remote.connections.list())) as AppError).code).toBe('vault.locked');
		expect(((await thrown(remote.vault.create('another passphrase'))) as AppError).code).toBe(
			'vault.exists'
		);
		await remote.vault.unlock('correct horse battery');
		expect(((await thrown(remote.connections.get('nope'))) as AppError).code).toBe(
			'connection.not-found'
		);
		expect(((await thrown(remote.folders.rename('my-workspace', 'x'))) as AppError).code).toBe(
			'folder.protected'
		);
		expect(((await thrown(remote.folders.create('   '))) as AppError).code).toBe('input.invalid');
	});

	it('keeps settings valid whatever it is sent', async () => {
		expect(await remote.settings.save({ theme: 'dark', autoLockMinutes: 5 })).toMatchObject({
			theme: 'dark',
			autoLockMinutes: 5
		});
		expect(
			await remote.settings.save({ theme: 'neon' as never, autoLockMinutes: -3 })
		).toMatchObject({
			theme: 'system',
			autoLockMinutes: 15
		});
		expect(await remote.settings.get()).toMatchObject({ theme: 'system', autoLockMinutes: 15 });
	});

	it('manages folders', async () => {
		const folder = await remote.folders.create('Finance');
		expect((await remote.folders.list()).map((f) => f.name)).toEqual(['', 'Finance']);
		await remote.folders.rename(folder.id, 'Finance team');
		expect((await remote.folders.list())[1]!.name).toBe('Finance team');
		expect(await remote.folders.delete(folder.id)).toEqual({ deleted: 0, revocationFailures: 0 });
		expect(await remote.folders.list()).toHaveLength(1);
	});

	/** An API-key connection to the sandbox (connected at once, no redirect). */
	async function connectApiKey() {
		const started = await remote.connections.start({
			connectorId: 'sandbox-api-key',
			authType: 'api-key',
			folderId: 'my-workspace',
			name: 'Key',
			values: { 'X-Access-Token': 'sandbox-api-key-123' }
		});
		if (started.kind !== 'connected') throw new Error('expected a direct connect');
		return started.connection;
	}

	it('makes, edits, checks and deletes a connection', async () => {
		const connection = await connectApiKey();
		const { id } = connection;
		expect(connection).toMatchObject({ status: 'connected', account: 'Alice Example' });
		expect(
			await remote.connections.edit(id, { name: ' Renamed ', description: 'd', pollingInterval: 7 })
		).toMatchObject({ name: 'Renamed', description: 'd', pollingInterval: 7 });
		expect(
			((await thrown(remote.connections.edit(id, { pollingInterval: 0 }))) as AppError).code
		).toBe('input.invalid');
		expect((await remote.connections.check(id)).status).toBe(200);
		const curl = await remote.connections.curl(
			id,
			{ method: 'GET', path: '/api/key/me' },
			{ includeSecrets: false, locale: 'de' }
		);
		expect(curl).toContain('<API-Schlüssel>');
		expect(await remote.connections.delete(id)).toEqual({ revocation: 'not-applicable' });
		expect(await remote.connections.list()).toEqual([]);
	});

	it('deleting a folder whose revocation fails reports it and still deletes everything in one step', async () => {
		const folder = await remote.folders.create('Service accounts');
		const start = async (connectorId: string, authType: string) => {
			const started = await remote.connections.start({
				connectorId,
				authType: authType as never,
				folderId: folder.id,
				name: connectorId,
				values: {}
			});
			if (started.kind !== 'connected') throw new Error('expected a direct connect');
			return started.connection;
		};
		const service = await start('sandbox-client-credentials', 'oauth2-client-credentials');
		const open = await start('sandbox-none', 'none');
		expect((await remote.connections.list(folder.id)).map((c) => c.id).sort()).toEqual(
			[service.id, open.id].sort()
		);

		// The provider's revocation endpoint cannot be reached; everything else can.
		const realFetch = globalThis.fetch;
		const revocations: string[] = [];
		vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
			const url = input instanceof Request ? input.url : String(input);
			if (url.endsWith('/token/revocation')) {
				revocations.push(url);
				return Promise.reject(new TypeError('Failed to fetch'));
			}
			return realFetch(input, init);
		});
		expect(await remote.folders.delete(folder.id)).toEqual({ deleted: 2, revocationFailures: 1 });
		expect(revocations).toHaveLength(1);
		vi.restoreAllMocks();

		expect((await remote.folders.list()).map((f) => f.id)).not.toContain(folder.id);
		expect(await remote.connections.list()).toEqual([]);
		for (const id of [service.id, open.id])
			expect(((await thrown(remote.connections.get(id))) as AppError).code).toBe(
				'connection.not-found'
			);
		// Nothing of it comes back after the next unlock (it was written, not just forgotten here).
		await remote.vault.lock();
		await remote.vault.unlock('correct horse battery');
		expect((await remote.folders.list()).map((f) => f.id)).not.toContain(folder.id);
		expect(await remote.connections.list()).toEqual([]);
	});

	it('lock waits for a refresh in flight, so the rotated refresh token is kept', async () => {
		const started = await remote.connections.start({
			connectorId: 'sandbox-password',
			authType: 'oauth2-password',
			folderId: 'my-workspace',
			name: 'Rotating',
			values: { username: 'alice', password: 'alice-password' }
		});
		if (started.kind !== 'connected') throw new Error('expected a direct connect');
		const { id } = started.connection;
		const hooks = `${sandbox.issuer}/__sandbox`;
		const stats = async () =>
			(await (await fetch(`${hooks}/stats`)).json()) as {
				inFlightTokenRequests: number;
				invalidGrant: number;
			};
		await fetch(`${hooks}/token-delay`, { method: 'POST', body: JSON.stringify({ ms: 800 }) });
		try {
			const refreshing = remote.connections.refresh(id);
			// The provider has the request (and will rotate the refresh token) when lock comes.
			await vi.waitFor(async () => expect((await stats()).inFlightTokenRequests).toBe(1));
			await remote.vault.lock();
			expect(await refreshing).toBe('refreshed');
		} finally {
			await fetch(`${hooks}/token-delay`, { method: 'POST', body: JSON.stringify({ ms: 0 }) });
		}
		await remote.vault.unlock('correct horse battery');
		// The token stored is the rotated one: refreshing with it is accepted.
		expect(await remote.connections.refresh(id)).toBe('refreshed');
		expect((await stats()).invalidGrant).toBe(0);
		await remote.connections.delete(id);
	});

	it('hands out a secret only after the passphrase was given again, for a minute', async () => {
		const connection = await connectApiKey();
		const { id } = connection;
		const spec = { method: 'GET', path: '/api/key/me' };
		const withSecret = { includeSecrets: true, locale: 'en' as const };
		expect(((await thrown(remote.connections.curl(id, spec, withSecret))) as AppError).code).toBe(
			'vault.proof-required'
		);
		expect(((await thrown(remote.vault.confirm('not the passphrase'))) as AppError).code).toBe(
			'vault.wrong-passphrase'
		);
		expect(((await thrown(remote.connections.curl(id, spec, withSecret))) as AppError).code).toBe(
			'vault.proof-required'
		);
		await remote.vault.confirm('correct horse battery');
		expect(await remote.connections.curl(id, spec, withSecret)).toContain('sandbox-api-key-123');
		// A minute later the proof has run out.
		const now = Date.now();
		vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
		expect(((await thrown(remote.connections.curl(id, spec, withSecret))) as AppError).code).toBe(
			'vault.proof-required'
		);
		vi.restoreAllMocks();
		// Lock ends the proof with the session.
		await remote.vault.confirm('correct horse battery');
		await remote.vault.lock();
		await remote.vault.unlock('correct horse battery');
		expect(((await thrown(remote.connections.curl(id, spec, withSecret))) as AppError).code).toBe(
			'vault.proof-required'
		);
		await remote.connections.delete(id);
	});
});
