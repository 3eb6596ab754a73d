/**
 * Switchboard sandbox: a local OpenID provider (oidc-provider) and a protected API for
 * development and end-to-end tests. `node sandbox/index.js` starts both; tests call
 * `startSandbox()` in-process. See sandbox/README.md.
 */
import { pathToFileURL } from 'node:url';
import { createApi } from './api.js';
import { createAuthorizationServer } from './authorization-server.js';
import {
	DEFAULT_ACCESS_TOKEN_TTL,
	DEFAULT_API_PORT,
	DEFAULT_APP_ORIGINS,
	DEFAULT_ISSUER_PORT
} from './config.js';
import { listenLoopback } from './http.js';

/**
 * @typedef {{
 *   issuerPort?: number,
 *   apiPort?: number,
 *   accessTokenTtl?: number,
 *   appOrigins?: readonly string[],
 *   quiet?: boolean
 * }} SandboxOptions
 * @typedef {{ issuer: string, apiUrl: string, close: () => Promise<void> }} Sandbox
 */

/** @param {readonly string[]} origins */
function normalizeOrigins(origins) {
	return [
		...new Set(
			origins
				.map((origin) => origin.trim())
				.filter(Boolean)
				.map((origin) => {
					const url = new URL(origin);
					if (url.protocol !== 'http:' && url.protocol !== 'https:')
						throw new Error(`sandbox: app origin must be http(s): ${origin}`);
					return url.origin;
				})
		)
	];
}

/**
 * Starts the authorization server and the API. Port 0 picks a free port.
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
export async function startSandbox({
	issuerPort = DEFAULT_ISSUER_PORT,
	apiPort = DEFAULT_API_PORT,
	accessTokenTtl = DEFAULT_ACCESS_TOKEN_TTL,
	appOrigins = DEFAULT_APP_ORIGINS,
	quiet = false
} = {}) {
	if (!Number.isInteger(accessTokenTtl) || accessTokenTtl < 1)
		throw new Error('sandbox: accessTokenTtl must be a positive integer (seconds)');
	const origins = normalizeOrigins(appOrigins);

	/** @type {import('./http.js').Handler | undefined} */
	let issuerHandler;
	const issuerListener = await listenLoopback((req, res) => {
		if (issuerHandler) return issuerHandler(req, res);
		res.writeHead(503, { 'Retry-After': '1' }).end();
	}, issuerPort);

	const issuer = `http://localhost:${issuerListener.port}`;
	/** @type {Awaited<ReturnType<typeof createAuthorizationServer>>} */
	let auth;
	/** @type {Awaited<ReturnType<typeof listenLoopback>>} */
	let apiListener;
	try {
		auth = await createAuthorizationServer({ issuer, accessTokenTtl, appOrigins: origins });
		issuerHandler = auth.handler;
		apiListener = await listenLoopback(
			createApi({ provider: auth.provider, appOrigins: origins }),
			apiPort
		);
	} catch (error) {
		await issuerListener.close();
		throw error;
	}
	const apiUrl = `http://localhost:${apiListener.port}`;
	if (!quiet)
		console.log(
			`sandbox: issuer ${issuer}, API ${apiUrl}, access tokens ${accessTokenTtl} s, app origins ${origins.join(' ')}`
		);

	let closing;
	return {
		issuer,
		apiUrl,
		close() {
			closing ??= Promise.all([issuerListener.close(), apiListener.close()]).then(() => {
				auth.store.clear();
			});
			return closing;
		}
	};
}

/** @param {string | undefined} value @param {number} fallback @param {string} name */
function intFromEnv(value, fallback, name) {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`sandbox: ${name} must be a non-negative integer`);
	return n;
}

async function main() {
	const env = process.env;
	const sandbox = await startSandbox({
		issuerPort: intFromEnv(env.SANDBOX_ISSUER_PORT, DEFAULT_ISSUER_PORT, 'SANDBOX_ISSUER_PORT'),
		apiPort: intFromEnv(env.SANDBOX_API_PORT, DEFAULT_API_PORT, 'SANDBOX_API_PORT'),
		accessTokenTtl: intFromEnv(
			env.SANDBOX_ACCESS_TOKEN_TTL,
			DEFAULT_ACCESS_TOKEN_TTL,
			'SANDBOX_ACCESS_TOKEN_TTL'
		),
		appOrigins: env.SANDBOX_APP_ORIGINS ? env.SANDBOX_APP_ORIGINS.split(',') : DEFAULT_APP_ORIGINS
	});
	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1)
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
