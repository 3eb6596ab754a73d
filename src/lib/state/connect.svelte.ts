/** The connection screen's action: start a connection, popup or not, and say what went wrong. */
import { REDIRECT_TYPES } from '../catalog';
import type { ConnectionDraft, ConnectionView } from '../connections';
import { worker } from '../worker';
import { AsyncAction } from './action.svelte';
import { connectedView, runAuthorization } from './authflow.svelte';
import { bridge } from './bridge.svelte';

export class ConnectFlow {
	readonly action = new AsyncAction();

	/** A new attempt (even one the form stops for invalid fields) clears the last notice. */
	attempt(): void {
		this.action.clear();
	}

	/**
	 * Must be called synchronously from the submit: a redirect flow opens its popup right away.
	 * Resolves with the new connection, or null when it failed (the error is shown).
	 */
	connect(draft: ConnectionDraft, connectorName: string): Promise<ConnectionView | null> {
		// The bridge's hosts are granted first: a refusal leaves nothing stored.
		const start = async () => {
			await bridge.prepare(draft, connectorName);
			return worker().connections.start(draft);
		};
		const made: Promise<ConnectionView> = REDIRECT_TYPES.includes(draft.authType)
			? runAuthorization(start)
			: start().then(connectedView);
		return this.action.run(() => made).then((view) => view ?? null);
	}
}
