// The bridge extension's replay window (extension/PROTOCOL.md, `bridge.stale`).
import { describe, expect, it } from 'vitest';
import { MAX_SKEW_MS, REMEMBER_MS, createReplayGuard } from '../../../extension/src/lib/replay.js';

/** Storage like chrome.storage.session: JSON in, JSON out, kept across guards. */
function sessionStorage() {
	let saved: string | undefined;
	return {
		load: async () => (saved === undefined ? undefined : JSON.parse(saved)),
		save: async (seen: Record<string, number>) => {
			saved = JSON.stringify(seen);
		},
		size: () => Object.keys(JSON.parse(saved ?? '{}')).length
	};
}

describe('bridge replay window', () => {
	it('takes a timestamp within 120 s either way, and nothing further', async () => {
		const now = 1_000_000_000;
		const guard = createReplayGuard(sessionStorage(), () => now);
		expect(await guard.accept('a', now - MAX_SKEW_MS)).toBe(true);
		expect(await guard.accept('b', now + MAX_SKEW_MS)).toBe(true);
		expect(await guard.accept('c', now - MAX_SKEW_MS - 1)).toBe(false);
		expect(await guard.accept('d', now + MAX_SKEW_MS + 1)).toBe(false);
		expect(await guard.accept('e', Number.NaN)).toBe(false);
	});

	it('refuses an id seen before, also after a service-worker restart', async () => {
		let now = 1_000_000_000;
		const storage = sessionStorage();
		const guard = createReplayGuard(storage, () => now);
		expect(await guard.accept('id-1', now)).toBe(true);
		expect(await guard.accept('id-1', now)).toBe(false);
		// A new guard over the same storage: what a restarted service worker sees.
		now += MAX_SKEW_MS;
		const restarted = createReplayGuard(storage, () => now);
		expect(await restarted.accept('id-1', now)).toBe(false);
		expect(await restarted.accept('id-2', now)).toBe(true);
	});

	it('lets two copies of one request race, and only one pass', async () => {
		const now = 5_000_000;
		const guard = createReplayGuard(sessionStorage(), () => now);
		const results = await Promise.all([guard.accept('same', now), guard.accept('same', now)]);
		expect(results.sort()).toEqual([false, true]);
	});

	it('forgets ids after 5 minutes, when their timestamps are long out of the window', async () => {
		let now = 1_000_000_000;
		const storage = sessionStorage();
		const guard = createReplayGuard(storage, () => now);
		await guard.accept('old', now);
		expect(storage.size()).toBe(1);
		now += REMEMBER_MS;
		expect(await guard.accept('new', now)).toBe(true);
		expect(storage.size()).toBe(1);
		expect(REMEMBER_MS).toBeGreaterThan(2 * MAX_SKEW_MS);
	});
});
