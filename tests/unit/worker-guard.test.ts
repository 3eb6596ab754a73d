/**
 * The worker's gate over a real MessageChannel: only allow-listed `group.method` calls with plain
 * arguments get through; GET, SET, CONSTRUCT, prototype paths and proxied arguments are refused
 * with an error, before comlink touches the façade.
 */
import 'fake-indexeddb/auto';
import { expose, wrap, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, type SerializedAppError } from '../../src/lib/errors';
import type { RemoteApi } from '../../src/lib/worker';
import { createApi } from '../../src/lib/worker/api';
import { installErrorTransfer } from '../../src/lib/worker/errors';
import { guardedEndpoint, harden, isAllowedCall } from '../../src/lib/worker/guard';
import { WorkerHost } from '../../src/lib/worker/host';

installErrorTransfer();

let ports: MessagePort[] = [];
afterEach(() => {
	for (const port of ports) port.close();
	ports = [];
	expect(Object.prototype).not.toHaveProperty('use_mtls_endpoint_aliases');
});

function serve() {
	const { facade, allowed } = harden(
		createApi(
			new WorkerHost({ dbName: `guard-${Date.now()}-${ports.length}`, origin: 'http://localhost' })
		)
	);
	const { port1, port2 } = new MessageChannel();
	ports.push(port1, port2);
	expose(facade, guardedEndpoint(port1 as unknown as Endpoint, allowed));
	/** Sends one raw comlink message and resolves with the answer. */
	const raw = (message: Record<string, unknown>) =>
		new Promise<{ type: string; name?: string; value: unknown }>((resolve) => {
			const id = crypto.randomUUID();
			const listener = (event: MessageEvent) => {
				if (event.data?.id !== id) return;
				port2.removeEventListener('message', listener);
				resolve(event.data);
			};
			port2.addEventListener('message', listener);
			port2.start();
			port2.postMessage({ id, ...message });
		});
	return { facade, allowed, port2, raw };
}

const refused = (answer: { type: string; name?: string; value: unknown }) =>
	answer.type === 'HANDLER' &&
	answer.name === 'throw' &&
	(answer.value as SerializedAppError).code === 'input.invalid';

describe('the worker gate', () => {
	it('serves the façade as frozen objects without prototypes', () => {
		const { facade, allowed } = serve();
		expect(Object.getPrototypeOf(facade)).toBeNull();
		expect(Object.isFrozen(facade)).toBe(true);
		expect(Object.getPrototypeOf(facade.connections)).toBeNull();
		expect(Object.isFrozen(facade.connections)).toBe(true);
		expect(allowed.has('vault.status')).toBe(true);
		expect(allowed.has('connections.curl')).toBe(true);
		expect(allowed.has('catalog.probe')).toBe(true);
		expect(allowed.has('bridge.plan')).toBe(true);
		// 27, the catalog's probe (2) and the bridge (8).
		expect(allowed.size).toBe(27 + 2 + 8);
	});

	it('answers an allowed call', async () => {
		const { raw } = serve();
		const answer = await raw({ type: 'APPLY', path: ['vault', 'status'], argumentList: [] });
		expect(answer).toMatchObject({ type: 'RAW', value: { exists: false, unlocked: false } });
	});

	it('refuses the prototype-pollution write that would redirect token requests', async () => {
		const { raw } = serve();
		for (const path of [
			['__proto__', '__proto__', 'use_mtls_endpoint_aliases'],
			['vault', '__proto__', 'mtls_endpoint_aliases'],
			['connections', 'list', '__proto__', 'polluted']
		])
			expect(refused(await raw({ type: 'SET', path, value: { type: 'RAW', value: true } }))).toBe(
				true
			);
		expect(Object.prototype).not.toHaveProperty('polluted');
	});

	it('refuses CONSTRUCT (the way to Function), GET, ENDPOINT and unknown paths', async () => {
		const { raw } = serve();
		const src = { type: 'RAW', value: 'return 42' };
		for (const message of [
			{ type: 'CONSTRUCT', path: ['vault', 'status', 'constructor'], argumentList: [src] },
			{ type: 'CONSTRUCT', path: ['constructor', 'constructor'], argumentList: [src] },
			{ type: 'GET', path: ['vault'] },
			{ type: 'GET', path: [] },
			{ type: 'ENDPOINT', path: [] },
			{ type: 'APPLY', path: ['vault', 'status', 'call'], argumentList: [] },
			{ type: 'APPLY', path: ['__proto__', 'toString'], argumentList: [] },
			{ type: 'APPLY', path: ['vault', 'constructor'], argumentList: [] },
			{ type: 'APPLY', path: ['vault.status'], argumentList: [] }
		])
			expect(refused(await raw(message)), JSON.stringify(message)).toBe(true);
	});

	it('refuses a call whose argument is a proxy of a page function', async () => {
		const { raw } = serve();
		const answer = await raw({
			type: 'APPLY',
			path: ['folders', 'create'],
			argumentList: [{ type: 'HANDLER', name: 'proxy', value: null }]
		});
		expect(refused(answer)).toBe(true);
	});

	it('lets the app client work and fails its forbidden moves with an AppError', async () => {
		const { port2 } = serve();
		const remote = wrap(port2) as unknown as RemoteApi & {
			vault: { constructor: { constructor: new (src: string) => unknown } };
		};
		expect(await remote.vault.status()).toEqual({ exists: false, unlocked: false });
		const error = await Promise.resolve(new remote.vault.constructor.constructor('return 1')).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('input.invalid');
	});

	it('knows what an allowed call looks like', () => {
		const allowed = new Set(['vault.status']);
		expect(isAllowedCall({ id: 'a', type: 'RELEASE' }, allowed)).toBe(true);
		expect(isAllowedCall({ id: 'a', type: 'APPLY', path: ['vault', 'status'] }, allowed)).toBe(
			true
		);
		expect(isAllowedCall({ id: 1, type: 'APPLY', path: ['vault', 'status'] }, allowed)).toBe(false);
		expect(isAllowedCall(null, allowed)).toBe(false);
		expect(isAllowedCall({ id: 'a', type: 'APPLY', path: 'vault.status' }, allowed)).toBe(false);
	});
});
