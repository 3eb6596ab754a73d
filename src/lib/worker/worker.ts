/// <reference lib="webworker" />
// First: freeze the intrinsics before any other module runs.
import './lockdown';
import { expose, type Endpoint } from 'comlink';
import { createApi } from './api';
import { withBenchmarkHooks } from './bench';
import { installErrorTransfer } from './errors';
import { guardedEndpoint, harden } from './guard';
import { WorkerHost } from './host';
import { pageRelay } from './relay';

installErrorTransfer();
const api = createApi(new WorkerHost({ relay: pageRelay(self) }));
// Benchmark hooks only in `--mode bench` builds: the condition is a build-time constant, so the
// shipped worker contains neither the branch nor the hooks. (Exposed at once: a message that
// arrives before `expose` would be lost.)
const { facade, allowed } = harden(
	import.meta.env.MODE === 'bench' ? withBenchmarkHooks(api) : api
);
expose(facade, guardedEndpoint(self as unknown as Endpoint, allowed));
