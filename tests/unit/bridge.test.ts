/**
 * The app's half of the bridge: the pairing agreement and code, sealing, the routing decision,
 * requests through a relay, and the worker's page relay. The extension's side is played here
 * from PROTOCOL.md with WebCrypto directly, so a drift from the written protocol fails.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
	BridgeLink,
	BridgeNetwork,
	chooseRoute,
	type BridgeMessage,
	type BridgeReply,
	type Pairing,
	type Relay
} from '../../src/lib/bridge';
import { parseHostFacts, type AuthConfig, type Connector } from '../../src/lib/catalog';
import {
	b64u,
	deriveBridgeKey,
	fromB64u,
	generatePairingKeys,
	importBridgeKey,
	openText,
	pairingCode,
	sealText
} from '../../src/lib/crypto';
import { AppError } from '../../src/lib/errors';
import { pageRelay } from '../../src/lib/worker/relay';

const ORIGIN = 'http://localhost:4173';
const enc = new TextEncoder();

/** The extension's derivation, written from PROTOCOL.md. */
async function extensionSide(appPublicKey: Uint8Array<ArrayBuffer>) {
	const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
		'deriveBits'
	]);
	const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	const app = await crypto.subtle.importKey(
		'raw',
		appPublicKey,
		{ name: 'ECDH', namedCurve: 'P-256' },
		false,
		[]
	);
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: app },
		pair.privateKey,
		256
	);
	const salt = createHash('sha256').update(appPublicKey).update(publicKey).digest();
	const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	const key = await crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt, info: enc.encode(`switchboard-bridge-v1 ${ORIGIN}`) },
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
	return { publicKey, key };
}

async function paired() {
	const app = await generatePairingKeys();
	const ext = await extensionSide(app.publicKey);
	const key = await importBridgeKey(await deriveBridgeKey(app, ext.publicKey, ORIGIN));
	const pairing: Pairing = { pairingId: 'p'.repeat(22), key, origin: ORIGIN };
	return { app, ext, pairing };
}

async function seal(key: CryptoKey, aad: string, value: unknown) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: enc.encode(aad) },
		key,
		enc.encode(JSON.stringify(value))
	);
	return { iv: b64u(iv), data: b64u(new Uint8Array(data)) };
}

async function unseal(key: CryptoKey, aad: string, m: { iv: unknown; data: unknown }) {
	const plain = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromB64u(String(m.iv)), additionalData: enc.encode(aad) },
		key,
		fromB64u(String(m.data))
	);
	return JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
}

/** A relay that plays the extension: opens the request, answers with `answer`. */
function extensionRelay(
	key: CryptoKey,
	pairingId: string,
	answer: (request: Record<string, unknown>) => Record<string, unknown>,
	seen: Record<string, unknown>[] = []
): Relay {
	return async (message: BridgeMessage): Promise<BridgeReply> => {
		const request = await unseal(key, `req|${pairingId}|${ORIGIN}`, message as never);
		seen.push(request);
		const reply = { id: request.id, ...answer(request) };
		return {
			ok: true,
			...(await seal(key, `res|${pairingId}|${ORIGIN}|${String(request.id)}`, reply))
		};
	};
}

describe('pairing', () => {
	it('derives the key the extension derives, and a code from both public keys', async () => {
		const { app, ext, pairing } = await paired();
		const sealed = await sealText(pairing.key, 'aad', 'hello');
		const opened = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: fromB64u(sealed.iv), additionalData: enc.encode('aad') },
			ext.key,
			fromB64u(sealed.data)
		);
		expect(new TextDecoder().decode(opened)).toBe('hello');
		const back = await seal(ext.key, 'aad', { text: 'from the extension' });
		expect(JSON.parse(await openText(pairing.key, 'aad', back))).toEqual({
			text: 'from the extension'
		});

		const digest = createHash('sha256')
			.update(Buffer.concat([enc.encode('switchboard-bridge-code-v1'), Buffer.from([0])]))
			.update(Buffer.concat([enc.encode(ORIGIN), Buffer.from([0])]))
			.update(app.publicKey)
			.update(ext.publicKey)
			.digest();
		const digits = String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
		expect(await pairingCode(ORIGIN, app.publicKey, ext.publicKey)).toBe(
			`${digits.slice(0, 3)} ${digits.slice(3)}`
		);
		// Another origin, another code: a pairing cannot be shown for one origin and used by another.
		expect(await pairingCode('http://127.0.0.1:4173', app.publicKey, ext.publicKey)).not.toBe(
			await pairingCode(ORIGIN, app.publicKey, ext.publicKey)
		);
	});

	it('refuses what was sealed for other additional data, and a malformed key', async () => {
		const { pairing } = await paired();
		const sealed = await sealText(pairing.key, 'req|a|origin', 'secret');
		await expect(openText(pairing.key, 'req|b|origin', sealed)).rejects.toMatchObject({
			code: 'bridge.invalid'
		});
		const keys = await generatePairingKeys();
		await expect(deriveBridgeKey(keys, new Uint8Array(64), ORIGIN)).rejects.toMatchObject({
			code: 'bridge.invalid'
		});
	});
});

