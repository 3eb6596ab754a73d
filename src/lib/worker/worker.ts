/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createApi } from './api';
import { withBenchmarkHooks } from './bench';
import { installErrorTransfer } from './errors';
import { WorkerHost } from './host';

installErrorTransfer();
const api = createApi(new WorkerHost());
// Benchmark hooks only in `--mode bench` builds: the condition is a build-time constant, so the
// shipped worker contains neither the branch nor the hooks. (Exposed at once: a message that
// arrives before `expose` would be lost.)
expose(import.meta.env.MODE === 'bench' ? withBenchmarkHooks(api) : api);
