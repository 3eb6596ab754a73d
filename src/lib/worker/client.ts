/** The page's handle on its worker. One worker per tab, created on first use. */
import { wrap } from 'comlink';
import type { BridgeMessage, BridgeReply } from '../bridge';
import type { WorkerApi } from './api';
import { installErrorTransfer } from './errors';
import SwitchboardWorker from './worker?worker';

/** Every façade method as the page calls it: `worker().group.method(…)`, always async. */
export type RemoteApi = {
	readonly [G in keyof WorkerApi]: {
		readonly [M in keyof WorkerApi[G]]: WorkerApi[G][M] extends (...args: infer A) => infer R
			? (...args: A) => Promise<Awaited<R>>
			: never;
	};
};

let remote: RemoteApi | null = null;

/** Carries the worker's messages to the bridge extension (state/bridge sets it). */
export type BridgeRelay = (message: BridgeMessage) => Promise<BridgeReply>;
let bridgeRelay: BridgeRelay = async () => ({ ok: false, error: { code: 'bridge.not-installed' } });

export function relayBridgeWith(relay: BridgeRelay): void {
	bridgeRelay = relay;
}

export function worker(): RemoteApi {
	if (!remote) {
		installErrorTransfer();
		const instance = new SwitchboardWorker({ name: 'switchboard' });
		// The worker's bridge messages (worker/relay.ts): not comlink's, so they carry no `id`.
		instance.addEventListener('message', (event: MessageEvent) => {
			const data = event.data as { sbBridge?: unknown; seq?: unknown; message?: unknown } | null;
			if (data?.sbBridge !== 'send' || typeof data.seq !== 'number') return;
			const seq = data.seq;
			void bridgeRelay(data.message as BridgeMessage).then((reply) =>
				instance.postMessage({ sbBridge: 'reply', seq, reply })
			);
		});
		// comlink's proxy turns `remote.group.method(args)` into one call of that path in the
		// worker; its own types would read `group` as a property fetch, hence the narrower type.
		remote = wrap(instance) as unknown as RemoteApi;
	}
	return remote;
}