describe("with the extension's own code", () => {
	it('pairs, shows the same code, and each side opens what the other sealed', async () => {
		const extPairing = await import('../../extension/src/lib/pairing.js');
		const extSeal = await import('../../extension/src/lib/seal.js');
		const app = await generatePairingKeys();
		const ext = await extPairing.createKeyPair();
		expect(await extPairing.confirmationCode(ORIGIN, app.publicKey, ext.publicRaw)).toBe(
			await pairingCode(ORIGIN, app.publicKey, ext.publicRaw)
		);
		const extKey = await extPairing.deriveSessionKey({
			privateKey: ext.privateKey,
			appPublicKey: await extPairing.importPublicKey(app.publicKey),
			appPublicRaw: app.publicKey,
			extensionPublicRaw: ext.publicRaw,
			origin: ORIGIN
		});
		const appKey = await importBridgeKey(await deriveBridgeKey(app, ext.publicRaw, ORIGIN));
		const aad = extSeal.requestAad('pairing', ORIGIN);
		const fromApp = await sealText(appKey, aad, JSON.stringify({ url: 'https://zoom.us/' }));
		expect(await extSeal.open(extKey, fromApp.iv, fromApp.data, aad)).toEqual({
			url: 'https://zoom.us/'
		});
		const fromExt = await extSeal.seal(
			extKey,
			{ status: 200 },
			extSeal.responseAad('pairing', ORIGIN, 'id1')
		);
		expect(JSON.parse(await openText(appKey, `res|pairing|${ORIGIN}|id1`, fromExt))).toEqual({
			status: 200
		});
	});
});

describe('the route of a request', () => {
	const base = {
		cors: 'unknown',
		reachable: false,
		limited: false,
		paired: false,
		granted: false
	} as const;
	it.each([
		[{ cors: 'documented' }, 'direct'],
		[{ cors: 'documented', paired: true }, 'direct'],
		[{ reachable: true, cors: 'refused' }, 'direct'],
		[{ cors: 'refused', paired: true }, 'bridge'],
		// Granted to the bridge: through it; not granted (a connection from before pairing): direct.
		[{ cors: 'unknown', paired: true, granted: true }, 'bridge'],
		[{ cors: 'unknown', paired: true }, 'direct'],
		[{ cors: 'unknown' }, 'direct'],
		[{ cors: 'refused' }, 'required'],
		[{ cors: 'documented', limited: true }, 'required'],
		[{ cors: 'documented', limited: true, paired: true }, 'bridge'],
		[{ reachable: true, limited: true }, 'required']
	] as const)('%o → %s', (facts, route) => {
		expect(chooseRoute({ ...base, ...facts })).toBe(route);
	});
});

