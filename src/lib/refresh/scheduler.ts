/**
 * Background token refresh: while the vault is unlocked the worker hands every OAuth connection's
 * due time (`nextRefreshAt`, already expiry minus the refresh margin) to a RefreshScheduler, which
 * calls `refresh(id)` at that time. Pure logic: clock, timer, network state and randomness are
 * injected, so tests drive it with fake timers.
 *
 * - Due times in the past (tokens that expired while locked) run at once: catch-up after unlock.
 * - At most `maxInFlight` refreshes run together; the others wait in due order.
 * - Transient failures (`classify` says so) retry with exponential backoff and full jitter, at least
 *   the provider's Retry-After; after `maxAttempts` failures in a row the connection is dropped
 *   until it is scheduled again. Other failures drop it at once (refresh.ts has already marked
 *   it needs-reconnect where that applies).
 * - Offline (`isOnline()` false) nothing starts; the `online` event resumes due work.
 * - One timer for the earliest entry, entries in two binary heaps: 10,000 connections cost
 *   O(log n) per change and one pending timer.
 */
import { AppError, classify, toAppError } from '../errors';
import { isOnline, onOnline, randomFraction } from '../platform';

export interface SchedulerDeps {
	now(): number;
	setTimer(fn: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
	/** Refreshes one connection; resolves with its next due time (epoch ms) or null for none. */
	refresh(id: string): Promise<number | null>;
	isOnline(): boolean;
	/** Calls `cb` when the network comes back; returns the unsubscribe function. */
	onOnline(cb: () => void): () => void;
	/** A value in [0, 1) for the jitter; default from crypto.getRandomValues. */
	random?(): number;
	/** Told what happened after every attempt whose result still counts. */
	afterRefresh?(id: string, outcome: SchedulerOutcome): void;
}

export interface SchedulerOptions {
	/** Refreshes running at once (default 6). */
	maxInFlight?: number;
	/** First retry delay ceiling, ms (default 1 s). */
	baseDelayMs?: number;
	/** Growth of the ceiling per failure (default 2). */
	factor?: number;
	/** Largest ceiling, ms (default 5 min); a longer Retry-After still wins. */
	maxDelayMs?: number;
	/** Consecutive transient failures after which retrying stops (default 8). */
	maxAttempts?: number;
	/**
	 * Least time between a successful refresh and the next one, ms (default 30 s). A token that
	 * lives shorter than its margin gets a due time already past; without this it would be
	 * refreshed in a tight loop.
	 */
	minIntervalMs?: number;
}

export type SchedulerOutcome =
	| { type: 'refreshed'; nextRunAt: number | null }
	| { type: 'retry'; error: AppError; attempt: number; retryAt: number }
	| { type: 'gave-up'; error: AppError; attempts: number }
	/** Not transient: no retry until the connection is scheduled again. */
	| { type: 'stopped'; error: AppError }
	/** Offline: back in the queue, not counted as an attempt, resumed by the online event. */
	| { type: 'paused'; error: AppError };

export interface ScheduledEntry {
	id: string;
	dueAt: number | null;
}

/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
	id: string;
	/** The due time the worker gave. */
	dueAt: number;
	/** When it runs next: dueAt, or a retry time. */
	runAt: number;
	/** Consecutive transient failures. */
	attempt: number;
	/** Tie-break so equal times keep their insertion order. */
	seq: number;
	/** Which heap holds it, and where; null while running or dropped. */
	heap: Heap | null;
	pos: number;
	running: boolean;
	/** Bumped by update() while running: the refresh's result is then stale. */
	gen: number;
}

/** Min-heap of entries by (runAt, seq) that knows each entry's index, for O(log n) removal. */
class Heap {
	private items: Entry[] = [];

	get size(): number {
		return this.items.length;
	}

	peek(): Entry | undefined {
		return this.items[0];
	}

	push(entry: Entry): void {
		entry.heap = this;
		entry.pos = this.items.length;
		this.items.push(entry);
		this.up(entry.pos);
	}

	pop(): Entry | undefined {
		const top = this.items[0];
		if (top) this.delete(top);
		return top;
	}

	delete(entry: Entry): void {
		const i = entry.pos;
		const last = this.items.pop()!;
		entry.heap = null;
		if (last === entry) return;
		this.items[i] = last;
		last.pos = i;
		this.down(i);
		this.up(last.pos);
	}

	clear(): void {
		for (const entry of this.items) entry.heap = null;
		this.items = [];
	}

	private less(a: Entry, b: Entry): boolean {
		return a.runAt < b.runAt || (a.runAt === b.runAt && a.seq < b.seq);
	}

	/** The entry at index i, which callers keep within 0..size-1. */
	private at(i: number): Entry {
		const entry = this.items[i];
		if (!entry) throw new AppError('internal', { detail: 'heap index out of range' });
		return entry;
	}

