/**
 * Cross-tab notifications. Messages say only *what* changed, never data: each tab re-reads
 * through its own worker (and its own key).
 */
import { createChannel } from '../platform';

export type SyncMessage =
	| { type: 'locked' }
	| { type: 'activity' }
	| { type: 'vault-created' }
	| { type: 'settings-changed' }
	/** Paired with the bridge extension, or unpaired. */
	| { type: 'bridge-changed' }
	| { type: 'data-changed'; store: 'connections' | 'folders'; ids?: string[] }
	| { type: 'db-blocked' }
	| { type: 'db-closed' };

const channel = createChannel<SyncMessage>('switchboard');

export const publish = (message: SyncMessage): void => channel.publish(message);
export const subscribe = (handler: (message: SyncMessage) => void): (() => void) =>
	channel.subscribe(handler);
