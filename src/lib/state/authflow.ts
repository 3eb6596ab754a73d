/**
 * The page side of a redirect flow. Authorization opens in a popup so this tab keeps its
 * unlocked key; the popup's /callback page hands the callback URL back over a BroadcastChannel
 * (which, unlike window.opener, survives providers that sever the opener with COOP). If the
 * browser blocks the popup, the whole tab goes to the provider instead and /callback completes
 * the flow after unlock.
 */
import { AppError } from '../errors';
import type { ConnectionDraft, ConnectionView } from '../connections/model';
import { worker } from '../worker';

export const OAUTH_CHANNEL = 'switchboard-oauth';
export type OAuthMessage = { type: 'callback'; url: string } | { type: 'ack'; url: string };

const POPUP_FEATURES = 'popup,width=520,height=720';

/**
 * Runs a flow to the end. Must be called synchronously from a click (or submit): the popup is
 * opened before anything is awaited, or the browser treats it as unrequested and blocks it.
 */
export function runAuthorization(
	start: () => Promise<{ url?: string; connection?: ConnectionView }>
): Promise<ConnectionView> {
	const popup = window.open('', 'switchboard-oauth', POPUP_FEATURES);
	return (async () => {
		let url: string | undefined;
		try {
			const started = await start();
			if (started.connection) {
				popup?.close();
				return started.connection;
			}
			url = started.url;
		} catch (error) {
			popup?.close();
			throw error;
		}
		if (!url) throw new AppError('internal');
		if (!popup) {
			// Popup blocked: the pending flow is sealed in the vault; /callback finishes it.
			location.assign(url);
			return new Promise<never>(() => {});
		}
		popup.location.href = url;
		const callbackUrl = await waitForCallback(popup);
		return worker().completeAuthorization(callbackUrl);
	})();
}

export function startConnection(draft: ConnectionDraft): Promise<ConnectionView> {
	return runAuthorization(() => worker().authorize(draft));
}

export function reconnectConnection(id: string): Promise<ConnectionView> {
	return runAuthorization(() => worker().reconnect(id));
}

/** Resolves with the callback URL; rejects when the popup is closed before it arrives. */
function waitForCallback(popup: Window): Promise<string> {
	return new Promise((resolve, reject) => {
		const channel = new BroadcastChannel(OAUTH_CHANNEL);
		let closedSince: number | null = null;
		const finish = () => {
			clearInterval(poll);
			channel.close();
		};
		channel.onmessage = (event: MessageEvent<OAuthMessage>) => {
			if (event.data?.type !== 'callback' || typeof event.data.url !== 'string') return;
			channel.postMessage({ type: 'ack', url: event.data.url } satisfies OAuthMessage);
			finish();
			resolve(event.data.url);
		};
		// A closed popup may still deliver (the callback page posts, then closes): allow a moment.
		const poll = setInterval(() => {
			if (!popup.closed) return;
			closedSince ??= Date.now();
			if (Date.now() - closedSince > 1500) {
				finish();
				reject(new AppError('oauth.popup-closed'));
			}
		}, 250);
	});
}
