/** The app state: lock across tabs and auto-lock after idle, with the worker faked. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWorker } from './fake-worker';

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof createFakeWorker> | null }));
vi.mock('../../../src/lib/worker', () => ({
	relayBridgeWith: () => {},
	worker: () => fake.current!.api,
	publish: (m: never) => fake.current!.module.publish(m),
	subscribe: (h: never) => fake.current!.module.subscribe(h)
}));

async function unlockedApp() {
	vi.resetModules();
	fake.current = createFakeWorker();
	const { app } = await import('../../../src/lib/state');
	await app.start();
	expect(app.phase).toBe('locked');
	await app.unlock('correct horse battery staple');
	expect(app.phase).toBe('unlocked');
	return { app, worker: fake.current };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('app state', () => {
	it('tells the other tabs when it locks', async () => {
		const { app, worker } = await unlockedApp();
		await app.lock('user');
		expect(worker.api.vault.lock).toHaveBeenCalledOnce();
		expect(app.phase).toBe('locked');
		expect(app.lockReason).toBe('user');
		expect(worker.published).toContainEqual({ type: 'locked' });
	});

	it('locks when another tab locks, without telling them again', async () => {
		const { app, worker } = await unlockedApp();
		worker.deliver({ type: 'locked' });
		await vi.waitFor(() => expect(app.phase).toBe('locked'));
		expect(app.lockReason).toBe('other-tab');
		expect(worker.api.vault.lock).toHaveBeenCalledOnce();
		expect(worker.published).not.toContainEqual({ type: 'locked' });
	});

	it('locks itself after the idle time; activity here or in another tab postpones it', async () => {
		const { app, worker } = await unlockedApp(); // autoLockMinutes: 1
		await vi.advanceTimersByTimeAsync(50_000);
		window.dispatchEvent(new Event('keydown'));
		await vi.advanceTimersByTimeAsync(50_000);
		expect(app.phase).toBe('unlocked');
		worker.deliver({ type: 'activity' });
		await vi.advanceTimersByTimeAsync(50_000);
		expect(app.phase).toBe('unlocked');
		await vi.advanceTimersByTimeAsync(11_000);
		expect(app.phase).toBe('locked');
		expect(app.lockReason).toBe('auto');
		expect(worker.published).toContainEqual({ type: 'locked' });
	});

	it('locks at once when the tab wakes up past the idle time (sleep, back/forward cache)', async () => {
		const { app, worker } = await unlockedApp(); // autoLockMinutes: 1
		// The machine slept: the clock jumped, no timer ran.
		vi.setSystemTime(Date.now() + 5 * 60_000);
		expect(app.phase).toBe('unlocked');
		// Waking up is not activity: a key press now must not extend the session.
		window.dispatchEvent(new Event('keydown'));
		expect(app.phase).toBe('locked');
		expect(app.lockReason).toBe('auto');
		await vi.waitFor(() => expect(worker.api.vault.lock).toHaveBeenCalled());
	});

	it('checks the clock when the page is shown again', async () => {
		const { app } = await unlockedApp();
		vi.setSystemTime(Date.now() + 2 * 60_000);
		window.dispatchEvent(new Event('pageshow'));
		expect(app.phase).toBe('locked');
	});

	it('applies settings another tab saved', async () => {
		const { app, worker } = await unlockedApp();
		worker.api.settings.get.mockResolvedValue({
			language: 'de',
			theme: 'dark',
			autoLockMinutes: 1
		});
		worker.deliver({ type: 'settings-changed' });
		await vi.waitFor(() => expect(app.settings.theme).toBe('dark'));
		expect(document.documentElement.dataset.theme).toBe('dark');
		expect(document.documentElement.lang).toBe('de');
	});
});
