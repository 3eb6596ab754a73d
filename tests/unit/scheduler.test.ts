/**
 * The background refresh scheduler with fake timers: catch-up, the concurrency cap, backoff with
 * jitter and Retry-After, giving up, offline pauses, stop() and the single timer.
 *
 * Black-box: everything is observed through the fake `refresh` (which connection, at what time,
 * how many at once) and the `afterRefresh` outcomes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	RefreshScheduler,
	browserSchedulerDeps,
	type SchedulerDeps,
	type SchedulerOptions,
	type SchedulerOutcome
} from '../../src/lib/refresh';
import { AppError } from '../../src/lib/errors';
import { OAuthError } from '../../src/lib/oauth';
import { setOnline } from '../../src/lib/platform';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;

interface Call {
	id: string;
	/** Date.now() when the scheduler called refresh(id). */
	at: number;
	settled: boolean;
	resolve(next: number | null): void;
	reject(error: unknown): void;
}

type Refresh = SchedulerDeps['refresh'];

/**
 * A scheduler over fake timers whose refresh calls the test settles by hand. `overrides` may be a
 * function of the fake refresh, to wrap it.
 */
function setup(
	options: SchedulerOptions = {},
	overrides: Partial<SchedulerDeps> | ((fake: Refresh) => Partial<SchedulerDeps>) = {}
) {
	const calls: Call[] = [];
	const outcomes: [string, SchedulerOutcome][] = [];
	/** Refreshes started and not yet settled, counted by the fake itself. */
	const load = { current: 0, peak: 0 };
	let online = true;
	const listeners = new Set<() => void>();
	const fake: Refresh = (id) =>
		new Promise<number | null>((resolve, reject) => {
			load.current++;
			load.peak = Math.max(load.peak, load.current);
			const call: Call = {
				id,
				at: Date.now(),
				settled: false,
				resolve(next) {
					done();
					resolve(next);
				},
				reject(error) {
					done();
					reject(error);
				}
			};
			const done = () => {
				if (call.settled) throw new Error(`refresh of ${id} settled twice`);
				call.settled = true;
				load.current--;
			};
			calls.push(call);
		});
	const deps: SchedulerDeps = {
		now: () => Date.now(),
		setTimer: vi.fn((fn: () => void, ms: number) => setTimeout(fn, ms)),
		clearTimer: vi.fn((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>)),
		refresh: fake,
		isOnline: () => online,
		onOnline: (cb) => {
			listeners.add(cb);
			return () => listeners.delete(cb);
		},
		random: () => 0.5,
		afterRefresh: (id, outcome) => outcomes.push([id, outcome]),
		...(typeof overrides === 'function' ? overrides(fake) : overrides)
	};
	const scheduler = new RefreshScheduler(deps, options);
	return {
		scheduler,
		deps,
		calls,
		outcomes,
		load,
		listeners,
		setOnline(value: boolean) {
			online = value;
			if (value) for (const cb of [...listeners]) cb();
		},
		/** The ids refreshed so far, in call order. */
		ids(): string[] {
			return calls.map((c) => c.id);
		},
		/** The pending refresh of `id` (the last one started). */
		call(id: string): Call {
			const found = calls.filter((c) => c.id === id && !c.settled).at(-1);
			if (!found) throw new Error(`no pending refresh of ${id}`);
			return found;
		}
	};
}

type Env = ReturnType<typeof setup>;

/** Lets promise callbacks run without moving the clock. */
const flush = () => vi.advanceTimersByTimeAsync(0);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

const serverError = () => new OAuthError('oauth.server-error', { status: 503 });

/**
 * Fails the pending refresh of `id` with `error`, expects a `retry` outcome, and checks that the
 * retry runs exactly at its `retryAt` and not a millisecond before. Returns the delay.
 */
