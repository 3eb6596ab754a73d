// Grant bookkeeping: which hosts each pairing may reach. Pure functions over the pairing records
// (db.js stores them); the browser's own permission is handled in browser.js.
import { ruleDomain } from './url-rules.js';

/** @typedef {{ host: string, grantedAt: number }} Grant */
/** @typedef {{ pairingId: string, origin: string, pairedAt: number, hosts: Grant[] }} PairingInfo */

/**
 * `granted` with `hosts` added; hosts granted before keep their first grant time.
 * @param {Grant[]} granted
 * @param {string[]} hosts
 * @param {number} now
 * @returns {Grant[]}
 */
export function addHosts(granted, hosts, now) {
	const known = new Set(granted.map((grant) => grant.host));
	const added = [...new Set(hosts)].filter((host) => !known.has(host));
	return [...granted, ...added.map((host) => ({ host, grantedAt: now }))];
}

/** @param {Grant[]} granted @param {string} host @returns {Grant[]} */
export const removeHost = (granted, host) => granted.filter((grant) => grant.host !== host);

/** @param {Grant[]} granted @param {string} host */
export const isGranted = (granted, host) => granted.some((grant) => grant.host === host);

/** The hosts of `hosts` that `granted` lacks. @param {Grant[]} granted @param {string[]} hosts */
export const missingHosts = (granted, hosts) => hosts.filter((host) => !isGranted(granted, host));

/**
 * The hosts of `hosts` that no pairing holds any more: their browser permission can go.
 * @param {string[]} hosts
 * @param {PairingInfo[]} pairings
 */
export function unusedHosts(hosts, pairings) {
	const used = new Set(pairings.flatMap((pairing) => pairing.hosts.map((grant) => grant.host)));
	return [...new Set(hosts)].filter((host) => !used.has(host));
}

/**
 * The domains the Origin-removing rule covers: every granted host of every pairing, without
 * ports, sorted, each once.
 * @param {PairingInfo[]} pairings
 */
export function ruleDomains(pairings) {
	const domains = pairings.flatMap((pairing) =>
		pairing.hosts.map((grant) => ruleDomain(grant.host))
	);
	return [...new Set(domains)].sort();
}
