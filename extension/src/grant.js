// The grant popup: names the connector and exactly the hosts asked for. Allow asks the browser
// for those hosts (inside the click: the browser wants a user gesture) and records them for the
// pairing; Cancel (or closing the window) denies.
import { refreshOriginRule } from './lib/browser.js';
import { t, localize } from './lib/i18n.js';
import { approveGrant, denyRequests, getRequest } from './lib/store.js';
import { hostPattern } from './lib/url-rules.js';

localize();
const requestId = new URLSearchParams(location.search).get('request') ?? '';
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const section = /** @type {HTMLElement} */ (document.getElementById('request'));
const deny = () => denyRequests((pending) => pending.requestId === requestId);

/** @param {string} key */
function finish(key) {
	section.hidden = true;
	status.textContent = t(key);
}

const request = await getRequest(requestId, Date.now());
if (request?.kind === 'grant' && request.status === 'pending') {
	/** @type {HTMLElement} */ (document.getElementById('origin')).textContent = request.origin;
	/** @type {HTMLElement} */ (document.getElementById('label')).textContent = request.label;
	const list = /** @type {HTMLElement} */ (document.getElementById('hosts'));
	for (const host of request.hosts) {
		const item = document.createElement('li');
		item.textContent = host;
		list.append(item);
	}
	const origins = request.hosts.map(hostPattern);
	section.hidden = false;
	document.getElementById('allow')?.addEventListener('click', async () => {
		// First thing in the handler, while the click still counts as a user gesture.
		const allowed = await chrome.permissions.request({ origins }).catch(() => false);
		if (!allowed) {
			await deny();
			return finish('grantRefused');
		}
		if (!(await approveGrant(requestId, Date.now()))) return finish('requestGone');
		await refreshOriginRule();
		finish('grantDone');
		window.close();
	});
	document.getElementById('cancel')?.addEventListener('click', async () => {
		await deny();
		window.close();
	});
} else {
	finish('requestGone');
}
