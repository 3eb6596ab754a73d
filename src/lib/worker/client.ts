/** The page's handle on its worker. One worker per tab, created on first use. */
import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from './api';
import { installErrorTransfer } from './errors';
import SwitchboardWorker from './worker?worker';

let remote: Remote<WorkerApi> | null = null;

export function worker(): Remote<WorkerApi> {
	if (!remote) {
		installErrorTransfer();
		remote = wrap<WorkerApi>(new SwitchboardWorker({ name: 'switchboard' }));
	}
	return remote;
}
