// Serves the built app (build/, or SWITCHBOARD_OUT) on localhost, as a static host would: hashed assets cached
// forever, everything else revalidated, unknown paths answered by the SPA shell (200.html), and
// the security headers of README "Deploying" on every response.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

const port = Number(process.env.PORT ?? 4173);
const root = process.env.SWITCHBOARD_OUT ?? 'build';

/** The sandbox flavour (vite.config.ts) labels its pages; its worker may reach http://localhost. */
function isSandboxBuild() {
	try {
		return /data-sandbox-label="[^"]+"/.test(readFileSync(join(root, '200.html'), 'utf8'));
	} catch {
		return false;
	}
}
const sandbox = isSandboxBuild();

/** Sent with every response. The pages' other CSP directives are in their meta tag (kit.csp). */
const COMMON_HEADERS = {
	// A meta CSP cannot forbid framing: only a header can (X-Frame-Options for older browsers).
	'Content-Security-Policy': "frame-ancestors 'none'",
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Permissions-Policy': [
		'accelerometer',
		'browsing-topics',
		'camera',
		'display-capture',
		'geolocation',
		'gyroscope',
		'hid',
		'idle-detection',
		'magnetometer',
		'microphone',
		'midi',
		'payment',
		'serial',
		'usb',
		'xr-spatial-tracking'
	]
		.map((feature) => `${feature}=()`)
		.join(', ')
};

/**
 * The worker's own policy: a dedicated worker takes its CSP from its script's response, not from
 * the page. It fetches every provider (https; the sandbox build also http://localhost), loads
 * its chunks from this origin, and may not eval.
 */
const WORKER_CSP = [
	"default-src 'none'",
	"script-src 'self'",
	`connect-src https:${sandbox ? ' http://localhost:*' : ''}`,
	"frame-ancestors 'none'"
].join('; ');

const assets = sirv(root, {
	single: '200.html',
	etag: true,
	setHeaders(res, pathname) {
		const immutable = pathname.startsWith('/_app/immutable/');
		res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
		if (pathname.startsWith('/_app/immutable/workers/'))
			res.setHeader('Content-Security-Policy', WORKER_CSP);
	}
});

createServer((req, res) => {
	for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
	assets(req, res);
}).listen(port, 'localhost', () => {
	console.log(
		`Switchboard app${sandbox ? ' (local sandbox build)' : ''}: http://localhost:${port}`
	);
});