	private swap(i: number, j: number): void {
		const a = this.at(i);
		const b = this.at(j);
		this.items[i] = b;
		this.items[j] = a;
		a.pos = j;
		b.pos = i;
	}

	private up(i: number): void {
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.less(this.at(i), this.at(parent))) return;
			this.swap(i, parent);
			i = parent;
		}
	}

	private down(i: number): void {
		const n = this.items.length;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let min = i;
			if (l < n && this.less(this.at(l), this.at(min))) min = l;
			if (r < n && this.less(this.at(r), this.at(min))) min = r;
			if (min === i) return;
			this.swap(i, min);
			i = min;
		}
	}
}

export class RefreshScheduler {
	private readonly deps: SchedulerDeps;
	private readonly opts: Required<SchedulerOptions>;
	private readonly entries = new Map<string, Entry>();
	/** Entries whose time has not come. */
	private readonly waiting = new Heap();
	/** Entries due, waiting for a slot or the network. */
	private readonly ready = new Heap();
	private timer: unknown = null;
	private timerAt: number | null = null;
	private unsubscribe: (() => void) | null = null;
	/** Bumped by stop(): results of refreshes started before are ignored. */
	private epoch = 0;
	private seq = 0;
	private inFlight = 0;
	private pumping = false;
	private pumpAgain = false;

	constructor(deps: SchedulerDeps, options: SchedulerOptions = {}) {
		this.deps = deps;
		this.opts = {
			maxInFlight: options.maxInFlight ?? 6,
			baseDelayMs: options.baseDelayMs ?? 1000,
			factor: options.factor ?? 2,
			maxDelayMs: options.maxDelayMs ?? 300_000,
			maxAttempts: options.maxAttempts ?? 8,
			minIntervalMs: options.minIntervalMs ?? 30_000
		};
	}

	/** Replaces everything scheduled (after unlock). Refreshes in flight keep running. */
	schedule(list: readonly ScheduledEntry[]): void {
		const keep = new Set(list.map((e) => e.id));
		for (const id of [...this.entries.keys()]) if (!keep.has(id)) this.drop(id);
		for (const { id, dueAt } of list) this.set(id, dueAt);
		this.pump();
	}

	/** Sets one connection's due time (null drops it). Resets its failure count. */
	update(id: string, dueAt: number | null): void {
		this.set(id, dueAt);
		this.pump();
	}

	/** Lock: cancels the timer, drops every entry; results still in flight are ignored. */
	stop(): void {
		this.epoch++;
		this.clearTimer();
		this.waiting.clear();
		this.ready.clear();
		this.entries.clear();
		this.inFlight = 0;
		this.unsubscribe?.();
		this.unsubscribe = null;
	}

	private set(id: string, dueAt: number | null): void {
		if (dueAt === null || !Number.isFinite(dueAt)) return this.drop(id);
		let entry = this.entries.get(id);
		if (!entry) {
			entry = {
				id,
				dueAt,
				runAt: dueAt,
				attempt: 0,
				seq: 0,
				heap: null,
				pos: 0,
				running: false,
				gen: 0
			};
			this.entries.set(id, entry);
		}
		entry.dueAt = dueAt;
		entry.attempt = 0;
		// Never two refreshes of one connection at once: the new time is used when this one ends.
		if (entry.running) entry.gen++;
		else this.place(entry, dueAt);
		this.unsubscribe ??= this.deps.onOnline(() => this.pump());
	}

	private drop(id: string): void {
		const entry = this.entries.get(id);
		if (!entry) return;
		entry.heap?.delete(entry);
		this.entries.delete(id);
	}

	private place(entry: Entry, runAt: number): void {
		entry.heap?.delete(entry);
		entry.runAt = runAt;
		entry.seq = this.seq++;
		this.waiting.push(entry);
	}

	/** Moves what is due to the ready queue, starts what fits, re-arms the timer. */
	private pump(): void {
		// deps.refresh or a hook may call back into the scheduler: run the loop once more instead.
		if (this.pumping) {
			this.pumpAgain = true;
			return;
		}
		this.pumping = true;
		try {
			do {
				this.pumpAgain = false;
				this.promote();
				if (!this.deps.isOnline()) break;
				while (this.inFlight < this.opts.maxInFlight && this.ready.size > 0)
					this.start(this.ready.pop()!);
			} while (this.pumpAgain);
		} finally {
			this.pumping = false;
		}
		this.arm();
	}

	/** Moves the entries whose time has come from `waiting` to `ready`. */
	private promote(): void {
		const now = this.deps.now();
		for (let top = this.waiting.peek(); top && top.runAt <= now; top = this.waiting.peek()) {
			this.waiting.delete(top);
			this.ready.push(top);
		}
	}

