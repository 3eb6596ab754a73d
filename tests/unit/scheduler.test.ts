/**
 * The background refresh scheduler with fake timers: catch-up, the concurrency cap, backoff with
 * jitter and Retry-After, giving up, offline pauses, stop() and the single timer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	RefreshScheduler,
	browserSchedulerDeps,
	type SchedulerDeps,
	type SchedulerOptions,
	type SchedulerOutcome
} from '../../src/lib/connections/scheduler';
import { AppError } from '../../src/lib/errors';
import { OAuthError } from '../../src/lib/oauth';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;

interface Deferred {
	id: string;
	resolve(next: number | null): void;
	reject(error: unknown): void;
}

/** A scheduler over fake timers whose refresh calls the test settles by hand. */
function setup(options: SchedulerOptions = {}, overrides: Partial<SchedulerDeps> = {}) {
	const calls: Deferred[] = [];
	const outcomes: [string, SchedulerOutcome][] = [];
	let online = true;
	const listeners = new Set<() => void>();
	const deps: SchedulerDeps = {
		now: () => Date.now(),
		setTimer: vi.fn((fn: () => void, ms: number) => setTimeout(fn, ms)),
		clearTimer: vi.fn((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>)),
		refresh: vi.fn(
			(id: string) =>
				new Promise<number | null>((resolve, reject) => calls.push({ id, resolve, reject }))
		),
		isOnline: () => online,
		onOnline: (cb) => {
			listeners.add(cb);
			return () => listeners.delete(cb);
		},
		random: () => 0.5,
		afterRefresh: (id, outcome) => outcomes.push([id, outcome]),
		...overrides
	};
	const scheduler = new RefreshScheduler(deps, options);
	return {
		scheduler,
		deps,
		calls,
		outcomes,
		listeners,
		setOnline(value: boolean) {
			online = value;
			if (value) for (const cb of [...listeners]) cb();
		},
		/** The pending refresh of `id` (the last one started). */
		call(id: string): Deferred {
			const found = calls.filter((c) => c.id === id).at(-1);
			if (!found) throw new Error(`no refresh of ${id}`);
			return found;
		}
	};
}

