/// <reference lib="webworker" />
import { expose } from 'comlink';
import { WorkerApi } from './api';
import { withBenchmarkHooks } from './bench';
import { installErrorTransfer } from './errors';

installErrorTransfer();
const api = new WorkerApi();
// Benchmark hooks only in `--mode bench` builds: the condition is a build-time constant, so the
// shipped worker contains neither the branch nor the hooks. (Exposed at once: a message that
// arrives before `expose` would be lost.)
expose(import.meta.env.MODE === 'bench' ? withBenchmarkHooks(api) : api);
