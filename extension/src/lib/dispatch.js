// Answers the protocol's messages (PROTOCOL.md) for a page whose origin the browser reported.
// Every refusal is a plain `{ ok: false, error: { code, detail? } }` whose detail is at most a
// host: no header, body or token ever goes into a reply that is not sealed, nor into a log.
import { decode, encode, randomId } from './b64u.js';
import { browserAllows, browserGrants, closeWindows, openPopup, releaseHosts } from './browser.js';
import { performFetch } from './fetcher.js';
import { isGranted, missingHosts, removeHost } from './grants.js';
import { PROTOCOL_VERSION, parseMessage, parseRequest } from './messages.js';
import { confirmationCode, createKeyPair, deriveSessionKey, importPublicKey } from './pairing.js';
import { createReplayGuard } from './replay.js';
import { open, requestAad, responseAad, seal } from './seal.js';
import {
	addRequest,
	deletePairing,
	getPairing,
	getRequest,
	pairingFor,
	setRequestWindow,
	updateHosts
} from './store.js';
import { checkUrl } from './url-rules.js';

/** @typedef {{ ok: false, error: { code: string, detail?: string } }} Refusal */

/** @param {string} code @param {string} [detail] a host name, never anything else @returns {Refusal} */
const refuse = (code, detail) => ({
	ok: false,
	error: detail === undefined ? { code } : { code, detail }
});

const replay = createReplayGuard({
	load: async () => (await chrome.storage.session.get('seen')).seen,
	save: (seen) => chrome.storage.session.set({ seen })
});

/**
 * @param {unknown} raw the message as the page sent it
 * @param {string} origin `sender.origin`, as the browser reported it
 * @returns {Promise<object>}
 */
export async function dispatch(raw, origin) {
	const message = parseMessage(raw);
	if (!message) return refuse('bridge.bad-request');
	const now = Date.now();
	switch (message.type) {
		case 'hello':
			return hello(origin);
		case 'pair':
			return pair(/** @type {string} */ (message.publicKey), origin, now);
		case 'pair-status':
			return pairStatus(/** @type {string} */ (message.requestId), origin, now);
		case 'grant-status':
			return grantStatus(/** @type {string} */ (message.requestId), origin, now);
	}
	// The rest act on a pairing, which must belong to the asking origin.
	const pairing = await getPairing(/** @type {string} */ (message.pairingId));
	if (!pairing || pairing.origin !== origin) return refuse('bridge.not-paired');
	switch (message.type) {
		case 'request':
			return request(pairing, message.iv, message.data);
		case 'grant':
			return grant(pairing, /** @type {string[]} */ (message.hosts), String(message.label), now);
		case 'hosts':
			return { ok: true, hosts: pairing.hosts };
		case 'remove-host': {
			const host = /** @type {string} */ (message.host);
			await updateHosts(pairing.pairingId, (hosts) => removeHost(hosts, host));
			await releaseHosts([host]);
			return { ok: true };
		}
		default: {
			// unpair
			await deletePairing(pairing.pairingId);
			await releaseHosts(pairing.hosts.map((grant) => grant.host));
			return { ok: true };
		}
	}
}

/** @param {string} origin */
async function hello(origin) {
	const pairing = await pairingFor(origin);
	return pairing
		? { ok: true, version: PROTOCOL_VERSION, paired: true, pairingId: pairing.pairingId }
		: { ok: true, version: PROTOCOL_VERSION, paired: false };
}

/**
 * @param {string} publicKey the app's public key, base64url
 * @param {string} origin
 * @param {number} now
 */
