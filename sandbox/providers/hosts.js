/**
 * Which vendor hostnames the replicas answer for, and the Chromium flag that sends them to the
 * replica server inside the test browser only (the machine's resolver is never touched).
 */
import { vendors } from './vendors.js';

/** Every hostname pattern (exact or `*.suffix`) a replica answers for. */
export function replicaHostPatterns() {
	return [...new Set(vendors.flatMap((vendor) => vendor.hosts))].sort();
}

/**
 * `--host-resolver-rules` mapping each replica host to the local replica port. Chromium keeps
 * the URL, the Host header and the TLS server name: only the address changes.
 * @param {number} port
 */
export function hostResolverRules(port) {
	return replicaHostPatterns()
		.map((host) => `MAP ${host} 127.0.0.1:${port}`)
		.join(', ');
}

/**
 * The vendor whose replica answers for a hostname.
 * @param {string} hostname
 */
export function vendorForHost(hostname) {
	const host = hostname.toLowerCase();
	return vendors.find((vendor) =>
		vendor.hosts.some((pattern) =>
			pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern
		)
	);
}
