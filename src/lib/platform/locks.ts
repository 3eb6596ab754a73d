/**
 * Web Locks, with a per-context queue where they do not exist (Node in unit tests) that gives the
 * same mutual exclusion within the context.
 */
const local = new Map<string, Promise<unknown>>();

function webLocks(): LockManager | undefined {
	return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** Runs `task` holding the exclusive lock `name`. */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
	const locks = webLocks();
	if (locks) return locks.request(name, task) as Promise<T>;
	const previous = local.get(name) ?? Promise.resolve();
	const run = previous.then(task, task);
	local.set(
		name,
		run.catch(() => undefined)
	);
	return run;
}

export interface HeldLock {
	/** Stops waiting for the lock, or gives it up when held. */
	release(): void;
}

/**
 * Waits for the lock `name` and calls `onAcquired` once it is held; the lock is kept until
 * `release()`. Without Web Locks the caller is alone, so it is acquired at once.
 */
export function holdLock(name: string, onAcquired: () => void): HeldLock {
	const locks = webLocks();
	if (!locks) {
		onAcquired();
		return { release() {} };
	}
	const abort = new AbortController();
	let release: (() => void) | undefined;
	locks
		.request(name, { signal: abort.signal }, () => {
			onAcquired();
			return new Promise<void>((resolve) => (release = resolve));
		})
		.catch(() => undefined); // aborted while waiting: nothing to do
	return {
		release() {
			abort.abort();
			release?.();
		}
	};
}
