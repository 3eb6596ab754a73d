// The service worker: routes the pages' messages to dispatch.js, notices closed popups, and
// restores the Origin rule (session rules do not outlive the browser session).
import { getUserOrigins, refreshOriginRule } from './lib/browser.js';
import { dispatch } from './lib/dispatch.js';
import { denyRequests } from './lib/store.js';

const BUILT_IN = [
	/^https:\/\/switchboard\.app$/,
	/^http:\/\/localhost(:[0-9]+)?$/,
	/^http:\/\/127\.0\.0\.1(:[0-9]+)?$/
];

const isBuiltIn = (/** @type {string} */ origin) =>
	BUILT_IN.some((pattern) => pattern.test(origin));

/**
 * Answers asynchronously; a failure inside the extension is reported without its message, which
 * could quote what the page sent.
 * @param {unknown} message
 * @param {string} origin
 * @param {(reply: unknown) => void} sendResponse
 */
function answer(message, origin, sendResponse) {
	dispatch(message, origin).then(sendResponse, (error) => {
		console.error('Switchboard Bridge: a message failed', error?.name);
		sendResponse({ ok: false, error: { code: 'bridge.unavailable' } });
	});
	return true;
}

// Built-in origins call the extension directly (externally_connectable); sender.origin is set by
// the browser, the check repeats the manifest's list.
chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => {
	const origin = sender.origin;
	if (!origin || !isBuiltIn(origin)) return false;
	return answer(message, origin, sendResponse);
});

// A browser without externally_connectable (Firefox) reaches the built-in origins through
// relay.js too (manifest.firefox.json).
const RELAYS_BUILT_IN = !chrome.runtime.getManifest().externally_connectable;

// relay.js forwards for user-added origins only; the extension's own pages never message here.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
	const origin = sender.origin;
	if (sender.id !== chrome.runtime.id || !sender.tab || !origin) return false;
	getUserOrigins().then(
		(origins) =>
			origins.includes(origin) || (RELAYS_BUILT_IN && isBuiltIn(origin))
				? answer(message, origin, sendResponse)
				: sendResponse({ ok: false, error: { code: 'bridge.not-paired' } }),
		() => sendResponse({ ok: false, error: { code: 'bridge.unavailable' } })
	);
	return true;
});

// The toolbar button opens the settings: paired apps, granted hosts, self-hosted origins.
chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());

// Closing a pair or grant window without answering denies the request.
chrome.windows.onRemoved.addListener((windowId) => {
	denyRequests((request) => request.windowId === windowId).catch(() => undefined);
});

refreshOriginRule().catch((error) => console.error('Switchboard Bridge: Origin rule', error?.name));
