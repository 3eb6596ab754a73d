/** The page's handle on its worker. One worker per tab, created on first use. */
import { wrap } from 'comlink';
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

export function worker(): RemoteApi {
	if (!remote) {
		installErrorTransfer();
		// comlink's proxy turns `remote.group.method(args)` into one call of that path in the
		// worker; its own types would read `group` as a property fetch, hence the narrower type.
		remote = wrap(new SwitchboardWorker({ name: 'switchboard' })) as unknown as RemoteApi;
	}
	return remote;
}
