// The replay window (PROTOCOL.md `bridge.stale`): a request's `ts` must be within 120 s of this
// clock and its `id` new. Ids are remembered for 5 minutes — longer than any `ts` stays
// acceptable (2 × 120 s) — in storage that outlives a service-worker restart.

export const MAX_SKEW_MS = 120_000;
export const REMEMBER_MS = 300_000;

/**
 * @typedef {{ load(): Promise<Record<string, number> | undefined>,
 *   save(seen: Record<string, number>): Promise<void> }} SeenStore
 * The remembered ids (id → time it may be forgotten), e.g. in chrome.storage.session.
 */

/**
 * @param {SeenStore} store
 * @param {() => number} [now]
 */
export function createReplayGuard(store, now = Date.now) {
	/** @type {Map<string, number> | undefined} */
	let seen;
	// One check at a time, so two copies of a request racing each other cannot both pass.
	let queue = Promise.resolve();

	/** @param {string} id @param {number} ts */
	async function check(id, ts) {
		const time = now();
		if (!Number.isFinite(ts) || Math.abs(time - ts) > MAX_SKEW_MS) return false;
		seen ??= new Map(Object.entries((await store.load()) ?? {}));
		for (const [known, expiry] of seen) if (expiry <= time) seen.delete(known);
		if (seen.has(id)) return false;
		seen.set(id, time + REMEMBER_MS);
		await store.save(Object.fromEntries(seen));
		return true;
	}

	return {
		/**
		 * Whether a request with this id and timestamp is fresh; records the id when it is.
		 * @param {string} id
		 * @param {number} ts
		 * @returns {Promise<boolean>}
		 */
		accept(id, ts) {
			const result = queue.then(() => check(id, ts));
			queue = result.then(
				() => undefined,
				() => undefined
			);
			return result;
		}
	};
}