describe('a request through the bridge', () => {
	it('is sealed for the extension and comes back as a Response', async () => {
		const { ext, pairing } = await paired();
		const seen: Record<string, unknown>[] = [];
		const link = new BridgeLink(
			pairing,
			extensionRelay(
				ext.key,
				pairing.pairingId,
				() => ({
					status: 200,
					statusText: 'OK',
					headers: [['content-type', 'application/json']],
					body: '{"access_token":"at-1"}',
					truncated: false
				}),
				seen
			)
		);
		const response = await link.fetch('https://zoom.us/oauth/token', {
			method: 'POST',
			headers: { Authorization: 'Basic c2VjcmV0' },
			body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c' })
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({ access_token: 'at-1' });
		expect(seen[0]).toMatchObject({
			kind: 'fetch',
			url: 'https://zoom.us/oauth/token',
			method: 'POST',
			headers: [['authorization', 'Basic c2VjcmV0']],
			body: 'grant_type=authorization_code&code=c'
		});
		expect(Math.abs(Number(seen[0]?.ts) - Date.now())).toBeLessThan(5_000);
	});

	it('what the page relays holds no secret', async () => {
		const { ext, pairing } = await paired();
		const relayed: string[] = [];
		const inner = extensionRelay(ext.key, pairing.pairingId, () => ({
			status: 200,
			statusText: 'OK',
			headers: [],
			body: '{"access_token":"at-secret-2"}',
			truncated: false
		}));
		const link = new BridgeLink(pairing, async (m) => {
			relayed.push(JSON.stringify(m));
			const reply = await inner(m);
			relayed.push(JSON.stringify(reply));
			return reply;
		});
		await link.fetch('https://zoom.us/oauth/token', {
			method: 'POST',
			body: 'client_secret=very-secret-value'
		});
		expect(relayed.join('\n')).not.toMatch(/very-secret-value|at-secret-2|access_token/);
	});

	it('refuses an answer sealed for another request', async () => {
		const { ext, pairing } = await paired();
		const relay: Relay = async (message) => {
			const request = await unseal(ext.key, `req|${pairing.pairingId}|${ORIGIN}`, message as never);
			const reply = { id: 'another', status: 200, statusText: '', headers: [], body: '' };
			return {
				ok: true,
				...(await seal(ext.key, `res|${pairing.pairingId}|${ORIGIN}|${String(request.id)}`, reply))
			};
		};
		await expect(
			new BridgeLink(pairing, relay).fetch('https://zoom.us/x', { method: 'GET' })
		).rejects.toMatchObject({ code: 'bridge.invalid' });
	});

	it('turns refusals into typed errors; an unknown code is not trusted', async () => {
		const { pairing } = await paired();
		const refusing = (error: { code: string; detail?: string }) =>
			new BridgeLink(pairing, async () => ({ ok: false, error }));
		await expect(
			refusing({ code: 'bridge.host-not-granted', detail: 'api.zoom.us' }).fetch(
				'https://api.zoom.us/v2/users/me',
				{}
			)
		).rejects.toMatchObject({ code: 'bridge.host-not-granted', detail: 'api.zoom.us' });
		await expect(
			refusing({ code: 'vault.locked' }).fetch('https://api.zoom.us/', {})
		).rejects.toMatchObject({ code: 'bridge.invalid' });
		await expect(
			new BridgeLink(pairing, async () => undefined as never).fetch('https://api.zoom.us/', {})
		).rejects.toMatchObject({ code: 'bridge.not-installed' });
	});

	it('answers 204 without a body, and refuses a body it cannot carry', async () => {
		const { ext, pairing } = await paired();
		const link = new BridgeLink(
			pairing,
			extensionRelay(ext.key, pairing.pairingId, () => ({
				status: 204,
				statusText: 'No Content',
				headers: [],
				body: '',
				truncated: false
			}))
		);
		expect((await link.fetch('https://zoom.us/oauth/revoke', { method: 'POST' })).status).toBe(204);
		await expect(
			link.fetch('https://zoom.us/x', { method: 'POST', body: new Blob(['x']) })
		).rejects.toMatchObject({ code: 'bridge.invalid' });
		await expect(
			link.fetch('https://zoom.us/x', { method: 'POST', body: 'x'.repeat(1_000_001) })
		).rejects.toMatchObject({ code: 'bridge.too-large' });
	});

	it('a ping proves both sides hold the key', async () => {
		const { ext, pairing } = await paired();
		const link = new BridgeLink(
			pairing,
			extensionRelay(ext.key, pairing.pairingId, (r) => {
				expect(r.kind).toBe('ping');
				return { pong: true, version: '0.1.0', hosts: ['zoom.us'] };
			})
		);
		expect(await link.ping()).toEqual({ version: '0.1.0', hosts: ['zoom.us'] });
	});
});

describe('the route of a connection', () => {
	const facts = parseHostFacts({
		'open.example.com': {
			cors: 'documented',
			source: 'https://example.com/cors',
			note: { en: 'x', de: 'x' }
		},
		'closed.example.com': {
			cors: 'refused',
			source: 'https://example.com/no',
			note: { en: 'x', de: 'x' }
		},
		'*.tenant.example.com': {
			cors: 'refused',
			source: 'https://example.com/t',
			note: { en: 'x', de: 'x' }
		}
	});
	const connector = {
		id: 'c',
		apiBaseUrl: 'https://{sub}.tenant.example.com/api/{learned_later}',
		learned: [],
		checkRequest: { method: 'GET', path: '/me' }
	} as unknown as Connector;
	const auth = {
		type: 'oauth2-authorization-code',
		oauth: {
			tokenUrl: 'https://closed.example.com/token',
			revokeUrl: 'https://open.example.com/revoke'
		},
		properties: []
	} as unknown as AuthConfig;

	function network(
		pairing: Pairing | null,
		relay: Relay = async () => ({ ok: false, error: { code: 'x' } })
	) {
		return new BridgeNetwork({
			facts,
			reachable: async () => new Set(),
			pairing: async () => pairing,
			relay
		});
	}

	it('stops before sending when a host refuses browsers and no bridge is paired', async () => {
		const fetch = vi.spyOn(globalThis, 'fetch');
		try {
			const send = network(null).fetchFor(connector, auth);
			await expect(send('https://closed.example.com/token', { method: 'POST' })).rejects.toEqual(
				new AppError('bridge.required', { detail: 'closed.example.com' })
			);
			expect(fetch).not.toHaveBeenCalled();
			expect(await network(null).plan(connector, auth, { sub: 'acme' })).toEqual({
				hosts: [],
				required: true
			});
		} finally {
			fetch.mockRestore();
		}
	});

	it('plans the hosts to grant, with the values filled in', async () => {
		const { pairing } = await paired();
		expect(await network(pairing).plan(connector, auth, { sub: 'acme' })).toEqual({
			hosts: ['acme.tenant.example.com', 'closed.example.com'],
			required: false
		});
		// A limited auth type sends every host through the bridge.
		const limited = {
			...auth,
			browserLimit: { reason: { en: 'x', de: 'x' }, source: 'https://x' }
		};
		expect((await network(pairing).plan(connector, limited, { sub: 'acme' })).hosts).toEqual([
			'acme.tenant.example.com',
			'closed.example.com',
			'open.example.com'
		]);
	});

	it('sends through the bridge when paired, and directly where the host answers browsers', async () => {
		const { ext, pairing } = await paired();
		const seen: Record<string, unknown>[] = [];
		const relay = extensionRelay(
			ext.key,
			pairing.pairingId,
			() => ({ status: 200, statusText: 'OK', headers: [], body: 'bridged', truncated: false }),
			seen
		);
		const fetch = vi
			.spyOn(globalThis, 'fetch')
			.mockImplementation(async () => new Response('direct'));
		try {
			const send = network(pairing, relay).fetchFor(connector, auth);
			expect(await (await send('https://closed.example.com/token', {})).text()).toBe('bridged');
			expect(await (await send('https://open.example.com/revoke', {})).text()).toBe('direct');
			expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'omit', redirect: 'manual' });
			expect(seen.map((r) => r.url)).toEqual(['https://closed.example.com/token']);
		} finally {
			fetch.mockRestore();
		}
	});
});

