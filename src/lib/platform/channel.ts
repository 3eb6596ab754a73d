/**
 * A typed BroadcastChannel. One instance per name per context, so a context does not hear its own
 * messages; the page and the worker of one tab do hear each other. Where BroadcastChannel does
 * not exist (Node), publishing does nothing.
 */
export interface Channel<T> {
	publish(message: T): void;
	/** Returns the unsubscribe function. */
	subscribe(handler: (message: T) => void): () => void;
}

export function createChannel<T>(name: string): Channel<T> {
	let channel: BroadcastChannel | null = null;
	const get = () => {
		if (typeof BroadcastChannel === 'undefined') return null;
		channel ??= new BroadcastChannel(name);
		return channel;
	};
	return {
		publish(message) {
			get()?.postMessage(message);
		},
		subscribe(handler) {
			const c = get();
			if (!c) return () => {};
			const listener = (event: MessageEvent<T>) => handler(event.data);
			c.addEventListener('message', listener);
			return () => c.removeEventListener('message', listener);
		}
	};
}