/** Lets promise callbacks run without moving the clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);

const serverError = () => new OAuthError('oauth.server-error', { status: 503 });

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('RefreshScheduler', () => {
	it('runs past due times at once (catch-up) and future ones at their time', async () => {
		const { scheduler, deps } = setup();
		scheduler.schedule([
			{ id: 'expired', dueAt: T0 - HOUR },
			{ id: 'later', dueAt: T0 + 10_000 },
			{ id: 'none', dueAt: null }
		]);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		expect(deps.refresh).toHaveBeenLastCalledWith('expired');
		expect(scheduler.info('none')).toBeNull();

		await vi.advanceTimersByTimeAsync(9_999);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(deps.refresh).toHaveBeenCalledTimes(2);
		expect(deps.refresh).toHaveBeenLastCalledWith('later');
	});

	it('keeps at most maxInFlight refreshes running and starts the rest in due order', async () => {
		const { scheduler, calls } = setup();
		// Twenty due already (c00 first), listed in reverse.
		const ids = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
		scheduler.schedule([...ids].reverse().map((id, i) => ({ id, dueAt: T0 - 1000 + 19 - i })));
		expect(calls).toHaveLength(6);
		expect(scheduler.stats()).toMatchObject({ inFlight: 6, queued: 14 });

		let settled = 0;
		while (settled < calls.length) {
			expect(scheduler.stats().inFlight).toBeLessThanOrEqual(6);
			calls[settled++].resolve(T0 + HOUR);
			await flush();
		}
		expect(calls).toHaveLength(20);
		// Started in due order, not list order.
		expect(calls.map((c) => c.id)).toEqual(ids);
		expect(scheduler.stats()).toMatchObject({
			inFlight: 0,
			peakInFlight: 6,
			queued: 0,
			scheduled: 20,
			completed: 20,
			failed: 0
		});
	});

	it('honours a configured maxInFlight', async () => {
		const { scheduler, calls } = setup({ maxInFlight: 2 });
		scheduler.schedule(['a', 'b', 'c'].map((id) => ({ id, dueAt: T0 })));
		expect(calls.map((c) => c.id)).toEqual(['a', 'b']);
		calls[1].resolve(null);
		await flush();
		expect(calls.map((c) => c.id)).toEqual(['a', 'b', 'c']);
	});

	it('backs off exponentially with full jitter up to the cap', async () => {
		const { scheduler, call, outcomes } = setup({ maxAttempts: 20 });
		scheduler.update('a', T0);
		const delays: number[] = [];
		for (let i = 0; i < 12; i++) {
			const failedAt = Date.now();
			call('a').reject(serverError());
			await flush();
			const retryAt = scheduler.info('a')!.runAt;
			delays.push(retryAt - failedAt);
			await vi.advanceTimersByTimeAsync(retryAt - failedAt);
		}
		// random() = 0.5: half of 1 s, 2 s, 4 s, … until the 5 min ceiling.
		expect(delays).toEqual([
			500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000
		]);
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 12 }]);
	});

	it('takes the jitter from random() and the configured base, factor and cap', async () => {
		const values = [0, 0.999, 0.25];
		const { scheduler, call } = setup(
			{ baseDelayMs: 100, factor: 3, maxDelayMs: 500 },
			{ random: () => values.shift()! }
		);
		scheduler.update('a', T0);
		const delays: number[] = [];
		for (let i = 0; i < 3; i++) {
			const failedAt = Date.now();
			call('a').reject(serverError());
			await flush();
			delays.push(scheduler.info('a')!.runAt - failedAt);
			await vi.advanceTimersByTimeAsync(delays[i]);
		}
		// Ceilings 100, 300, 500 (900 capped).
		expect(delays).toEqual([0, 299, 125]);
	});

	it('uses crypto randomness when no random() is given', async () => {
		const spy = vi.spyOn(crypto, 'getRandomValues');
		const { scheduler, call } = setup({}, { random: undefined });
		scheduler.update('a', T0);
		call('a').reject(serverError());
		await flush();
		expect(spy).toHaveBeenCalled();
		const delay = scheduler.info('a')!.runAt - T0;
		expect(delay).toBeGreaterThanOrEqual(0);
		expect(delay).toBeLessThan(1000);
		spy.mockRestore();
	});

	it('waits at least Retry-After on 429 / 503', async () => {
		const { scheduler, call, deps } = setup();
		scheduler.update('a', T0);
		call('a').reject(new OAuthError('oauth.rate-limited', { status: 429, retryAfter: 120 }));
		await flush();
		expect(scheduler.info('a')!.runAt).toBe(T0 + 120_000);
		await vi.advanceTimersByTimeAsync(119_999);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(deps.refresh).toHaveBeenCalledTimes(2);

		// A Retry-After shorter than the backoff does not shorten it.
		const { scheduler: s2, call: call2 } = setup({ baseDelayMs: 10_000 }, { random: () => 0.9 });
		s2.update('b', Date.now());
		const failedAt = Date.now();
		call2('b').reject(new OAuthError('oauth.server-error', { status: 503, retryAfter: 1 }));
		await flush();
		expect(s2.info('b')!.runAt - failedAt).toBe(9000);
	});

	it('gives up after maxAttempts consecutive transient failures until rescheduled', async () => {
		const { scheduler, call, deps, outcomes } = setup();
		scheduler.update('a', T0);
		for (let i = 0; i < 8; i++) {
			call('a').reject(new OAuthError('oauth.bad-response', { detail: '200' }));
			await vi.advanceTimersByTimeAsync(10 * 60_000);
		}
		expect(deps.refresh).toHaveBeenCalledTimes(8);
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'gave-up', attempts: 8 }]);
		expect(scheduler.info('a')).toBeNull();
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(deps.refresh).toHaveBeenCalledTimes(8);
		expect(scheduler.stats().failed).toBe(8);

		// Scheduling it again starts over with a fresh count.
		scheduler.update('a', Date.now());
		expect(deps.refresh).toHaveBeenCalledTimes(9);
		call('a').reject(serverError());
		await flush();
		expect(scheduler.info('a')!.attempt).toBe(1);
	});

	it('resets the failure count after a success', async () => {
		const { scheduler, call } = setup({ maxAttempts: 3 });
		scheduler.update('a', T0);
		call('a').reject(serverError());
		await vi.advanceTimersByTimeAsync(5000);
		call('a').reject(serverError());
		await vi.advanceTimersByTimeAsync(5000);
		expect(scheduler.info('a')!.attempt).toBe(2);
		call('a').resolve(Date.now() + HOUR);
		await flush();
		expect(scheduler.info('a')!.attempt).toBe(0);
	});

	it('stops scheduling a connection after a non-transient failure', async () => {
		const { scheduler, call, deps, outcomes } = setup();
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 + HOUR }
		]);
		call('a').reject(new OAuthError('oauth.invalid-grant', { detail: 'invalid_grant' }));
		await flush();
		expect(outcomes).toMatchObject([['a', { type: 'stopped' }]]);
		expect(scheduler.info('a')).toBeNull();
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(vi.mocked(deps.refresh).mock.calls.map((c) => c[0])).toEqual(['a', 'b']);
	});

	it('treats anything thrown that is not transient (even a plain Error) as final', async () => {
		const { scheduler, outcomes } = setup(
			{},
			{
				refresh: () => {
					throw new Error('boom');
				}
			}
		);
		scheduler.update('a', T0);
		await flush();
		expect(outcomes).toMatchObject([['a', { type: 'stopped', error: { code: 'internal' } }]]);
		expect(scheduler.stats()).toMatchObject({ inFlight: 0, failed: 1 });
	});

	it('starts nothing while offline and resumes due work when back online', async () => {
		const env = setup();
		const { scheduler, deps } = env;
		env.setOnline(false);
		scheduler.schedule([
			{ id: 'a', dueAt: T0 - 1000 },
			{ id: 'b', dueAt: T0 + 5000 }
		]);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(deps.refresh).not.toHaveBeenCalled();
		expect(vi.getTimerCount()).toBe(0); // no timer while offline
		env.setOnline(true);
		expect(vi.mocked(deps.refresh).mock.calls.map((c) => c[0])).toEqual(['a', 'b']);
	});

	it('pauses on a network.offline failure without using up an attempt', async () => {
		const env = setup({ maxInFlight: 1 });
		const { scheduler, deps, outcomes } = env;
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 + 1 }
		]);
		env.setOnline(false); // the browser notices while the request fails
		env.call('a').reject(new OAuthError('network.offline'));
		await vi.advanceTimersByTimeAsync(60_000);
		expect(outcomes).toMatchObject([['a', { type: 'paused' }]]);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		expect(scheduler.stats()).toMatchObject({ inFlight: 0, queued: 2 });
		expect(scheduler.info('a')!.attempt).toBe(0);

		env.setOnline(true);
		// 'a' keeps its place ahead of 'b'.
		expect(vi.mocked(deps.refresh).mock.calls.map((c) => c[0])).toEqual(['a', 'a']);
	});

	it('backs off a network.offline failure when the browser already says online', async () => {
		const { scheduler, call, outcomes } = setup();
		scheduler.update('a', T0);
		call('a').reject(new OAuthError('network.offline'));
		await flush();
		expect(outcomes).toMatchObject([['a', { type: 'retry', attempt: 1 }]]);
	});

	it('stop() cancels the timer, drops the queue and ignores results in flight', async () => {
		const env = setup({ maxInFlight: 1 });
		const { scheduler, deps, outcomes } = env;
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 },
			{ id: 'c', dueAt: T0 + HOUR }
		]);
		expect(vi.getTimerCount()).toBe(1);
		scheduler.stop();
		expect(vi.getTimerCount()).toBe(0);
		expect(env.listeners.size).toBe(0);
		expect(scheduler.stats()).toMatchObject({ inFlight: 0, queued: 0, scheduled: 0 });

		env.call('a').resolve(T0 + HOUR);
		await vi.advanceTimersByTimeAsync(2 * HOUR);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		expect(outcomes).toEqual([]);
		expect(scheduler.info('a')).toBeNull();
		expect(scheduler.stats().completed).toBe(0);

		// Usable again after the next unlock.
		scheduler.schedule([{ id: 'a', dueAt: Date.now() }]);
		expect(deps.refresh).toHaveBeenCalledTimes(2);
		expect(env.listeners.size).toBe(1);
	});

	it('reschedules after a success with the due time refresh returned', async () => {
		const { scheduler, call, deps, outcomes } = setup();
		scheduler.update('a', T0);
		call('a').resolve(T0 + HOUR);
		await flush();
		expect(outcomes).toEqual([['a', { type: 'refreshed', nextRunAt: T0 + HOUR }]]);
		expect(scheduler.info('a')).toMatchObject({ dueAt: T0 + HOUR, runAt: T0 + HOUR });
		await vi.advanceTimersByTimeAsync(HOUR - 1);
		expect(deps.refresh).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(deps.refresh).toHaveBeenCalledTimes(2);

		// null: nothing more to schedule.
		call('a').resolve(null);
		await flush();
		expect(scheduler.info('a')).toBeNull();
		expect(scheduler.stats()).toMatchObject({ completed: 2, scheduled: 0 });
	});

	it('keeps minIntervalMs between successful refreshes when the due time is already past', async () => {
		const { scheduler, call } = setup({ minIntervalMs: 30_000 });
		scheduler.update('a', T0);
		// A token living shorter than its margin: the next due time is already past.
		call('a').resolve(T0 - 5000);
		await flush();
		expect(scheduler.info('a')!.runAt).toBe(T0 + 30_000);
	});

	it('lets an update made while refreshing win over the refresh result', async () => {
		const { scheduler, call, deps } = setup();
		scheduler.update('a', T0);
		scheduler.update('a', T0 + 2 * HOUR); // e.g. the user reconnected meanwhile
		expect(deps.refresh).toHaveBeenCalledTimes(1); // never two refreshes of one connection
		call('a').resolve(T0 + HOUR);
		await flush();
		expect(scheduler.info('a')!.runAt).toBe(T0 + 2 * HOUR);

		scheduler.update('b', T0 + 1);
		await vi.advanceTimersByTimeAsync(1);
		scheduler.remove('b');
		call('b').resolve(T0 + HOUR);
		await flush();
		expect(scheduler.info('b')).toBeNull();
		expect(scheduler.stats().inFlight).toBe(0);
	});

	it('schedule() replaces everything; update() and remove() change one entry', async () => {
		const { scheduler, deps } = setup();
		scheduler.schedule([
			{ id: 'a', dueAt: T0 + 1000 },
			{ id: 'b', dueAt: T0 + 2000 }
		]);
		scheduler.schedule([{ id: 'c', dueAt: T0 + 3000 }]);
		scheduler.update('d', T0 + 4000);
		scheduler.update('c', T0 + 5000);
		scheduler.remove('d');
		expect(scheduler.info('a')).toBeNull();
		await vi.advanceTimersByTimeAsync(4999);
		expect(deps.refresh).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(vi.mocked(deps.refresh).mock.calls).toEqual([['c']]);
	});

	it('uses one timer for 1,000 connections', async () => {
		const { scheduler, deps, calls } = setup();
		const entries = Array.from({ length: 1000 }, (_, i) => ({
			id: `c${i}`,
			dueAt: T0 + 1000 + ((i * 7919) % 1000) * 1000
		}));
		scheduler.schedule(entries);
		expect(deps.setTimer).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(1);
		expect(scheduler.stats().scheduled).toBe(1000);

		// Later changes do not re-arm; an earlier one does, once.
		scheduler.update('c1', T0 + 900_000);
		scheduler.remove('c2');
		expect(deps.setTimer).toHaveBeenCalledTimes(1);
		scheduler.update('c3', T0 + 500);
		expect(deps.setTimer).toHaveBeenCalledTimes(2);
		expect(vi.getTimerCount()).toBe(1);

		// Running through all of them: one wake-up per distinct due time, each refresh settled.
		for (let t = 0; t < 1001; t++) {
			await vi.advanceTimersByTimeAsync(1000);
			while (calls.some((c) => !('done' in c))) {
				for (const c of calls.filter((c) => !('done' in c))) {
					Object.assign(c, { done: true });
					c.resolve(null);
				}
				await flush();
			}
			expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
		}
		expect(scheduler.stats()).toMatchObject({ completed: 999, inFlight: 0, queued: 0 });
		expect(vi.mocked(deps.setTimer).mock.calls.length).toBeLessThanOrEqual(1002);
	});

	it('a throwing afterRefresh hook does not break the scheduler', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const { scheduler, call } = setup(
			{},
			{
				afterRefresh: () => {
					throw new AppError('internal');
				}
			}
		);
		scheduler.update('a', T0);
		call('a').resolve(T0 + HOUR);
		await flush();
		expect(scheduler.info('a')!.runAt).toBe(T0 + HOUR);
		expect(error).toHaveBeenCalled();
		error.mockRestore();
	});
});

describe('browserSchedulerDeps', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('builds the deps from timers, navigator.onLine and the online event of self', async () => {
		const target = new EventTarget();
		vi.stubGlobal('self', target);
		vi.stubGlobal('navigator', { onLine: false });
		const refresh = vi.fn(async () => null);
		const deps = browserSchedulerDeps(refresh);
		expect(deps.now()).toBe(T0);
		expect(deps.isOnline()).toBe(false);

		const cb = vi.fn();
		const unsubscribe = deps.onOnline(cb);
		target.dispatchEvent(new Event('online'));
		expect(cb).toHaveBeenCalledTimes(1);
		unsubscribe();
		target.dispatchEvent(new Event('online'));
		expect(cb).toHaveBeenCalledTimes(1);

		const fired = vi.fn();
		const handle = deps.setTimer(fired, 100);
		deps.clearTimer(handle);
		deps.setTimer(fired, 100);
		await vi.advanceTimersByTimeAsync(100);
		expect(fired).toHaveBeenCalledTimes(1);
		expect(deps.refresh).toBe(refresh);
	});
});
