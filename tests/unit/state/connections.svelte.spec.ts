/** The connection screen's flow and the connection page's state, with the worker faked. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeWorker } from './fake-worker';

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof createFakeWorker> | null }));
vi.mock('../../../src/lib/worker', () => ({
	relayBridgeWith: () => {},
	worker: () => fake.current!.api,
	publish: (m: never) => fake.current!.module.publish(m),
	subscribe: (h: never) => fake.current!.module.subscribe(h)
}));

const DRAFT = {
	connectorId: 'sandbox-api-key',
	authType: 'api-key' as const,
	folderId: 'my-workspace',
	name: 'Key',
	values: { api_key: 'wrong' }
};
const VIEW = { id: 'c1', name: 'Key', authType: 'api-key', folderId: 'my-workspace' };

async function load() {
	vi.resetModules();
	fake.current = createFakeWorker();
	const state = await import('../../../src/lib/state');
	const { AppError } = await import('../../../src/lib/errors');
	return { ...state, AppError, worker: fake.current };
}

afterEach(() => vi.restoreAllMocks());

describe('connecting', () => {
	it('connects a type without redirect and shows no popup', async () => {
		const { ConnectFlow, worker } = await load();
		const open = vi.spyOn(window, 'open');
		worker.api.connections.start.mockResolvedValue({ kind: 'connected', connection: VIEW });
		const flow = new ConnectFlow();
		expect(await flow.connect(DRAFT, 'Sandbox')).toEqual(VIEW);
		expect(open).not.toHaveBeenCalled();
		expect(flow.action.busy).toBe(false);
	});

	it('shows the failure, and a new attempt clears it', async () => {
		const { ConnectFlow, AppError, worker } = await load();
		worker.api.connections.start.mockRejectedValue(new AppError('connection.unauthorized'));
		const flow = new ConnectFlow();
		expect(await flow.connect(DRAFT, 'Sandbox')).toBeNull();
		expect(flow.action.error?.code).toBe('connection.unauthorized');
		flow.attempt();
		expect(flow.action.error).toBeNull();
	});
});

describe('the connection page', () => {
	it('follows changes another tab makes to this connection', async () => {
		const { ConnectionDetail, worker } = await load();
		worker.api.connections.get.mockResolvedValue({ ...VIEW, canSetDefault: false });
		const detail = new ConnectionDetail('c1');
		const stop = detail.open();
		await vi.waitFor(() => expect(detail.connection?.name).toBe('Key'));
		worker.api.connections.get.mockResolvedValue({
			...VIEW,
			name: 'Renamed',
			canSetDefault: false
		});
		worker.deliver({ type: 'data-changed', store: 'connections', ids: ['other'] });
		worker.deliver({ type: 'data-changed', store: 'connections', ids: ['c1'] });
		await vi.waitFor(() => expect(detail.connection?.name).toBe('Renamed'));
		expect(worker.api.connections.get).toHaveBeenCalledTimes(2);
		stop();
	});

	it('says when the check succeeded, in the words of the current language', async () => {
		const { ConnectionDetail, worker } = await load();
		worker.api.connections.get.mockResolvedValue({ ...VIEW, canSetDefault: false });
		worker.api.connections.check.mockResolvedValue({ status: 200, checkedAt: 0 });
		const detail = new ConnectionDetail('c1');
		expect(await detail.check()).toBe(true);
		expect(detail.notice?.key).toBe('detail.checked');
		expect(detail.notice?.params?.status).toBe(200);
	});

	it('flashes a failed revocation on the list after deleting', async () => {
		const { ConnectionDetail, connections, worker } = await load();
		worker.api.connections.delete.mockResolvedValue({ revocation: 'failed' });
		expect(await new ConnectionDetail('c1').remove()).toBe(true);
		expect(connections.flash?.code).toBe('oauth.revoke-failed');
	});

	it('keeps the page and shows the error when an action fails', async () => {
		const { ConnectionDetail, AppError, worker } = await load();
		worker.api.connections.get.mockResolvedValue({ ...VIEW, canSetDefault: false });
		worker.api.connections.edit.mockRejectedValue(new AppError('input.invalid'));
		const detail = new ConnectionDetail('c1');
		expect(await detail.edit({ name: '' })).toBe(false);
		expect(detail.action.error?.code).toBe('input.invalid');
		expect(detail.notice).toBeNull();
	});
});
