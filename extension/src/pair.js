// The pair popup: shows the asking origin and the confirmation code; Pair makes the pairing,
// Cancel (or closing the window, see background.js) denies it.
import { releaseHosts } from './lib/browser.js';
import { t, localize } from './lib/i18n.js';
import { approvePair, denyRequests, getRequest } from './lib/store.js';

localize();
const requestId = new URLSearchParams(location.search).get('request') ?? '';
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const section = /** @type {HTMLElement} */ (document.getElementById('request'));

/** @param {string} key */
function finish(key) {
	section.hidden = true;
	status.textContent = t(key);
}

const request = await getRequest(requestId, Date.now());
if (request?.kind === 'pair' && request.status === 'pending') {
	/** @type {HTMLElement} */ (document.getElementById('origin')).textContent = request.origin;
	/** @type {HTMLElement} */ (document.getElementById('code')).textContent = request.code;
	section.hidden = false;
	document.getElementById('pair')?.addEventListener('click', async () => {
		const approved = await approvePair(requestId, Date.now());
		if (!approved) return finish('requestGone');
		// A new pairing replaces the origin's earlier one, and its grants with it.
		await releaseHosts(approved.replaced.flatMap((old) => old.hosts.map((grant) => grant.host)));
		finish('pairDone');
		window.close();
	});
	document.getElementById('cancel')?.addEventListener('click', async () => {
		await denyRequests((pending) => pending.requestId === requestId);
		window.close();
	});
} else {
	finish('requestGone');
}
