/**
 * Cross-tab notifications over BroadcastChannel. Messages say only *what* changed, never data:
 * each tab re-reads through its own worker (and its own key).
 */
export type SyncMessage =
	| { type: 'locked' }
	| { type: 'activity' }
	| { type: 'vault-created' }
	| { type: 'settings-changed' }
	| { type: 'data-changed'; store: string }
	| { type: 'db-blocked' }
	| { type: 'db-closed' };

export const CHANNEL_NAME = 'switchboard';

let channel: BroadcastChannel | null = null;

function getChannel(): BroadcastChannel | null {
	if (typeof BroadcastChannel === 'undefined') return null;
	channel ??= new BroadcastChannel(CHANNEL_NAME);
	return channel;
}

/** Tells the other tabs (a BroadcastChannel does not deliver to its own sender). */
export function publish(message: SyncMessage): void {
	getChannel()?.postMessage(message);
}

export function subscribe(handler: (message: SyncMessage) => void): () => void {
	const c = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
	if (!c) return () => {};
	c.onmessage = (event: MessageEvent<SyncMessage>) => handler(event.data);
	return () => c.close();
}
