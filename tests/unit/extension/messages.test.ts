// The shapes of the bridge protocol's messages: anything else is refused before any work.
import { describe, expect, it } from 'vitest';
import { parseMessage, parseRequest } from '../../../extension/src/lib/messages.js';

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('bridge messages', () => {
	it('takes the protocol messages of version 1', () => {
		for (const message of [
			{ v: 1, type: 'hello' },
			{ v: 1, type: 'pair', publicKey: 'BAAA' },
			{ v: 1, type: 'pair-status', requestId: ID },
			{ v: 1, type: 'request', pairingId: ID, iv: 'AAAAAAAAAAAAAAAA', data: 'AAAA' },
			{ v: 1, type: 'grant', pairingId: ID, hosts: ['api.example.com'], label: 'Example' },
			{ v: 1, type: 'grant-status', requestId: ID },
			{ v: 1, type: 'hosts', pairingId: ID },
			{ v: 1, type: 'remove-host', pairingId: ID, host: 'localhost:9401' },
			{ v: 1, type: 'unpair', pairingId: ID }
		]) {
			expect(parseMessage(message), message.type).toBe(message);
		}
	});

	it('refuses other versions, types and shapes', () => {
		for (const message of [
			null,
			'hello',
			[],
			{ type: 'hello' },
			{ v: 2, type: 'hello' },
			{ v: 1, type: 'toString' },
			{ v: 1, type: '__proto__' },
			{ v: 1, type: 'pair-status', requestId: 'short' },
			{ v: 1, type: 'grant', pairingId: ID, hosts: ['*.example.com'], label: 'x' },
			{ v: 1, type: 'grant', pairingId: ID, hosts: [], label: 'x' },
			{ v: 1, type: 'grant', pairingId: ID, hosts: ['a.example.com'], label: ' ' },
			{ v: 1, type: 'grant', pairingId: ID, hosts: ['a.example.com'], label: 'x'.repeat(101) },
			{ v: 1, type: 'remove-host', pairingId: ID, host: 'https://a.example.com' }
		]) {
			expect(parseMessage(message), JSON.stringify(message)).toBeNull();
		}
	});

	it('takes well-formed opened requests only', () => {
		const fetch = {
			id: ID,
			ts: 1,
			kind: 'fetch',
			url: 'https://a.example.com/',
			method: 'GET',
			headers: [['accept', 'application/json']],
			body: null
		};
		expect(parseRequest({ id: ID, ts: 1, kind: 'ping' })).toEqual({ id: ID, ts: 1, kind: 'ping' });
		expect(parseRequest(fetch)).toBe(fetch);
		expect(parseRequest({ ...fetch, timeoutMs: 500 })).not.toBeNull();
		for (const bad of [
			{ ...fetch, ts: '1' },
			{ ...fetch, id: 'x' },
			{ ...fetch, kind: 'other' },
			{ ...fetch, headers: [['a']] },
			{ ...fetch, headers: { accept: 'x' } },
			{ ...fetch, body: 5 },
			{ ...fetch, timeoutMs: 0 },
			{ ...fetch, url: undefined }
		]) {
			expect(parseRequest(bad), JSON.stringify(bad)).toBeNull();
		}
	});
});
