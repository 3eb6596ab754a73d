/**
 * Both halves of a redirect flow's hand-over. Authorization opens in a popup so this tab keeps
 * its unlocked key; the popup's /callback page (`CallbackHandover`) hands the callback URL back
 * over a BroadcastChannel (which, unlike window.opener, survives providers that sever the opener
 * with COOP) and closes once the opener acknowledges. If the browser blocks the popup, the whole
 * tab goes to the provider instead, and /callback completes the flow itself after unlock.
 */
import type { ConnectionView, ConnectStart } from '../connections';
import { AppError, toAppError } from '../errors';
import { worker } from '../worker';

const OAUTH_CHANNEL = 'switchboard-oauth';
type OAuthMessage = { type: 'callback'; url: string } | { type: 'ack'; url: string };

const POPUP_FEATURES = 'popup,width=520,height=720';
/** A closed popup may still deliver (the callback page posts, then closes): allow a moment. */
const CLOSED_GRACE_MS = 1_500;
/** How long the callback page waits for an opener to claim it before finishing here. */
const CLAIM_WAIT_MS = 1_500;

/**
 * Runs a flow to the end. Must be called synchronously from a click (or submit): the popup is
 * opened before anything is awaited, or the browser treats it as unrequested and blocks it.
 */
export function runAuthorization(start: () => Promise<ConnectStart>): Promise<ConnectionView> {
	const popup = window.open('', 'switchboard-oauth', POPUP_FEATURES);
	return (async () => {
		let started: ConnectStart;
		try {
			started = await start();
		} catch (error) {
			popup?.close();
			throw error;
		}
		if (started.kind === 'connected') {
			popup?.close();
			return started.connection;
		}
		if (!popup) {
			// Popup blocked: the pending flow is sealed in the vault; /callback finishes it.
			location.assign(started.url);
			return new Promise<never>(() => {});
		}
		// The provider's pages get no handle on this tab.
		popup.opener = null;
		popup.location.href = started.url;
		const callbackUrl = await waitForCallback(popup, stateOf(started.url));
		return worker().connections.complete(callbackUrl);
	})();
}

/** The connection a start without redirect made (the others go through runAuthorization). */
export function connectedView(started: ConnectStart): ConnectionView {
	if (started.kind !== 'connected') throw new AppError('internal');
	return started.connection;
}

/** The `state` a URL carries (an authorization request's, or a callback's). */
function stateOf(url: string): string | null {
	try {
		return new URL(url).searchParams.get('state');
	} catch {
		return null;
	}
}

/**
 * Resolves with the callback URL of this tab's flow (its `state` matches the one this tab sent;
 * any other window's message is ignored); rejects when the popup is closed before it arrives.
 */
function waitForCallback(popup: Window, state: string | null): Promise<string> {
	return new Promise((resolve, reject) => {
		const channel = new BroadcastChannel(OAUTH_CHANNEL);
		let closedSince: number | null = null;
		const finish = () => {
			clearInterval(poll);
			channel.close();
		};
		channel.onmessage = (event: MessageEvent<OAuthMessage>) => {
			if (event.data?.type !== 'callback' || typeof event.data.url !== 'string') return;
			if (!state || stateOf(event.data.url) !== state) return;
			channel.postMessage({ type: 'ack', url: event.data.url } satisfies OAuthMessage);
			finish();
			resolve(event.data.url);
		};
		const poll = setInterval(() => {
			if (!popup.closed) return;
			closedSince ??= Date.now();
			if (Date.now() - closedSince > CLOSED_GRACE_MS) {
				finish();
				reject(new AppError('oauth.popup-closed'));
			}
		}, 250);
	});
}

export type HandoverStage = 'handing-over' | 'done' | 'completing-here' | 'failed';

/** The /callback page's half: hand the URL to the opener, or finish the flow in this tab. */
export class CallbackHandover {
	#stage = $state<HandoverStage>('handing-over');
	#error = $state.raw<AppError | null>(null);
	/** Kept only in memory: the code in it must not stay in the address bar or history. */
	#callbackUrl = '';

	get stage(): HandoverStage {
		return this.#stage;
	}
	get error(): AppError | null {
		return this.#error;
	}

	/** Takes the URL out of the address bar and offers it to the opener; returns a cleanup. */
	begin(): () => void {
		this.#callbackUrl = location.href;
		history.replaceState(null, '', '/callback');
		const channel = new BroadcastChannel(OAUTH_CHANNEL);
		const timer = setTimeout(() => {
			// Nobody claimed it: this tab went to the provider itself (popup blocked).
			channel.close();
			this.#stage = 'completing-here';
		}, CLAIM_WAIT_MS);
		channel.onmessage = (event: MessageEvent<OAuthMessage>) => {
			if (event.data?.type === 'ack' && event.data.url === this.#callbackUrl) {
				clearTimeout(timer);
				channel.close();
				this.#callbackUrl = '';
				this.#stage = 'done';
				window.close();
			}
		};
		channel.postMessage({ type: 'callback', url: this.#callbackUrl } satisfies OAuthMessage);
		return () => {
			clearTimeout(timer);
			channel.close();
		};
	}

	/** Finishes the flow in this tab (once unlocked); resolves with the new connection's id. */
	async completeHere(): Promise<string | null> {
		if (this.#stage !== 'completing-here' || !this.#callbackUrl) return null;
		const url = this.#callbackUrl;
		this.#callbackUrl = '';
		this.#stage = 'handing-over';
		try {
			return (await worker().connections.complete(url)).id;
		} catch (error) {
			this.#error = toAppError(error);
			this.#stage = 'failed';
			return null;
		}
	}
}
