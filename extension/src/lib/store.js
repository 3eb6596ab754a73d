// The extension's records in its own IndexedDB: pairings (with their non-extractable AES-GCM
// key and granted hosts) and the pending pair/grant requests that a popup window answers.
// Both the service worker and the extension's pages use it; each change is one transaction.
import { randomId } from './b64u.js';
import { addHosts } from './grants.js';

/**
 * @typedef {import('./grants.js').Grant} Grant
 * @typedef {{ pairingId: string, origin: string, key: CryptoKey, pairedAt: number,
 *   hosts: Grant[] }} Pairing
 * @typedef {{ requestId: string, kind: 'pair', origin: string, createdAt: number,
 *   status: 'pending' | 'paired' | 'denied', windowId?: number, code: string, key?: CryptoKey,
 *   pairingId?: string }} PairRequest
 * @typedef {{ requestId: string, kind: 'grant', origin: string, createdAt: number,
 *   status: 'pending' | 'granted' | 'denied', windowId?: number, pairingId: string,
 *   hosts: string[], label: string }} GrantRequest
 * @typedef {PairRequest | GrantRequest} PendingRequest
 */

/** A request not answered within 5 minutes counts as denied. */
export const REQUEST_TTL_MS = 5 * 60_000;

/** @type {Promise<IDBDatabase> | undefined} */
let database;

function openDatabase() {
	database ??= new Promise((resolve, reject) => {
		const opening = indexedDB.open('switchboard-bridge', 1);
		opening.onupgradeneeded = () => {
			opening.result.createObjectStore('pairings', { keyPath: 'pairingId' });
			opening.result.createObjectStore('requests', { keyPath: 'requestId' });
		};
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => reject(opening.error);
	});
	return database;
}

/**
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
const done = (request) =>
	new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});

/**
 * Runs `work` in one read-write transaction over both stores; resolves with its result once the
 * transaction has committed. `work` may await only requests of this transaction.
 * @template T
 * @param {(stores: { pairings: IDBObjectStore, requests: IDBObjectStore }) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function transaction(work) {
	const db = await openDatabase();
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['pairings', 'requests'], 'readwrite');
		/** @type {T} */
		let result;
		tx.oncomplete = () => resolve(result);
		tx.onabort = () => reject(tx.error);
		work({ pairings: tx.objectStore('pairings'), requests: tx.objectStore('requests') }).then(
			(value) => {
				result = value;
			},
			(error) => {
				tx.abort();
				reject(error);
			}
		);
	});
}

/** @returns {Promise<Pairing[]>} */
export const listPairings = () => transaction(({ pairings }) => done(pairings.getAll()));

/** @param {string} pairingId @returns {Promise<Pairing | undefined>} */
export const getPairing = (pairingId) =>
	transaction(({ pairings }) => done(pairings.get(pairingId)));

/**
 * The pairing for `origin`, if any (approvePair keeps at most one per origin).
 * @param {string} origin
 */
export async function pairingFor(origin) {
	return (await listPairings()).find((pairing) => pairing.origin === origin);
}

/**
 * Applies `change` to a pairing's host list.
 * @param {string} pairingId
 * @param {(hosts: Grant[]) => Grant[]} change
 * @returns {Promise<boolean>} false when the pairing is gone
 */
export const updateHosts = (pairingId, change) =>
	transaction(async ({ pairings }) => {
		/** @type {Pairing | undefined} */
		const pairing = await done(pairings.get(pairingId));
		if (!pairing) return false;
		await done(pairings.put({ ...pairing, hosts: change(pairing.hosts) }));
		return true;
	});

/**
 * @param {string} pairingId
 * @returns {Promise<Pairing | undefined>} the deleted pairing
 */
export const deletePairing = (pairingId) =>
	transaction(async ({ pairings }) => {
		const pairing = await done(pairings.get(pairingId));
		await done(pairings.delete(pairingId));
		return pairing;
	});

/**
 * A request as its popup and the status messages see it: expired ones as denied.
 * @param {string} requestId
 * @param {number} now
 * @returns {Promise<PendingRequest | undefined>}
 */
