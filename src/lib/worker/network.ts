/**
 * Whether the network is up, as the worker sees it. A worker's own `online`/`offline` events are
 * not always delivered (emulated network changes reach only pages), so the page forwards its
 * events too; either source switching to online resumes paused refreshes.
 */
const listeners = new Set<() => void>();
let online = typeof navigator === 'undefined' || navigator.onLine !== false;

export function setOnline(value: boolean): void {
	const cameBack = value && !online;
	online = value;
	if (cameBack) for (const listener of listeners) listener();
}

if (typeof self !== 'undefined' && 'addEventListener' in self) {
	self.addEventListener('online', () => setOnline(true));
	self.addEventListener('offline', () => setOnline(false));
}

export const network = {
	isOnline: () => online,
	onOnline(callback: () => void): () => void {
		listeners.add(callback);
		return () => listeners.delete(callback);
	}
};
