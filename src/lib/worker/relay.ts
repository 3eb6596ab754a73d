/**
 * The worker's way to the bridge extension: only a page can message an extension, so the worker
 * posts to its page, which relays and posts the reply back. These messages carry no `id`, so the
 * gate (guard.ts) never hands them to comlink. A reply that is forged by page script is harmless:
 * sealed replies open only with the pairing key (bridge/link.ts).
 */
import type { BridgeReply, Relay } from '../bridge';

/** Longer than the extension's own 30 s request time-out. */
const RELAY_TIMEOUT_MS = 40_000;

interface Scope {
	postMessage(message: unknown): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function pageRelay(scope: Scope): Relay {
	let seq = 0;
	const waiting = new Map<number, (reply: BridgeReply) => void>();
	scope.addEventListener('message', (event) => {
		const data = event.data as { sbBridge?: unknown; seq?: unknown; reply?: unknown } | null;
		if (data?.sbBridge !== 'reply' || typeof data.seq !== 'number') return;
		const resolve = waiting.get(data.seq);
		waiting.delete(data.seq);
		resolve?.(data.reply as BridgeReply);
	});
	return (message) =>
		new Promise((resolve) => {
			const n = ++seq;
			const timer = setTimeout(() => {
				if (waiting.delete(n)) resolve({ ok: false, error: { code: 'bridge.timeout' } });
			}, RELAY_TIMEOUT_MS);
			waiting.set(n, (reply) => {
				clearTimeout(timer);
				resolve(reply);
			});
			scope.postMessage({ sbBridge: 'send', seq: n, message });
		});
}

/** Where no page relays (unit tests, a worker without a page): the extension is not there. */
export const noRelay: Relay = async () => ({ ok: false, error: { code: 'bridge.not-installed' } });
