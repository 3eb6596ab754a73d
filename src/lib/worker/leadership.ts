/**
 * One tab refreshes in the background at a time: the one holding a Web Lock. With several tabs
 * open this keeps the cap on requests in flight global and spares the others from waking up for
 * every due token; when the leader locks or closes, the lock passes to the next unlocked tab,
 * which catches up. (Refreshes on use — a check, a request — still run in any tab, under the
 * connection's own lock.)
 */
const LEADER_LOCK = 'switchboard:refresh-leader';

export interface Leadership {
	resign(): void;
}

export function seekLeadership(onLead: () => void): Leadership {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) {
		onLead();
		return { resign() {} };
	}
	const abort = new AbortController();
	let release: (() => void) | undefined;
	locks
		.request(LEADER_LOCK, { signal: abort.signal }, () => {
			onLead();
			return new Promise<void>((resolve) => (release = resolve));
		})
		.catch(() => undefined); // aborted while waiting: nothing to do
	return {
		resign() {
			abort.abort();
			release?.();
		}
	};
}