	/** One timer, for the earliest waiting entry; none while offline (the online event resumes). */
	private arm(): void {
		const top = this.waiting.peek();
		const at = top && this.deps.isOnline() ? top.runAt : null;
		if (at === null) return this.clearTimer();
		// An earlier timer already pending will fire, find nothing due and re-arm.
		if (this.timer !== null && this.timerAt !== null && this.timerAt <= at) return;
		this.clearTimer();
		const delay = Math.min(Math.max(0, at - this.deps.now()), MAX_TIMER_MS);
		this.timerAt = at;
		this.timer = this.deps.setTimer(() => {
			this.timer = null;
			this.timerAt = null;
			this.pump();
		}, delay);
	}

	private clearTimer(): void {
		if (this.timer !== null) this.deps.clearTimer(this.timer);
		this.timer = null;
		this.timerAt = null;
	}

	private start(entry: Entry): void {
		entry.running = true;
		const { gen } = entry;
		const epoch = this.epoch;
		this.inFlight++;
		let result: Promise<number | null>;
		try {
			result = Promise.resolve(this.deps.refresh(entry.id));
		} catch (e) {
			result = Promise.reject(e);
		}
		result.then(
			(next) => this.settle(entry, gen, epoch, { ok: true, next }),
			(error: unknown) => this.settle(entry, gen, epoch, { ok: false, error })
		);
	}

	private settle(
		entry: Entry,
		gen: number,
		epoch: number,
		result: { ok: true; next: number | null } | { ok: false; error: unknown }
	): void {
		if (epoch !== this.epoch) return; // stopped (locked) meanwhile
		this.inFlight--;
		entry.running = false;
		let outcome: SchedulerOutcome | null = null;
		if (this.entries.get(entry.id) !== entry) {
			// removed while running: nothing to do
		} else if (entry.gen !== gen) {
			this.place(entry, entry.dueAt); // updated while running: the newer due time wins
		} else if (result.ok) {
			outcome = this.succeeded(entry, result.next);
		} else {
			outcome = this.failedWith(entry, toAppError(result.error));
		}
		this.pump();
		if (outcome) this.notify(entry.id, outcome);
	}

	private succeeded(entry: Entry, next: number | null): SchedulerOutcome {
		if (next === null || !Number.isFinite(next)) {
			this.drop(entry.id);
			return { type: 'refreshed', nextRunAt: null };
		}
		const runAt = Math.max(next, this.deps.now() + this.opts.minIntervalMs);
		entry.dueAt = next;
		entry.attempt = 0;
		this.place(entry, runAt);
		return { type: 'refreshed', nextRunAt: runAt };
	}

	private failedWith(entry: Entry, error: AppError): SchedulerOutcome {
		if (classify(error) !== 'transient') {
			this.drop(entry.id);
			return { type: 'stopped', error };
		}
		// Offline is the device, not the provider: wait for the network without using an attempt.
		// If the browser already says online again (the event came while this request was failing),
		// it is an ordinary transient failure below, so a wrong onLine cannot cause a tight loop.
		if (error.code === 'network.offline' && !this.deps.isOnline()) {
			this.ready.push(entry);
			return { type: 'paused', error };
		}
		entry.attempt++;
		if (entry.attempt >= this.opts.maxAttempts) {
			const attempts = entry.attempt;
			this.drop(entry.id);
			return { type: 'gave-up', error, attempts };
		}
		const retryAt = this.deps.now() + this.backoff(entry.attempt, error);
		this.place(entry, retryAt);
		return { type: 'retry', error, attempt: entry.attempt, retryAt };
	}

	/** Full jitter (a random delay up to the exponential ceiling), at least the Retry-After. */
	private backoff(attempt: number, error: AppError): number {
		const { baseDelayMs, factor, maxDelayMs } = this.opts;
		const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (attempt - 1));
		const jittered = Math.floor((this.deps.random ?? randomFraction)() * ceiling);
		// Duck-typed rather than instanceof OAuthError: any AppError carrying it is honoured.
		const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
		const floor = typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter * 1000 : 0;
		return Math.max(jittered, floor);
	}

	private notify(id: string, outcome: SchedulerOutcome): void {
		try {
			this.deps.afterRefresh?.(id, outcome);
		} catch (e) {
			// A failing hook must not stop the scheduler.
			console.error(e);
		}
	}
}

/** Deps from the platform; works in a Web Worker and a page. */
export function browserSchedulerDeps(refresh: SchedulerDeps['refresh']): SchedulerDeps {
	return {
		now: () => Date.now(),
		setTimer: (fn, ms) => setTimeout(fn, ms),
		clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
		refresh,
		isOnline,
		onOnline
	};
}
