/**
 * Whether the network is up, as this context sees it. A worker's own `online`/`offline` events
 * are not always delivered (emulated network changes reach only pages), so the page forwards its
 * events too (`setOnline`); either source switching to online wakes the listeners.
 */
const listeners = new Set<() => void>();
let online = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false;

export function setOnline(value: boolean): void {
	const cameBack = value && !online;
	online = value;
	if (cameBack) for (const listener of listeners) listener();
}

if (typeof self !== 'undefined' && 'addEventListener' in self) {
	self.addEventListener('online', () => setOnline(true));
	self.addEventListener('offline', () => setOnline(false));
}

export function isOnline(): boolean {
	return online;
}

/** Calls `callback` whenever the network comes back; returns the unsubscribe function. */
export function onOnline(callback: () => void): () => void {
	listeners.add(callback);
	return () => listeners.delete(callback);
}
