/**
 * How the page reaches the Switchboard Bridge extension (extension/PROTOCOL.md): through
 * `chrome.runtime.sendMessage` on the origins the extension lists as externally connectable, or
 * through its content-script relay on origins the user added for a self-hosted copy. The page
 * carries public keys, host names and sealed ciphertext, never a secret.
 */
import { EXTENSION_ID, type BridgeMessage, type BridgeReply } from '../bridge';

const CHANNEL = 'switchboard-bridge';
/** The relay answers at once when it is there; the extension's own replies may take seconds. */
const RELAY_HELLO_MS = 500;
const RELAY_REPLY_MS = 40_000;

interface Runtime {
	sendMessage(id: string, message: unknown, callback: (reply: unknown) => void): void;
	lastError?: unknown;
}

const notInstalled: BridgeReply = { ok: false, error: { code: 'bridge.not-installed' } };

function runtime(): Runtime | undefined {
	const chrome = (globalThis as { chrome?: { runtime?: Partial<Runtime> } }).chrome;
	return typeof chrome?.runtime?.sendMessage === 'function'
		? (chrome.runtime as Runtime)
		: undefined;
}

function viaRuntime(rt: Runtime, message: BridgeMessage): Promise<BridgeReply> {
	return new Promise((resolve) => {
		try {
			rt.sendMessage(EXTENSION_ID, message, (reply) => {
				// Reading lastError marks it handled (the browser would log it otherwise).
				if (rt.lastError || reply === undefined) resolve(notInstalled);
				else resolve(reply as BridgeReply);
			});
		} catch {
			resolve(notInstalled);
		}
	});
}

let sequence = 0;

function viaRelay(message: BridgeMessage, waitMs: number): Promise<BridgeReply> {
	const id = `${Date.now()}-${++sequence}`;
	return new Promise((resolve) => {
		const done = (reply: BridgeReply) => {
			clearTimeout(timer);
			window.removeEventListener('message', listen);
			resolve(reply);
		};
		const listen = (event: MessageEvent) => {
			const data = event.data as {
				channel?: unknown;
				direction?: unknown;
				id?: unknown;
				reply?: unknown;
			};
			if (event.source !== window || event.origin !== location.origin) return;
			if (data?.channel !== CHANNEL || data.direction !== 'to-page' || data.id !== id) return;
			done(data.reply as BridgeReply);
		};
		const timer = setTimeout(() => done(notInstalled), waitMs);
		window.addEventListener('message', listen);
		window.postMessage(
			{ channel: CHANNEL, direction: 'to-extension', id, message },
			location.origin
		);
	});
}

/** Which way this page talks to the extension, found on first use. */
let route: Promise<'runtime' | 'relay' | 'none'> | null = null;

async function findRoute(): Promise<'runtime' | 'relay' | 'none'> {
	const rt = runtime();
	if (rt && (await viaRuntime(rt, { v: 1, type: 'hello' })).ok) return 'runtime';
	if ((await viaRelay({ v: 1, type: 'hello' }, RELAY_HELLO_MS)).ok) return 'relay';
	return 'none';
}

/** Sends one message to the extension; `bridge.not-installed` when nothing answers. */
export async function sendToExtension(message: BridgeMessage): Promise<BridgeReply> {
	route ??= findRoute();
	const found = await route;
	// Not there (yet): look again next time — the user may install it while the tab is open.
	if (found === 'none') {
		route = null;
		return notInstalled;
	}
	const rt = runtime();
	return found === 'runtime' && rt ? viaRuntime(rt, message) : viaRelay(message, RELAY_REPLY_MS);
}
