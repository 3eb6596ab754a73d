/**
 * Idle detection for auto-lock. Activity in any tab counts (tabs tell each other, at most every
 * 10 s), so working in one tab does not lock the vault from under you in another.
 */
import { publish } from '../worker';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const BROADCAST_EVERY_MS = 10_000;

export interface IdleTimer {
	/** Restarts the countdown (called on local and remote activity). */
	touch(): void;
	stop(): void;
}

export function startIdleTimer(timeoutMs: number, onIdle: () => void): IdleTimer {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let lastBroadcast = 0;
	const restart = () => {
		clearTimeout(timer);
		timer = setTimeout(onIdle, timeoutMs);
	};
	const onLocalActivity = () => {
		restart();
		const now = Date.now();
		if (now - lastBroadcast > BROADCAST_EVERY_MS) {
			lastBroadcast = now;
			publish({ type: 'activity' });
		}
	};
	for (const name of ACTIVITY_EVENTS)
		window.addEventListener(name, onLocalActivity, { passive: true });
	restart();
	return {
		touch: restart,
		stop() {
			clearTimeout(timer);
			for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onLocalActivity);
		}
	};
}
