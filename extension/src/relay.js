// Content script for origins the user added on the options page (and every origin in Firefox):
// carries messages between the page and the extension. It talks only to its own window.
(() => {
	const CHANNEL = 'switchboard-bridge';
	/** @param {object} data */
	const post = (data) => window.postMessage({ channel: CHANNEL, ...data }, location.origin);

	window.addEventListener('message', (event) => {
		const data = event.data;
		if (event.source !== window || event.origin !== location.origin) return;
		if (typeof data !== 'object' || data === null) return;
		if (data.channel !== CHANNEL || data.direction !== 'to-extension') return;
		const id = data.id;
		chrome.runtime.sendMessage(data.message).then(
			(reply) => post({ direction: 'to-page', id, reply }),
			// The extension was updated or removed since this page loaded.
			() =>
				post({
					direction: 'to-page',
					id,
					reply: { ok: false, error: { code: 'bridge.unavailable' } }
				})
		);
	});

	// Announced at document start and again once loaded, for pages that listen only later.
	post({ direction: 'to-page', type: 'present' });
	window.addEventListener('load', () => post({ direction: 'to-page', type: 'present' }), {
		once: true
	});
})();
