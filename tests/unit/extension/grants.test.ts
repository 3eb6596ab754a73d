// The bridge extension's grant bookkeeping: hosts per pairing, what the browser permission and
// the Origin rule follow from.
import { describe, expect, it } from 'vitest';
import {
	addHosts,
	isGranted,
	missingHosts,
	removeHost,
	ruleDomains,
	unusedHosts
} from '../../../extension/src/lib/grants.js';

const pairing = (pairingId: string, hosts: string[]) => ({
	pairingId,
	origin: 'https://switchboard.app',
	pairedAt: 1,
	hosts: hosts.map((host) => ({ host, grantedAt: 1 }))
});

describe('bridge grants', () => {
	it('adds hosts once and keeps the first grant time', () => {
		const first = addHosts([], ['a.example.com', 'b.example.com', 'a.example.com'], 10);
		expect(first).toEqual([
			{ host: 'a.example.com', grantedAt: 10 },
			{ host: 'b.example.com', grantedAt: 10 }
		]);
		expect(addHosts(first, ['b.example.com', 'c.example.com'], 20)).toEqual([
			...first,
			{ host: 'c.example.com', grantedAt: 20 }
		]);
	});

	it('tells which hosts are granted and which are missing', () => {
		const granted = addHosts([], ['a.example.com'], 1);
		expect(isGranted(granted, 'a.example.com')).toBe(true);
		expect(isGranted(granted, 'a.example.com:8443')).toBe(false);
		expect(isGranted(granted, 'x.a.example.com')).toBe(false);
		expect(missingHosts(granted, ['a.example.com', 'b.example.com'])).toEqual(['b.example.com']);
	});

	it('removes one host and no other', () => {
		const granted = addHosts([], ['a.example.com', 'b.example.com'], 1);
		expect(removeHost(granted, 'a.example.com')).toEqual([{ host: 'b.example.com', grantedAt: 1 }]);
		expect(removeHost(granted, 'c.example.com')).toEqual(granted);
	});

	it('gives up a browser permission only when no pairing holds the host', () => {
		const pairings = [pairing('p1', ['a.example.com']), pairing('p2', ['b.example.com'])];
		expect(unusedHosts(['a.example.com', 'c.example.com', 'c.example.com'], pairings)).toEqual([
			'c.example.com'
		]);
		expect(unusedHosts(['b.example.com'], [pairings[0]!])).toEqual(['b.example.com']);
	});

	it('points the Origin rule at every granted host name, without ports', () => {
		expect(
			ruleDomains([
				pairing('p1', ['login.example.com', 'localhost:9400']),
				pairing('p2', ['api.example.com', 'localhost:9401', 'login.example.com'])
			])
		).toEqual(['api.example.com', 'localhost', 'login.example.com']);
		expect(ruleDomains([pairing('p1', [])])).toEqual([]);
	});
});
