/** Requests through a connection never follow a redirect: the next hop may be another origin. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../src/lib/connections/http';
import { AppError } from '../../src/lib/errors';
import { directFetch } from '../../src/lib/platform';

let server: Server;
let base = '';
let followed = 0;

beforeAll(async () => {
	server = createServer((req, res) => {
		if (req.url === '/moved') {
			res.writeHead(302, { Location: '/elsewhere' }).end();
			return;
		}
		if (req.url === '/elsewhere') followed++;
		res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (path: string) => ({
	method: 'GET',
	url: new URL(path, base),
	headers: new Headers({ Authorization: 'Bearer secret-token' })
});

describe('sendRequest', () => {
	it('answers a plain request', async () => {
		const response = await sendRequest(request('/ok'), directFetch);
		expect(response.status).toBe(200);
		expect(response.body).toBe('{"ok":true}');
	});

	it('refuses to follow a redirect with the credentials', async () => {
		const error = await sendRequest(request('/moved'), directFetch).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('connection.redirected');
		expect(followed).toBe(0);
	});
});
