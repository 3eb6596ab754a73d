/**
 * Both halves of the OAuth hand-over: the opener's popup flow and the /callback page, with the
 * worker faked and the real BroadcastChannel between them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWorker } from './fake-worker';

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof createFakeWorker> | null }));
vi.mock('../../../src/lib/worker', () => ({
	relayBridgeWith: () => {},
	worker: () => fake.current!.api,
	publish: (m: never) => fake.current!.module.publish(m),
	subscribe: (h: never) => fake.current!.module.subscribe(h)
}));

const CALLBACK = 'http://localhost:3000/callback?code=abc&state=xyz';
const VIEW = { id: 'c1', name: 'Sandbox' };

interface FakePopup {
	closed: boolean;
	opener: unknown;
	location: { href: string };
	close: ReturnType<typeof vi.fn>;
}

let channels: BroadcastChannel[] = [];
/** The other side of the hand-over (the popup's page, or the opener). */
function peer(): { channel: BroadcastChannel; received: unknown[] } {
	const channel = new BroadcastChannel('switchboard-oauth');
	channels.push(channel);
	const received: unknown[] = [];
	channel.onmessage = (event) => received.push(event.data);
	return { channel, received };
}

async function load() {
	vi.resetModules();
	fake.current = createFakeWorker();
	const state = await import('../../../src/lib/state/authflow.svelte');
	return { ...state, worker: fake.current };
}

function openPopup(): FakePopup {
	const popup: FakePopup = {
		closed: false,
		location: { href: '' },
		close: vi.fn(),
		opener: window
	};
	vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
	return popup;
}

beforeEach(() => {
	channels = [];
});
afterEach(() => {
	for (const c of channels) c.close();
	vi.restoreAllMocks();
	vi.useRealTimers();
});

describe('the opener', () => {
	it('opens the popup first, sends it to the provider and completes with the callback URL', async () => {
		const { runAuthorization, worker } = await load();
		const popup = openPopup();
		worker.api.connections.start.mockResolvedValue({
			kind: 'redirect',
			url: 'https://as.example/authorize?x=1&state=xyz'
		});
		worker.api.connections.complete.mockResolvedValue(VIEW);
		const done = runAuthorization(() => worker.api.connections.start({}));
		expect(window.open).toHaveBeenCalledOnce(); // before anything was awaited
		await vi.waitFor(() =>
			expect(popup.location.href).toBe('https://as.example/authorize?x=1&state=xyz')
		);
		expect((popup as unknown as { opener: unknown }).opener).toBeNull();
		const popupPage = peer();
		// Another window's callback (another flow, or a forged one) is not taken.
		popupPage.channel.postMessage({ type: 'callback', url: CALLBACK.replace('xyz', 'other') });
		popupPage.channel.postMessage({ type: 'callback', url: CALLBACK });
		await expect(done).resolves.toEqual(VIEW);
		expect(worker.api.connections.complete).toHaveBeenCalledWith(CALLBACK);
		await vi.waitFor(() =>
			expect(popupPage.received).toContainEqual({ type: 'ack', url: CALLBACK })
		);
	});

	it('fails with popup-closed when the popup closes without a callback', async () => {
		vi.useFakeTimers();
		const { runAuthorization, worker } = await load();
		const popup = openPopup();
		worker.api.connections.start.mockResolvedValue({ kind: 'redirect', url: 'https://as/a' });
		const done = runAuthorization(() => worker.api.connections.start({}));
		const outcome = done.catch((e: { code: string }) => e.code);
		await vi.advanceTimersByTimeAsync(500);
		popup.closed = true;
		await vi.advanceTimersByTimeAsync(2_000);
		expect(await outcome).toBe('oauth.popup-closed');
		expect(worker.api.connections.complete).not.toHaveBeenCalled();
	});

	it('closes the popup when the connection needs no redirect', async () => {
		const { runAuthorization, worker } = await load();
		const popup = openPopup();
		worker.api.connections.reconnect.mockResolvedValue({ kind: 'connected', connection: VIEW });
		await expect(runAuthorization(() => worker.api.connections.reconnect('c1'))).resolves.toEqual(
			VIEW
		);
		expect(popup.close).toHaveBeenCalled();
	});
});

describe('the callback page', () => {
	beforeEach(() => history.replaceState(null, '', CALLBACK));

	it('takes the code out of the address bar and hands it to the opener', async () => {
		const { CallbackHandover } = await load();
		const opener = peer();
		opener.channel.onmessage = (event) => {
			if (event.data?.type === 'callback')
				opener.channel.postMessage({ type: 'ack', url: event.data.url });
		};
		const close = vi.spyOn(window, 'close').mockImplementation(() => {});
		const handover = new CallbackHandover();
		const stop = handover.begin();
		expect(location.href).toBe('http://localhost:3000/callback');
		await vi.waitFor(() => expect(handover.stage).toBe('done'));
		expect(close).toHaveBeenCalled();
		stop();
	});

	it('finishes the flow itself when no opener claims it (popup blocked), once', async () => {
		vi.useFakeTimers();
		const { CallbackHandover, worker } = await load();
		worker.api.connections.complete.mockResolvedValue(VIEW);
		const handover = new CallbackHandover();
		const stop = handover.begin();
		await vi.advanceTimersByTimeAsync(1_600);
		expect(handover.stage).toBe('completing-here');
		expect(await handover.completeHere()).toBe('c1');
		expect(worker.api.connections.complete).toHaveBeenCalledWith(CALLBACK);
		expect(await handover.completeHere()).toBeNull();
		expect(worker.api.connections.complete).toHaveBeenCalledOnce();
		stop();
	});

	it('shows why the flow failed', async () => {
		vi.useFakeTimers();
		const { CallbackHandover, worker } = await load();
		const { AppError } = await import('../../../src/lib/errors');
		worker.api.connections.complete.mockRejectedValue(new AppError('oauth.state-mismatch'));
		const handover = new CallbackHandover();
		handover.begin();
		await vi.advanceTimersByTimeAsync(1_600);
		expect(await handover.completeHere()).toBeNull();
		expect(handover.stage).toBe('failed');
		expect(handover.error?.code).toBe('oauth.state-mismatch');
	});
});
