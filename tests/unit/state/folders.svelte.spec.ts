/** Folder selection and the folder actions, with the worker faked. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWorker } from './fake-worker';

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof createFakeWorker> | null }));
vi.mock('../../../src/lib/worker', () => ({
	relayBridgeWith: () => {},
	worker: () => fake.current!.api,
	publish: (m: never) => fake.current!.module.publish(m),
	subscribe: (h: never) => fake.current!.module.subscribe(h)
}));

const MY = { id: 'my-workspace', name: '', createdAt: 0 };
const SALES = { id: 'f-sales', name: 'Sales', createdAt: 1 };

async function load() {
	vi.resetModules();
	fake.current = createFakeWorker();
	fake.current.api.folders.list.mockResolvedValue([MY, SALES]);
	const { folders } = await import('../../../src/lib/state');
	await folders.load();
	return { folders, worker: fake.current };
}

beforeEach(() => vi.useRealTimers());

describe('folder state', () => {
	it('starts in My Workspace and selects a folder', async () => {
		const { folders } = await load();
		expect(folders.selected).toBe('my-workspace');
		folders.select('f-sales');
		expect(folders.current?.name).toBe('Sales');
		expect(folders.nameOf('my-workspace', 'My Workspace')).toBe('My Workspace');
	});

	it('falls back to My Workspace when the selected folder goes away', async () => {
		const { folders, worker } = await load();
		folders.select('f-sales');
		worker.api.folders.list.mockResolvedValue([MY]);
		await folders.load();
		expect(folders.selected).toBe('my-workspace');
	});

	it('selects a folder it created', async () => {
		const { folders, worker } = await load();
		const made = { id: 'f-new', name: 'New', createdAt: 2 };
		worker.api.folders.create.mockResolvedValue(made);
		worker.api.folders.list.mockResolvedValue([MY, made, SALES]);
		expect(await folders.create('New')).toBe(true);
		expect(folders.selected).toBe('f-new');
	});

	it('says that a revocation failed when deleting a folder, not "internal"', async () => {
		const { folders, worker } = await load();
		folders.select('f-sales');
		worker.api.folders.delete.mockResolvedValue({ deleted: 2, revocationFailures: 1 });
		worker.api.folders.list.mockResolvedValue([MY]);
		await folders.deleteSelected();
		expect(worker.api.folders.delete).toHaveBeenCalledWith('f-sales');
		expect(folders.selected).toBe('my-workspace');
		expect(folders.deleted).toBe(2);
		expect(folders.action.error?.code).toBe('oauth.revoke-failed');
	});

	it('keeps the folder and shows the error when deleting fails', async () => {
		const { folders, worker } = await load();
		// After load(): the same module instance as the state's (resetModules starts a new one).
		const { AppError } = await import('../../../src/lib/errors');
		folders.select('f-sales');
		worker.api.folders.delete.mockRejectedValue(new AppError('folder.not-found'));
		await folders.deleteSelected();
		expect(folders.selected).toBe('f-sales');
		expect(folders.deleted).toBeNull();
		expect(folders.action.error?.code).toBe('folder.not-found');
	});
});
