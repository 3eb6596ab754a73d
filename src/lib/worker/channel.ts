/**
 * Cross-tab notifications over BroadcastChannel. Messages say only *what* changed, never data:
 * each tab re-reads through its own worker (and its own key). One channel per context, so a
 * context does not hear its own messages; the page and the worker of one tab do hear each other.
 */
export type SyncMessage =
	| { type: 'locked' }
	| { type: 'activity' }
	| { type: 'vault-created' }
	| { type: 'settings-changed' }
	| { type: 'data-changed'; store: 'connections' | 'folders'; ids?: string[] }
	| { type: 'db-blocked' }
	| { type: 'db-closed' };

export const CHANNEL_NAME = 'switchboard';

let channel: BroadcastChannel | null = null;

function getChannel(): BroadcastChannel | null {
	if (typeof BroadcastChannel === 'undefined') return null;
	channel ??= new BroadcastChannel(CHANNEL_NAME);
	return channel;
}

export function publish(message: SyncMessage): void {
	getChannel()?.postMessage(message);
}

export function subscribe(handler: (message: SyncMessage) => void): () => void {
	const c = getChannel();
	if (!c) return () => {};
	const listener = (event: MessageEvent<SyncMessage>) => handler(event.data);
	c.addEventListener('message', listener);
	return () => c.removeEventListener('message', listener);
}