async function pair(publicKey, origin, now) {
	const appPublicRaw = decode(publicKey);
	if (!appPublicRaw || appPublicRaw.length !== 65) return refuse('bridge.bad-request');
	let appPublicKey;
	try {
		appPublicKey = await importPublicKey(appPublicRaw);
	} catch {
		return refuse('bridge.bad-request');
	}
	const { privateKey, publicRaw } = await createKeyPair();
	const key = await deriveSessionKey({
		privateKey,
		appPublicKey,
		appPublicRaw,
		extensionPublicRaw: publicRaw,
		origin
	});
	const requestId = randomId();
	const stale = await addRequest(
		{
			requestId,
			kind: 'pair',
			origin,
			createdAt: now,
			status: 'pending',
			code: await confirmationCode(origin, appPublicRaw, publicRaw),
			key
		},
		(old) => old.kind === 'pair' && old.origin === origin,
		now
	);
	await closeWindows(stale);
	const windowId = await openPopup('pair.html', requestId);
	if (windowId !== undefined) await setRequestWindow(requestId, windowId);
	return { ok: true, requestId, publicKey: encode(publicRaw) };
}

/** @param {string} requestId @param {string} origin @param {number} now */
async function pairStatus(requestId, origin, now) {
	const found = await getRequest(requestId, now);
	if (found?.kind !== 'pair' || found.origin !== origin || found.status === 'denied') {
		return refuse('bridge.pair-denied');
	}
	return found.status === 'paired'
		? { ok: true, status: 'paired', pairingId: found.pairingId }
		: { ok: true, status: 'pending' };
}

/** @param {string} requestId @param {string} origin @param {number} now */
async function grantStatus(requestId, origin, now) {
	const found = await getRequest(requestId, now);
	if (found?.kind !== 'grant' || found.origin !== origin || found.status === 'denied') {
		return refuse('bridge.grant-denied');
	}
	return { ok: true, status: found.status };
}

/**
 * @param {import('./store.js').Pairing} pairing
 * @param {string[]} requested
 * @param {string} label
 * @param {number} now
 */
async function grant(pairing, requested, label, now) {
	const hosts = [...new Set(requested)];
	const stillGranted = await Promise.all(hosts.map(browserGrants));
	if (!missingHosts(pairing.hosts, hosts).length && stillGranted.every(Boolean)) {
		return { ok: true, status: 'granted' };
	}
	const requestId = randomId();
	const stale = await addRequest(
		{
			requestId,
			kind: 'grant',
			origin: pairing.origin,
			createdAt: now,
			status: 'pending',
			pairingId: pairing.pairingId,
			hosts,
			label: label.trim()
		},
		(old) => old.kind === 'grant' && old.pairingId === pairing.pairingId,
		now
	);
	await closeWindows(stale);
	const windowId = await openPopup('grant.html', requestId);
	if (windowId !== undefined) await setRequestWindow(requestId, windowId);
	return { ok: true, status: 'pending', requestId };
}

/**
 * A sealed request: open it, check it is fresh, carry it out, seal the answer.
 * @param {import('./store.js').Pairing} pairing
 * @param {unknown} iv
 * @param {unknown} data
 */
async function request(pairing, iv, data) {
	const { pairingId, origin, key } = pairing;
	const plain = await open(key, iv, data, requestAad(pairingId, origin));
	if (plain === undefined) return refuse('bridge.not-paired');
	const opened = parseRequest(plain);
	if (!opened) return refuse('bridge.bad-request');
	if (!(await replay.accept(opened.id, opened.ts))) return refuse('bridge.stale');
	/** @type {(value: object) => Promise<object>} */
	const reply = async (value) => ({
		ok: true,
		...(await seal(key, { id: opened.id, ...value }, responseAad(pairingId, origin, opened.id)))
	});
	if (opened.kind === 'ping') {
		const hosts = pairing.hosts.map((granted) => granted.host);
		return reply({ pong: true, version: chrome.runtime.getManifest().version, hosts });
	}
	const target = checkUrl(opened.url);
	if (!target.ok) return refuse('bridge.url');
	if (!isGranted(pairing.hosts, target.host) || !(await browserAllows(target.url))) {
		return refuse('bridge.host-not-granted', target.host);
	}
	const outcome = await performFetch({ ...opened, url: target.url.href });
	if (!outcome.ok) return refuse(outcome.error.code);
	return reply(outcome.result);
}
