/**
 * A stand-in for the worker module (`src/lib/worker`), for the state specs: every façade method
 * is a vi.fn, and the cross-tab channel is a local list of handlers the test delivers to.
 */
import { vi } from 'vitest';
import type { SyncMessage } from '../../../src/lib/worker';

export function createFakeWorker() {
	const handlers = new Set<(message: SyncMessage) => void>();
	const published: SyncMessage[] = [];
	const myWorkspace = { id: 'my-workspace', name: '', createdAt: 0 };
	const api = {
		vault: {
			status: vi.fn(async () => ({ exists: true, unlocked: false })),
			create: vi.fn(async () => {}),
			unlock: vi.fn(async () => ({ kdfMs: 1, totalMs: 1 })),
			lock: vi.fn(async () => {}),
			changePassphrase: vi.fn(async () => {})
		},
		settings: {
			get: vi.fn(async () => ({ language: 'en', theme: 'system', autoLockMinutes: 1 })),
			save: vi.fn()
		},
		catalog: {
			probe: vi.fn(),
			probes: vi.fn(async () => ({}))
		},
		bridge: {
			status: vi.fn(async () => ({ paired: false })),
			beginPairing: vi.fn(),
			pairingCode: vi.fn(),
			completePairing: vi.fn(),
			forget: vi.fn(),
			test: vi.fn(),
			// Sandbox connectors answer browsers: nothing to grant.
			plan: vi.fn(async () => ({ hosts: [], required: false })),
			planConnection: vi.fn(async () => ({ hosts: [], required: false }))
		},
		folders: {
			list: vi.fn(async () => [myWorkspace]),
			create: vi.fn(),
			rename: vi.fn(),
			delete: vi.fn()
		},
		connections: {
			list: vi.fn(async () => []),
			get: vi.fn(),
			start: vi.fn(),
			complete: vi.fn(),
			reconnect: vi.fn(),
			edit: vi.fn(),
			move: vi.fn(),
			setDefault: vi.fn(),
			delete: vi.fn(),
			check: vi.fn(),
			refresh: vi.fn(),
			request: vi.fn(),
			curl: vi.fn(),
			networkChanged: vi.fn(async () => {})
		}
	};
	return {
		api,
		published,
		/** Delivers a message as if another tab (or this tab's worker) sent it. */
		deliver(message: SyncMessage) {
			for (const handler of [...handlers]) handler(message);
		},
		module: {
			worker: () => api,
			publish: (message: SyncMessage) => void published.push(message),
			subscribe: (handler: (message: SyncMessage) => void) => {
				handlers.add(handler);
				return () => void handlers.delete(handler);
			}
		}
	};
}
