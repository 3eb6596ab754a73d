// Serves the built app (build/, or SWITCHBOARD_OUT) on localhost, as a static host would: hashed assets cached
// forever, everything else revalidated, unknown paths answered by the SPA shell (200.html).
import { createServer } from 'node:http';
import sirv from 'sirv';

const port = Number(process.env.PORT ?? 4173);
const assets = sirv(process.env.SWITCHBOARD_OUT ?? 'build', {
	single: '200.html',
	etag: true,
	setHeaders(res, pathname) {
		const immutable = pathname.startsWith('/_app/immutable/');
		res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Referrer-Policy', 'no-referrer');
		res.setHeader('X-Frame-Options', 'DENY');
	}
});

createServer((req, res) => assets(req, res)).listen(port, 'localhost', () => {
	console.log(`Switchboard app: http://localhost:${port}`);
});
