// What the extension asks of the browser: host permissions, the Origin-removing session rule,
// the user-added origins and their relay script, and popup windows.
import { ruleDomains, unusedHosts } from './grants.js';
import { listPairings } from './store.js';
import { hostPattern } from './url-rules.js';

const ORIGIN_RULE_ID = 1;
const USER_ORIGINS = 'userOrigins';

/**
 * Points the session rule that strips `Origin` from the extension's own requests at every
 * granted host (token endpoints such as Microsoft's refuse a redemption that names an origin).
 * Run at service-worker start and after every change of grants.
 */
export async function refreshOriginRule() {
	const requestDomains = ruleDomains(await listPairings());
	await chrome.declarativeNetRequest.updateSessionRules({
		removeRuleIds: [ORIGIN_RULE_ID],
		addRules: requestDomains.length
			? [
					{
						id: ORIGIN_RULE_ID,
						priority: 1,
						action: {
							type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
							requestHeaders: [
								{
									header: 'origin',
									operation: chrome.declarativeNetRequest.HeaderOperation.REMOVE
								}
							]
						},
						condition: {
							initiatorDomains: [chrome.runtime.id],
							tabIds: [chrome.tabs.TAB_ID_NONE],
							requestDomains
						}
					}
				]
			: []
	});
}

/** Whether the browser still grants the extension `host` (the user may revoke it any time). */
export const browserGrants = (/** @type {string} */ host) =>
	chrome.permissions.contains({ origins: [hostPattern(host)] });

/** Whether the browser lets the extension reach `url` (its scheme, host and port). */
export const browserAllows = (/** @type {URL} */ url) =>
	chrome.permissions.contains({ origins: [`${url.protocol}//${url.host}/*`] });

/** @returns {Promise<string[]>} */
export async function getUserOrigins() {
	const stored = await chrome.storage.local.get(USER_ORIGINS);
	return Array.isArray(stored[USER_ORIGINS]) ? stored[USER_ORIGINS] : [];
}

/** @param {string[]} origins */
export const setUserOrigins = (origins) => chrome.storage.local.set({ [USER_ORIGINS]: origins });

/** The id of the relay registration for a user-added origin. */
export const relayScriptId = (/** @type {string} */ origin) => `relay ${origin}`;

/**
 * Gives back the browser permission for hosts that no pairing and no user-added origin still
 * needs, then updates the Origin rule.
 * @param {string[]} hosts hosts just taken from a pairing
 */
export async function releaseHosts(hosts) {
	const unused = unusedHosts(hosts, await listPairings());
	const kept = new Set((await getUserOrigins()).map((origin) => `${origin}/*`));
	const origins = unused.map(hostPattern).filter((pattern) => !kept.has(pattern));
	if (origins.length) {
		// Refused for permissions the manifest requires (the test build): the grant bookkeeping
		// alone then keeps the host out.
		await chrome.permissions.remove({ origins }).catch(() => false);
	}
	await refreshOriginRule();
}

/**
 * Opens one of the extension's pages in a small popup window.
 * @param {'pair.html' | 'grant.html'} page
 * @param {string} requestId
 * @returns {Promise<number | undefined>} the window id
 */
export async function openPopup(page, requestId) {
	const created = await chrome.windows.create({
		url: chrome.runtime.getURL(`${page}?request=${encodeURIComponent(requestId)}`),
		type: 'popup',
		width: 440,
		height: 520,
		focused: true
	});
	return created?.id;
}

/** @param {number[]} windowIds */
export async function closeWindows(windowIds) {
	await Promise.all(windowIds.map((id) => chrome.windows.remove(id).catch(() => undefined)));
}
