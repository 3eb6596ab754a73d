/**
 * The vendor replicas: one HTTPS server that answers for every replicated vendor hostname (the
 * test browser sends those names here with `--host-resolver-rules`), and a small HTTP control
 * server on loopback from which tests read what the replicas saw.
 *
 * `node sandbox/providers/index.js` with REPLICA_TLS_DIR (certificate of the run, made by tls.js),
 * REPLICA_PORT (default 9443), REPLICA_CONTROL_PORT (default 9402), REPLICA_APP_ORIGINS.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { listenLoopback, sendJson } from '../http.js';
import { vendorForHost } from './hosts.js';
import { accessTtlOverride, consent, events, Exchange } from './kit.js';
import { ensureCertificate } from './tls.js';

export const DEFAULT_REPLICA_PORT = 9443;
export const DEFAULT_CONTROL_PORT = 9402;

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function dispatch(req, res) {
	const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
	const vendor = vendorForHost(host);
	if (!vendor) return sendJson(res, 421, { error: 'no replica for this host', host });
	const x = new Exchange(req, res, vendor);
	if (x.is('POST', '/__replica/consent')) return void (await consent(x));
	const handled = await vendor.handle(x);
	if (!handled && !res.headersSent) {
		x.log('unknown', { method: x.method, path: x.path });
		sendJson(res, 404, { error: 'not_found', path: x.path });
	}
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function control(req, res) {
	const url = new URL(req.url ?? '/', 'http://localhost');
	if (req.method === 'GET' && url.pathname === '/events') {
		const vendor = url.searchParams.get('vendor');
		const kind = url.searchParams.get('kind');
		return sendJson(
			res,
			200,
			events.filter((e) => (!vendor || e.vendor === vendor) && (!kind || e.kind === kind))
		);
	}
	if (req.method === 'POST' && url.pathname === '/access-ttl') {
		const seconds = Number(url.searchParams.get('seconds'));
		accessTtlOverride.seconds = Number.isInteger(seconds) && seconds > 0 ? seconds : null;
		return sendJson(res, 200, { ok: true, seconds: accessTtlOverride.seconds });
	}
	if (req.method === 'POST' && url.pathname === '/reset') {
		events.length = 0;
		accessTtlOverride.seconds = null;
		return sendJson(res, 200, { ok: true });
	}
	if (req.method === 'GET' && url.pathname === '/health') return sendJson(res, 200, { ok: true });
	return sendJson(res, 404, { error: 'not_found' });
}

/**
 * @param {{ tlsDir: string, port?: number, controlPort?: number }} options
 */
export async function startReplicas({
	tlsDir,
	port = DEFAULT_REPLICA_PORT,
	controlPort = DEFAULT_CONTROL_PORT
}) {
	const { keyFile, certFile } = await ensureCertificate(tlsDir);
	const server = https.createServer(
		{ key: readFileSync(keyFile), cert: readFileSync(certFile) },
		(req, res) => {
			dispatch(req, res).catch((error) => {
				console.error('replicas: unhandled error', error);
				if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
				else res.destroy();
			});
		}
	);
	server.keepAliveTimeout = 1000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const controlServer = await listenLoopback(control, controlPort);
	return {
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
			await controlServer.close();
		}
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const tlsDir = process.env.REPLICA_TLS_DIR;
	if (!tlsDir) throw new Error('replicas: set REPLICA_TLS_DIR');
	const port = Number(process.env.REPLICA_PORT ?? DEFAULT_REPLICA_PORT);
	const controlPort = Number(process.env.REPLICA_CONTROL_PORT ?? DEFAULT_CONTROL_PORT);
	const replicas = await startReplicas({ tlsDir, port, controlPort });
	console.log(`replicas: https on 127.0.0.1:${port}, control http://localhost:${controlPort}`);
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
		process.on(signal, () => void replicas.close().then(() => process.exit(0)));
}