async function failAndRetry(env: Env, id: string, error: unknown): Promise<number> {
	const failedAt = Date.now();
	const before = env.calls.length;
	env.call(id).reject(error);
	await flush();
	const [outcomeId, outcome] = env.outcomes.at(-1)!;
	expect(outcomeId).toBe(id);
	if (outcome.type !== 'retry') throw new Error(`expected a retry, got ${outcome.type}`);
	const delay = outcome.retryAt - failedAt;
	expect(delay).toBeGreaterThanOrEqual(0);
	if (delay > 0) {
		await advance(delay - 1);
		expect(env.calls).toHaveLength(before);
		await advance(1);
	}
	expect(env.calls).toHaveLength(before + 1);
	expect(env.calls.at(-1)).toMatchObject({ id, at: outcome.retryAt });
	return delay;
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('RefreshScheduler', () => {
	it('runs past due times at once (catch-up) and future ones at their time', async () => {
		const { scheduler, calls } = setup();
		scheduler.schedule([
			{ id: 'expired', dueAt: T0 - HOUR },
			{ id: 'later', dueAt: T0 + 10_000 },
			{ id: 'none', dueAt: null }
		]);
		expect(calls.map((c) => [c.id, c.at])).toEqual([['expired', T0]]);

		await advance(9_999);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls.map((c) => [c.id, c.at])).toEqual([
			['expired', T0],
			['later', T0 + 10_000]
		]);

		// No due time: never refreshed.
		await advance(24 * HOUR);
		expect(calls).toHaveLength(2);
	});

	it('keeps at most maxInFlight refreshes running and starts the rest in due order', async () => {
		const { scheduler, calls, load, outcomes } = setup();
		// Twenty due already (c00 first), listed in reverse.
		const ids = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
		scheduler.schedule([...ids].reverse().map((id, i) => ({ id, dueAt: T0 - 1000 + 19 - i })));
		expect(calls).toHaveLength(6);
		expect(load.current).toBe(6);

		// Each settled refresh frees one slot for the next waiting one.
		let settled = 0;
		while (settled < calls.length) {
			expect(load.current).toBeLessThanOrEqual(6);
			calls[settled++]!.resolve(T0 + HOUR);
			await flush();
			expect(calls).toHaveLength(Math.min(20, settled + 6));
		}
		expect(calls).toHaveLength(20);
		// Started in due order, not list order, all at once as slots freed.
		expect(calls.map((c) => c.id)).toEqual(ids);
		expect(calls.every((c) => c.at === T0)).toBe(true);
		expect(load).toEqual({ current: 0, peak: 6 });
		// Every one succeeded and none failed.
		expect(outcomes).toEqual(ids.map((id) => [id, { type: 'refreshed', nextRunAt: T0 + HOUR }]));

		// All twenty stay scheduled for their next due time, again six at a time.
		await advance(HOUR - 1);
		expect(calls).toHaveLength(20);
		await advance(1);
		expect(calls.slice(20).map((c) => [c.id, c.at])).toEqual(
			ids.slice(0, 6).map((id) => [id, T0 + HOUR])
		);
		expect(load.peak).toBe(6);
	});

	it('honours a configured maxInFlight', async () => {
		const { scheduler, calls, load } = setup({ maxInFlight: 2 });
		scheduler.schedule(['a', 'b', 'c'].map((id) => ({ id, dueAt: T0 })));
		expect(calls.map((c) => c.id)).toEqual(['a', 'b']);
		calls[1]!.resolve(null);
		await flush();
		expect(calls.map((c) => c.id)).toEqual(['a', 'b', 'c']);
		expect(load).toEqual({ current: 2, peak: 2 });
	});

	it('backs off exponentially with full jitter up to the cap', async () => {
		const env = setup({ maxAttempts: 20 });
		env.scheduler.update('a', T0);
		const delays: number[] = [];
		for (let i = 0; i < 12; i++) delays.push(await failAndRetry(env, 'a', serverError()));
		// random() = 0.5: half of 1 s, 2 s, 4 s, … until the 5 min ceiling.
		expect(delays).toEqual([
			500, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000, 150_000
		]);
		expect(env.outcomes.map(([, o]) => o.type === 'retry' && o.attempt)).toEqual(
			Array.from({ length: 12 }, (_, i) => i + 1)
		);
	});

	it('takes the jitter from random() and the configured base, factor and cap', async () => {
		const values = [0, 0.999, 0.25];
		const env = setup(
			{ baseDelayMs: 100, factor: 3, maxDelayMs: 500 },
			{ random: () => values.shift()! }
		);
		env.scheduler.update('a', T0);
		const delays: number[] = [];
		for (let i = 0; i < 3; i++) delays.push(await failAndRetry(env, 'a', serverError()));
		// Ceilings 100, 300, 500 (900 capped).
		expect(delays).toEqual([0, 299, 125]);
		expect(values).toEqual([]);
	});

	it('uses crypto randomness when no random() is given', async () => {
		const spy = vi.spyOn(crypto, 'getRandomValues');
		const env = setup({}, { random: undefined });
		env.scheduler.update('a', T0);
		const delay = await failAndRetry(env, 'a', serverError());
		expect(spy).toHaveBeenCalled();
		expect(delay).toBeGreaterThanOrEqual(0);
		expect(delay).toBeLessThan(1000);
		spy.mockRestore();
	});

	it('waits at least Retry-After on 429 / 503', async () => {
		const env = setup();
		env.scheduler.update('a', T0);
		const delay = await failAndRetry(
			env,
			'a',
			new OAuthError('oauth.rate-limited', { status: 429, retryAfter: 120 })
		);
		expect(delay).toBe(120_000);
		expect(env.outcomes).toMatchObject([['a', { type: 'retry', retryAt: T0 + 120_000 }]]);

		// A Retry-After shorter than the backoff does not shorten it.
		const env2 = setup({ baseDelayMs: 10_000 }, { random: () => 0.9 });
		env2.scheduler.update('b', Date.now());
		expect(
			await failAndRetry(
				env2,
				'b',
				new OAuthError('oauth.server-error', { status: 503, retryAfter: 1 })
			)
		).toBe(9000);
	});

	it('gives up after maxAttempts consecutive transient failures until rescheduled', async () => {
		const { scheduler, call, calls, outcomes } = setup();
		scheduler.update('a', T0);
		for (let i = 0; i < 8; i++) {
			call('a').reject(new OAuthError('oauth.bad-response', { detail: '200' }));
			await advance(10 * 60_000);
		}
		expect(calls).toHaveLength(8);
		expect(outcomes.map(([, o]) => o)).toMatchObject([
			...Array.from({ length: 7 }, (_, i) => ({ type: 'retry', attempt: i + 1 })),
			{ type: 'gave-up', attempts: 8 }
		]);
		// Dropped: no more attempts.
		await advance(24 * HOUR);
		expect(calls).toHaveLength(8);
		expect(outcomes).toHaveLength(8);

		// Scheduling it again starts over with a fresh count.
		scheduler.update('a', Date.now());
		expect(calls).toHaveLength(9);
		expect(calls[8]).toMatchObject({ id: 'a', at: Date.now() });
		call('a').reject(serverError());
		await flush();
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 1 }]);
	});

	it('resets the failure count after a success', async () => {
		const { scheduler, call, calls, outcomes } = setup({ maxAttempts: 3 });
		scheduler.update('a', T0);
		call('a').reject(serverError());
		await advance(5000);
		call('a').reject(serverError());
		await advance(5000);
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 2 }]);
		call('a').resolve(Date.now() + HOUR);
		await advance(HOUR);
		expect(calls).toHaveLength(4);

		// Two more failures are retried again: the count started over (else the first gives up).
		call('a').reject(serverError());
		await advance(5000);
		call('a').reject(serverError());
		await advance(5000);
		expect(outcomes.map(([, o]) => o.type === 'retry' && o.attempt)).toEqual([1, 2, false, 1, 2]);
		expect(calls).toHaveLength(6);
	});

	it('update() resets the failure count and replaces a pending retry', async () => {
		const { scheduler, call, calls, outcomes } = setup({ maxAttempts: 3 });
		scheduler.update('a', T0);
		call('a').reject(serverError());
		await advance(5000);
		call('a').reject(serverError()); // at T0 + 5 s: retry after 1 s
		await flush();
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 2, retryAt: T0 + 6000 }]);

		// Rescheduled while waiting for the retry: its time wins and the count starts over.
		scheduler.update('a', T0 + HOUR);
		await advance(HOUR - 5000 - 1);
		expect(calls).toHaveLength(2);
		await advance(1);
		expect(calls.at(-1)).toMatchObject({ id: 'a', at: T0 + HOUR });
		call('a').reject(serverError());
		await flush();
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 1 }]);
	});

	it('stops scheduling a connection after a non-transient failure', async () => {
		const { scheduler, call, outcomes, ids } = setup();
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 + HOUR }
		]);
		call('a').reject(new OAuthError('oauth.invalid-grant', { detail: 'invalid_grant' }));
		await flush();
		expect(outcomes).toMatchObject([['a', { type: 'stopped' }]]);
		await advance(24 * HOUR);
		expect(ids()).toEqual(['a', 'b']);
	});

	it('treats anything thrown that is not transient (even a plain Error) as final', async () => {
		const { scheduler, outcomes, ids } = setup({ maxInFlight: 1 }, (fake) => ({
			refresh: (id) => {
				if (id === 'a') throw new Error('boom');
				return fake(id);
			}
		}));
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 }
		]);
		await flush();
		expect(outcomes).toMatchObject([['a', { type: 'stopped', error: { code: 'internal' } }]]);
		// Its slot is free again (the only one), and it is not retried.
		expect(ids()).toEqual(['b']);
		await advance(24 * HOUR);
		expect(outcomes).toHaveLength(1);
	});

	it('starts nothing while offline and resumes due work when back online', async () => {
		const env = setup();
		const { scheduler, calls, deps } = env;
		env.setOnline(false);
		scheduler.schedule([
			{ id: 'a', dueAt: T0 - 1000 },
			{ id: 'b', dueAt: T0 + 5000 }
		]);
		expect(vi.getTimerCount()).toBe(0); // no timer while offline
		await advance(60_000);
		expect(calls).toHaveLength(0);
		expect(vi.getTimerCount()).toBe(0);
		expect(deps.setTimer).not.toHaveBeenCalled();
		env.setOnline(true);
		expect(calls.map((c) => [c.id, c.at])).toEqual([
			['a', T0 + 60_000],
			['b', T0 + 60_000]
		]);
	});

	it('pauses on a network.offline failure without using up an attempt', async () => {
		const env = setup({ maxInFlight: 1 });
		const { scheduler, outcomes, ids } = env;
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 }
		]);
		env.setOnline(false); // the browser notices while the request fails
		env.call('a').reject(new OAuthError('network.offline'));
		await advance(60_000);
		expect(outcomes).toMatchObject([['a', { type: 'paused' }]]);
		expect(ids()).toEqual(['a']);

		env.setOnline(true);
		// 'a' keeps its place ahead of 'b', and its slot was given back.
		expect(env.calls.map((c) => [c.id, c.at])).toEqual([
			['a', T0],
			['a', T0 + 60_000]
		]);
		// The pause did not count: this failure is the first attempt. 'b' was queued meanwhile.
		env.call('a').reject(serverError());
		await flush();
		expect(outcomes.at(-1)).toMatchObject(['a', { type: 'retry', attempt: 1 }]);
		expect(ids()).toEqual(['a', 'a', 'b']);
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
		const { scheduler, outcomes, ids } = env;
		scheduler.schedule([
			{ id: 'a', dueAt: T0 },
			{ id: 'b', dueAt: T0 },
			{ id: 'c', dueAt: T0 + HOUR }
		]);
		expect(ids()).toEqual(['a']);
		expect(vi.getTimerCount()).toBe(1);
		scheduler.stop();
		expect(vi.getTimerCount()).toBe(0);
		expect(env.listeners.size).toBe(0);
		await advance(2 * HOUR);
		expect(ids()).toEqual(['a']);

		// Usable again after the next unlock, with its one slot free although the old 'a' still
		// runs; nothing of before comes back ('b' and 'c', both due by now, would run first).
		scheduler.schedule([
			{ id: 'x', dueAt: Date.now() },
			{ id: 'y', dueAt: Date.now() }
		]);
		expect(ids()).toEqual(['a', 'x']);
		expect(env.listeners.size).toBe(1);

		// The old result is ignored: no outcome, no slot given back, 'a' not rescheduled.
		env.call('a').resolve(Date.now() + HOUR);
		await flush();
		expect(outcomes).toEqual([]);
		expect(ids()).toEqual(['a', 'x']);

		env.call('x').resolve(null);
		await flush();
		expect(outcomes).toEqual([['x', { type: 'refreshed', nextRunAt: null }]]);
		expect(ids()).toEqual(['a', 'x', 'y']);
		env.call('y').resolve(null);
		await advance(24 * HOUR);
		expect(ids()).toEqual(['a', 'x', 'y']);
	});

	it('reschedules after a success with the due time refresh returned', async () => {
		const { scheduler, call, calls, outcomes } = setup();
		scheduler.update('a', T0);
		call('a').resolve(T0 + HOUR);
		await flush();
		expect(outcomes).toEqual([['a', { type: 'refreshed', nextRunAt: T0 + HOUR }]]);
		await advance(HOUR - 1);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls.map((c) => [c.id, c.at])).toEqual([
			['a', T0],
			['a', T0 + HOUR]
		]);

		// null: nothing more to schedule.
		call('a').resolve(null);
		await flush();
		expect(outcomes.at(-1)).toEqual(['a', { type: 'refreshed', nextRunAt: null }]);
		await advance(24 * HOUR);
		expect(calls).toHaveLength(2);
	});

	it('keeps minIntervalMs between successful refreshes when the due time is already past', async () => {
		const { scheduler, call, calls, outcomes } = setup({ minIntervalMs: 30_000 });
		scheduler.update('a', T0);
		// A token living shorter than its margin: the next due time is already past.
		call('a').resolve(T0 - 5000);
		await flush();
		expect(outcomes).toEqual([['a', { type: 'refreshed', nextRunAt: T0 + 30_000 }]]);
		await advance(29_999);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls.map((c) => c.at)).toEqual([T0, T0 + 30_000]);
	});

	it('lets an update made while refreshing win over the refresh result', async () => {
		const { scheduler, call, calls, ids } = setup({ maxInFlight: 2 });
		scheduler.update('a', T0);
		// Never two refreshes of one connection, though a slot is free and it is due again.
		scheduler.update('a', T0);
		expect(ids()).toEqual(['a']);
		scheduler.update('a', T0 + 2 * HOUR); // e.g. the user reconnected meanwhile
		expect(ids()).toEqual(['a']);
		call('a').resolve(T0 + HOUR);
		await flush();
		await advance(2 * HOUR - 1);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls.at(-1)).toMatchObject({ id: 'a', at: T0 + 2 * HOUR });
		call('a').resolve(null);
		await flush();

		// Dropped while refreshing (update to null): its result is ignored, its slot given back.
		scheduler.update('b', Date.now() + 1);
		scheduler.update('c', Date.now() + 1);
		await advance(1);
		expect(ids()).toEqual(['a', 'a', 'b', 'c']);
		scheduler.update('b', null);
		scheduler.update('d', Date.now());
		expect(ids()).toHaveLength(4); // both slots busy
		call('b').resolve(Date.now() + HOUR);
		await flush();
		expect(ids()).toEqual(['a', 'a', 'b', 'c', 'd']);
		call('c').resolve(null);
		call('d').resolve(null);
		await advance(24 * HOUR);
		expect(ids()).toEqual(['a', 'a', 'b', 'c', 'd']);
	});

	it('schedule() replaces everything; update() changes or drops one entry', async () => {
		const { scheduler, calls } = setup();
		scheduler.schedule([
			{ id: 'a', dueAt: T0 + 1000 },
			{ id: 'b', dueAt: T0 + 2000 }
		]);
		scheduler.schedule([{ id: 'c', dueAt: T0 + 3000 }]);
		scheduler.update('d', T0 + 4000);
		scheduler.update('c', T0 + 5000);
		scheduler.update('d', null);
		await advance(4999);
		expect(calls).toHaveLength(0);
		await advance(1);
		expect(calls.map((c) => [c.id, c.at])).toEqual([['c', T0 + 5000]]);
		await advance(24 * HOUR);
		expect(calls).toHaveLength(1);
	});

	it('uses one timer for 1,000 connections', async () => {
		const { scheduler, deps, calls, load } = setup();
		const entries = Array.from({ length: 1000 }, (_, i) => ({
			id: `c${i}`,
			dueAt: T0 + 1000 + ((i * 7919) % 1000) * 1000
		}));
		scheduler.schedule(entries);
		expect(deps.setTimer).toHaveBeenCalledTimes(1);
		expect(vi.getTimerCount()).toBe(1);

		// Later changes do not re-arm; an earlier one does, once.
		scheduler.update('c1', T0 + 900_000);
		scheduler.update('c2', null);
		expect(deps.setTimer).toHaveBeenCalledTimes(1);
		scheduler.update('c3', T0 + 500);
		expect(deps.setTimer).toHaveBeenCalledTimes(2);
		expect(vi.getTimerCount()).toBe(1);

		// Running through all of them: one wake-up per distinct due time, each refresh settled.
		for (let t = 0; t < 1001; t++) {
			await advance(1000);
			for (let pending = calls.filter((c) => !c.settled); pending.length > 0;) {
				for (const c of pending) c.resolve(null);
				await flush();
				pending = calls.filter((c) => !c.settled);
			}
			expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
		}
		// Each one refreshed once, exactly at its (latest) due time; the dropped one never.
		const due = new Map(entries.map((e) => [e.id, e.dueAt]));
		due.set('c1', T0 + 900_000);
		due.delete('c2');
		due.set('c3', T0 + 500);
		expect(calls).toHaveLength(999);
		expect(new Map(calls.map((c) => [c.id, c.at]))).toEqual(due);
		expect(load).toMatchObject({ current: 0 });
		expect(load.peak).toBeLessThanOrEqual(6);
		expect(vi.mocked(deps.setTimer).mock.calls.length).toBeLessThanOrEqual(1002);
	});

	it('a throwing afterRefresh hook does not break the scheduler', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const { scheduler, call, calls } = setup(
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
		expect(error).toHaveBeenCalled();
		await advance(HOUR);
		expect(calls.map((c) => c.at)).toEqual([T0, T0 + HOUR]);
		error.mockRestore();
	});
});

