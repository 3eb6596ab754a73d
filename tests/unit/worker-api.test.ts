import { expose, transferHandlers, wrap } from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors';
import { WorkerApi } from '../../src/lib/worker/api';
import { installErrorTransfer } from '../../src/lib/worker/errors';

installErrorTransfer();

/** The worker's API over a real MessageChannel, as the page sees it through comlink. */
function connect(api: WorkerApi) {
	const { port1, port2 } = new MessageChannel();
	expose(api, port1 as never);
	return { remote: wrap<WorkerApi>(port2 as never), close: () => (port1.close(), port2.close()) };
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
	const api = new WorkerApi({
		dbName: `worker-api-${Date.now()}`,
		iterations: 1000,
		origin: 'http://localhost:4173'
	});
	const { remote, close } = connect(api);
	afterAll(close);

	it('reports status, creates, locks and unlocks', async () => {
		expect(await remote.status()).toEqual({ exists: false, unlocked: false });
		await remote.createVault('correct horse battery');
		expect(await remote.status()).toEqual({ exists: true, unlocked: true });
		await remote.lock();
		expect(await remote.status()).toEqual({ exists: true, unlocked: false });
	});

	it('rejects with typed AppErrors', async () => {
		const wrong = (await thrown(remote.unlock('not the passphrase'))) as AppError;
		expect(wrong).toBeInstanceOf(AppError);
		expect(wrong.code).toBe('vault.wrong-passphrase');
		expect(((await thrown(remote.listConnections())) as AppError).code).toBe('vault.locked');
		expect(((await thrown(remote.createVault('another passphrase'))) as AppError).code).toBe(
			'vault.exists'
		);
		await remote.unlock('correct horse battery');
		expect(((await thrown(remote.getConnection('nope'))) as AppError).code).toBe(
			'connection.not-found'
		);
		expect(((await thrown(remote.renameFolder('my-workspace', 'x'))) as AppError).code).toBe(
			'folder.protected'
		);
		expect(((await thrown(remote.createFolder('   '))) as AppError).code).toBe('input.invalid');
	});

	it('keeps settings valid whatever it is sent', async () => {
		expect(await remote.saveSettings({ theme: 'dark', autoLockMinutes: 5 })).toMatchObject({
			theme: 'dark',
			autoLockMinutes: 5
		});
		expect(
			await remote.saveSettings({ theme: 'neon' as never, autoLockMinutes: -3 })
		).toMatchObject({
			theme: 'system',
			autoLockMinutes: 15
		});
	});

	it('manages folders', async () => {
		const folder = await remote.createFolder('Finance');
		expect((await remote.listFolders()).map((f) => f.name)).toEqual(['', 'Finance']);
		await remote.renameFolder(folder.id, 'Finance team');
		expect((await remote.listFolders())[1].name).toBe('Finance team');
		expect(await remote.deleteFolder(folder.id)).toEqual({ deleted: 0, revocationFailures: 0 });
		expect(await remote.listFolders()).toHaveLength(1);
	});
});
