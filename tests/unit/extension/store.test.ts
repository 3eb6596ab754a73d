// The bridge extension's records (extension/src/lib/store.js) in IndexedDB (fake-indexeddb):
// pending requests, the pairing Pair makes, the hosts Allow records.
import { describe, expect, it } from 'vitest';
import {
	REQUEST_TTL_MS,
	addRequest,
	approveGrant,
	approvePair,
	denyRequests,
	getPairing,
	getRequest,
	pairingFor,
	updateHosts
} from '../../../extension/src/lib/store.js';
import { removeHost } from '../../../extension/src/lib/grants.js';

const key = () =>
	crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
let counter = 0;
const nextId = () => `req${String(++counter).padStart(19, '0')}`;

async function pendingPair(origin: string, now: number) {
	const requestId = nextId();
	const stale = await addRequest(
		{
			requestId,
			kind: 'pair',
			origin,
			createdAt: now,
			status: 'pending',
			code: '123 456',
			key: await key(),
			windowId: counter
		},
		(old) => old.kind === 'pair' && old.origin === origin,
		now
	);
	return { requestId, stale };
}

describe('bridge records', () => {
	it('makes a pairing on Pair, once, and replaces the origin’s earlier one', async () => {
		const origin = 'https://one.example';
		const first = await pendingPair(origin, 1000);
		const approved = await approvePair(first.requestId, 2000);
		expect(approved?.replaced).toEqual([]);
		expect(await approvePair(first.requestId, 2000)).toBeNull();
		expect(await getRequest(first.requestId, 2000)).toMatchObject({
			status: 'paired',
			pairingId: approved?.pairingId,
			key: undefined
		});
		const pairing = await getPairing(approved!.pairingId);
		expect(pairing).toMatchObject({ origin, pairedAt: 2000, hosts: [] });
		expect(pairing?.key.extractable).toBe(false);

		const second = await pendingPair(origin, 3000);
		const again = await approvePair(second.requestId, 3000);
		expect(again?.replaced.map((old) => old.pairingId)).toEqual([approved!.pairingId]);
		expect(await getPairing(approved!.pairingId)).toBeUndefined();
		expect((await pairingFor(origin))?.pairingId).toBe(again?.pairingId);
	});

	it('denies on Cancel, on a newer request from the same origin, and after 5 minutes', async () => {
		const origin = 'https://two.example';
		const cancelled = await pendingPair(origin, 1000);
		await denyRequests((request) => request.requestId === cancelled.requestId);
		expect(await approvePair(cancelled.requestId, 1000)).toBeNull();

		const older = await pendingPair(origin, 1000);
		const newer = await pendingPair(origin, 1000);
		expect(newer.stale).toHaveLength(1);
		expect((await getRequest(older.requestId, 1000))?.status).toBe('denied');
		expect((await getRequest(newer.requestId, 1000))?.status).toBe('pending');
		expect((await getRequest(newer.requestId, 1000 + REQUEST_TTL_MS + 1))?.status).toBe('denied');
		expect(await approvePair(newer.requestId, 1000 + REQUEST_TTL_MS + 1)).toBeNull();
	});

	it('records the hosts of an allowed grant for its pairing only', async () => {
		const { requestId } = await pendingPair('https://three.example', 1000);
		const { pairingId } = (await approvePair(requestId, 1000))!;
		const grantId = nextId();
		const base = {
			kind: 'grant',
			origin: 'https://three.example',
			status: 'pending',
			pairingId,
			label: 'X'
		} as const;
		await addRequest(
			{ ...base, requestId: grantId, createdAt: 2000, hosts: ['a.example.com', 'b.example.com'] },
			() => false,
			2000
		);
		expect(await approveGrant(grantId, 2500)).toBe(true);
		expect(await approveGrant(grantId, 2500)).toBe(false);
		expect((await getPairing(pairingId))?.hosts).toEqual([
			{ host: 'a.example.com', grantedAt: 2500 },
			{ host: 'b.example.com', grantedAt: 2500 }
		]);
		await updateHosts(pairingId, (hosts) => removeHost(hosts, 'a.example.com'));
		expect((await getPairing(pairingId))?.hosts.map((grant) => grant.host)).toEqual([
			'b.example.com'
		]);

		const late = nextId();
		await addRequest(
			{ ...base, requestId: late, createdAt: 3000, hosts: ['c.example.com'] },
			() => false,
			3000
		);
		expect(await approveGrant(late, 3000 + REQUEST_TTL_MS + 1)).toBe(false);
		expect((await getPairing(pairingId))?.hosts.map((grant) => grant.host)).toEqual([
			'b.example.com'
		]);
	});
});