describe('browserSchedulerDeps', () => {
	afterEach(() => {
		setOnline(true);
	});

	it('builds the deps from timers and the platform online state', async () => {
		const refresh = vi.fn(async () => null);
		const deps = browserSchedulerDeps(refresh);
		expect(deps.now()).toBe(T0);
		setOnline(false);
		expect(deps.isOnline()).toBe(false);

		const cb = vi.fn();
		const unsubscribe = deps.onOnline(cb);
		setOnline(true);
		expect(deps.isOnline()).toBe(true);
		expect(cb).toHaveBeenCalledTimes(1);
		unsubscribe();
		setOnline(false);
		setOnline(true);
		expect(cb).toHaveBeenCalledTimes(1);

		const fired = vi.fn();
		const handle = deps.setTimer(fired, 100);
		deps.clearTimer(handle);
		deps.setTimer(fired, 100);
		await advance(100);
		expect(fired).toHaveBeenCalledTimes(1);
		expect(deps.refresh).toBe(refresh);
	});

	it('lets a scheduler wait for the platform to come back online', async () => {
		const refresh = vi.fn(async () => null);
		const scheduler = new RefreshScheduler(browserSchedulerDeps(refresh));
		setOnline(false);
		scheduler.schedule([{ id: 'a', dueAt: T0 }]);
		await advance(60_000);
		expect(refresh).not.toHaveBeenCalled();
		setOnline(true);
		expect(refresh.mock.calls).toEqual([['a']]);
		scheduler.stop();
	});
});