describe('an undocumented host', () => {
	it('goes through the bridge only once granted to it (connections from before pairing keep working)', async () => {
		const { ext, pairing } = await paired();
		let granted: string[] = [];
		const seen: Record<string, unknown>[] = [];
		const relay = extensionRelay(
			ext.key,
			pairing.pairingId,
			(r) =>
				r.kind === 'ping'
					? { pong: true, version: '0.1.0', hosts: granted }
					: { status: 200, statusText: 'OK', headers: [], body: 'bridged', truncated: false },
			seen
		);
		const net = new BridgeNetwork({
			facts: parseHostFacts({}),
			reachable: async () => new Set(),
			pairing: async () => pairing,
			relay
		});
		const auth = { type: 'api-key', properties: [] } as unknown as AuthConfig;
		const fetch = vi
			.spyOn(globalThis, 'fetch')
			.mockImplementation(async () => new Response('direct'));
		try {
			const send = net.fetchFor({} as Connector, auth);
			expect(await (await send('https://maybe.example.com/x', {})).text()).toBe('direct');
			granted = ['maybe.example.com'];
			// The page pings after a grant: the worker learns the new list at once.
			await net.ping();
			expect(await (await send('https://maybe.example.com/x', {})).text()).toBe('bridged');
		} finally {
			fetch.mockRestore();
		}
	});
});

describe("the worker's page relay", () => {
	it('posts to the page and resolves with the reply of the same sequence', async () => {
		const posted: { seq: number; message: unknown }[] = [];
		let listener: (event: MessageEvent) => void = () => {};
		const relay = pageRelay({
			postMessage: (m) => posted.push(m as never),
			addEventListener: (_type, l) => (listener = l)
		});
		const first = relay({ v: 1, type: 'hello' });
		const second = relay({ v: 1, type: 'hosts' });
		listener({
			data: { sbBridge: 'reply', seq: posted[1]!.seq, reply: { ok: true, n: 2 } }
		} as MessageEvent);
		listener({ data: { sbBridge: 'other', seq: posted[0]!.seq } } as MessageEvent);
		listener({
			data: { sbBridge: 'reply', seq: posted[0]!.seq, reply: { ok: true, n: 1 } }
		} as MessageEvent);
		expect(await first).toEqual({ ok: true, n: 1 });
		expect(await second).toEqual({ ok: true, n: 2 });
	});
});
