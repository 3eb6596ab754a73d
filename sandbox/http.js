/** Small node:http helpers shared by the authorization server and the API. */
import http from 'node:http';

/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */
/** @typedef {(req: Req, res: Res) => void | Promise<void>} Handler */

const MAX_BODY = 1024 * 1024;

/** Reads the whole request body as text (at most 1 MiB). @param {Req} req */
export function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(Object.assign(new Error('request body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Parses a JSON request body; an empty body is `{}`. @param {Req} req */
export async function readJson(req) {
	const text = await readBody(req);
	if (!text.trim()) return {};
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' ? value : {};
	} catch {
		throw Object.assign(new Error('request body is not JSON'), { status: 400 });
	}
}

/** @param {Req} req */
export async function readForm(req) {
	return new URLSearchParams(await readBody(req));
}

/**
 * @param {Res} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(text),
		...headers
	});
	res.end(text);
}

/**
 * @param {Res} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
export function sendText(res, status, body, headers = {}) {
	res.writeHead(status, {
		'Content-Type': 'text/plain; charset=utf-8',
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(body),
		...headers
	});
	res.end(body);
}

/** Escapes text for HTML element content and quoted attribute values. @param {unknown} value */
export function escapeHtml(value) {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/**
 * Sets the CORS response headers when the request's Origin is one of the app origins.
 * Returns whether the origin is allowed.
 * @param {Req} req
 * @param {Res} res
 * @param {readonly string[]} origins
 * @param {{ methods?: string, headers?: string, expose?: string }} [options]
 */
export function applyCors(req, res, origins, options = {}) {
	res.setHeader('Vary', 'Origin');
	const origin = req.headers.origin;
	if (!origin || !origins.includes(origin)) return false;
	res.setHeader('Access-Control-Allow-Origin', origin);
	if (options.expose) res.setHeader('Access-Control-Expose-Headers', options.expose);
	if (req.method === 'OPTIONS') {
		res.setHeader('Access-Control-Allow-Methods', options.methods ?? 'GET, POST, OPTIONS');
		res.setHeader('Access-Control-Allow-Headers', options.headers ?? 'Content-Type');
		res.setHeader('Access-Control-Max-Age', '600');
	}
	return true;
}

/**
 * Listens on 127.0.0.1 and, when the machine has IPv6, on ::1 at the same port, so that
 * `http://localhost:<port>` works whichever address `localhost` resolves to first. Port 0 picks a
 * free port. Only loopback addresses are used: the sandbox is never reachable from the network.
 * @param {Handler} handler
 * @param {number} port
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
export async function listenLoopback(handler, port) {
	/** @type {import('node:http').Server[]} */
	const servers = [];
	/** @param {string} host @param {number} p */
	const listen = (host, p) =>
		new Promise((resolve, reject) => {
			const server = http.createServer((req, res) => {
				Promise.resolve(handler(req, res)).catch((error) => {
					console.error('sandbox: unhandled error', error);
					if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
					else res.destroy();
				});
			});
			server.keepAliveTimeout = 1000;
			server.once('error', reject);
			server.listen(p, host, () => {
				server.off('error', reject);
				servers.push(server);
				const address = server.address();
				resolve(typeof address === 'object' && address ? address.port : p);
			});
		});

	const actual = /** @type {number} */ (await listen('127.0.0.1', port));
	try {
		await listen('::1', actual);
	} catch (error) {
		const code = /** @type {{ code?: string }} */ (error).code;
		// No IPv6 loopback on this machine: IPv4 alone is enough.
		if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
			await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
			throw error;
		}
	}

	return {
		port: actual,
		close: () =>
			Promise.all(
				servers.map(
					(server) =>
						new Promise((resolve) => {
							server.close(() => resolve(undefined));
							server.closeAllConnections();
						})
				)
			).then(() => undefined)
	};
}
