/**
 * Idle detection for auto-lock. Activity in any tab counts (tabs tell each other, at most every
 * 10 s), so working in one tab does not lock the vault from under you in another. The timer is
 * only a reminder: what decides is the wall clock since the last activity, checked again when
 * the tab becomes visible or is restored from the back/forward cache (timers do not run while a
 * machine sleeps or a page sits in that cache).
 */
import { publish } from '../worker';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const WAKE_EVENTS = ['pageshow', 'focus'] as const;
const BROADCAST_EVERY_MS = 10_000;

export interface IdleTimer {
	/** Counts as activity (called on local and remote activity). */
	touch(): void;
	stop(): void;
}

export function startIdleTimer(timeoutMs: number, onIdle: () => void): IdleTimer {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let lastActivity = Date.now();
	let lastBroadcast = 0;
	let stopped = false;
	const check = () => {
		if (stopped) return;
		clearTimeout(timer);
		const left = lastActivity + timeoutMs - Date.now();
		if (left <= 0) {
			stop();
			onIdle();
		} else timer = setTimeout(check, left);
	};
	const touch = () => {
		lastActivity = Date.now();
		check();
	};
	const onLocalActivity = () => {
		// A tab waking up after the time ran out must lock, not count the wake-up as activity.
		if (Date.now() - lastActivity >= timeoutMs) return check();
		touch();
		const now = Date.now();
		if (now - lastBroadcast > BROADCAST_EVERY_MS) {
			lastBroadcast = now;
			publish({ type: 'activity' });
		}
	};
	const onVisibility = () => {
		if (document.visibilityState === 'visible') check();
	};
	function stop() {
		stopped = true;
		clearTimeout(timer);
		for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onLocalActivity);
		for (const name of WAKE_EVENTS) window.removeEventListener(name, check);
		document.removeEventListener('visibilitychange', onVisibility);
	}
	for (const name of ACTIVITY_EVENTS)
		window.addEventListener(name, onLocalActivity, { passive: true });
	for (const name of WAKE_EVENTS) window.addEventListener(name, check);
	document.addEventListener('visibilitychange', onVisibility);
	check();
	return { touch, stop };
}
