/// <reference lib="webworker" />
import { expose } from 'comlink';
import { WorkerApi } from './api';
import { installErrorTransfer } from './errors';

installErrorTransfer();
expose(new WorkerApi());