export async function getRequest(requestId, now) {
	/** @type {PendingRequest | undefined} */
	const request = await transaction(({ requests }) => done(requests.get(requestId)));
	if (request?.status === 'pending' && now - request.createdAt > REQUEST_TTL_MS) {
		return { ...request, status: 'denied' };
	}
	return request;
}

/**
 * Stores a new pending request after denying (and forgetting the windows of) the pending ones it
 * replaces, so that one app cannot pile up popups. Old answered requests are dropped here too.
 * @param {PendingRequest} request
 * @param {(old: PendingRequest) => boolean} replaces
 * @param {number} now
 * @returns {Promise<number[]>} the windows of the replaced requests, to close
 */
export const addRequest = (request, replaces, now) =>
	transaction(async ({ requests }) => {
		/** @type {PendingRequest[]} */
		const all = await done(requests.getAll());
		/** @type {number[]} */
		const windows = [];
		for (const old of all) {
			if (now - old.createdAt > 2 * REQUEST_TTL_MS) {
				await done(requests.delete(old.requestId));
			} else if (old.status === 'pending' && replaces(old)) {
				if (old.windowId !== undefined) windows.push(old.windowId);
				await done(requests.put(denied(old)));
			}
		}
		await done(requests.put(request));
		return windows;
	});

/**
 * @param {PendingRequest} request
 * @returns {PendingRequest}
 */
function denied(request) {
	if (request.kind === 'pair') return { ...request, status: 'denied', key: undefined };
	return { ...request, status: 'denied' };
}

/** @param {string} requestId @param {number} windowId */
export const setRequestWindow = (requestId, windowId) =>
	transaction(async ({ requests }) => {
		const request = await done(requests.get(requestId));
		if (request) await done(requests.put({ ...request, windowId }));
	});

/**
 * Denies a pending request (Cancel, or its window closed).
 * @param {(request: PendingRequest) => boolean} which
 */
export const denyRequests = (which) =>
	transaction(async ({ requests }) => {
		/** @type {PendingRequest[]} */
		const all = await done(requests.getAll());
		for (const request of all) {
			if (request.status === 'pending' && which(request)) await done(requests.put(denied(request)));
		}
	});

/**
 * The user pressed Pair: the pending request becomes the origin's pairing, replacing any earlier
 * pairing of that origin.
 * @param {string} requestId
 * @param {number} now
 * @returns {Promise<{ pairingId: string, replaced: Pairing[] } | null>} null when the request
 *   is no longer pending
 */
export const approvePair = (requestId, now) =>
	transaction(async ({ pairings, requests }) => {
		/** @type {PendingRequest | undefined} */
		const request = await done(requests.get(requestId));
		if (
			request?.kind !== 'pair' ||
			request.status !== 'pending' ||
			!request.key ||
			now - request.createdAt > REQUEST_TTL_MS
		) {
			return null;
		}
		/** @type {Pairing[]} */
		const replaced = (await done(pairings.getAll())).filter(
			(/** @type {Pairing} */ pairing) => pairing.origin === request.origin
		);
		for (const old of replaced) await done(pairings.delete(old.pairingId));
		const pairingId = randomId();
		/** @type {Pairing} */
		const pairing = {
			pairingId,
			origin: request.origin,
			key: request.key,
			pairedAt: now,
			hosts: []
		};
		await done(pairings.put(pairing));
		await done(requests.put({ ...request, status: 'paired', key: undefined, pairingId }));
		return { pairingId, replaced };
	});

/**
 * The user allowed a grant (and the browser gave the permission): its hosts join the pairing.
 * @param {string} requestId
 * @param {number} now
 * @returns {Promise<boolean>} false when the request or its pairing is gone
 */
export const approveGrant = (requestId, now) =>
	transaction(async ({ pairings, requests }) => {
		/** @type {PendingRequest | undefined} */
		const request = await done(requests.get(requestId));
		if (
			request?.kind !== 'grant' ||
			request.status !== 'pending' ||
			now - request.createdAt > REQUEST_TTL_MS
		) {
			return false;
		}
		/** @type {Pairing | undefined} */
		const pairing = await done(pairings.get(request.pairingId));
		if (!pairing) return false;
		await done(pairings.put({ ...pairing, hosts: addHosts(pairing.hosts, request.hosts, now) }));
		await done(requests.put({ ...request, status: 'granted' }));
		return true;
	});
