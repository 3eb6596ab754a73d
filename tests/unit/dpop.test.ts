/**
 * DPoP (RFC 9449) end to end in Node: the sandbox's DPoP connector through the connection
 * functions (key per connection, proofs on the code exchange, refresh and API requests, the
 * server nonce), the key's life (kept across lock, deleted with the connection), and the sandbox
 * API refusing a DPoP-bound token without its proof.
 */
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/lib/catalog';
import {
	ConnectionStore,
	Fingerprints,
	InFlight,
	PendingFlows,
	checkConnection,
	completeAuthorization,
	copyAsCurl,
	deleteConnection,
	refreshConnection,
	type ConnectionContext
} from '../../src/lib/connections';
import { generateDPoPKeyPair } from '../../src/lib/crypto';
import { openDatabase } from '../../src/lib/db';
import { DiscoveryCache, isDPoPBound, usesDPoP } from '../../src/lib/oauth';
import { Vault } from '../../src/lib/vault';
import { APP, sandboxCatalog, signInFor, startTestSandbox, type TestSandbox } from './sandbox-env';
import { directNetwork } from '../../src/lib/connections';

const PASSPHRASE = 'correct horse battery';
let sandbox: TestSandbox;
let catalog: Map<string, Connector>;

function contextFor(vault: Vault): ConnectionContext {
	return {
		store: new ConnectionStore(vault),
		pending: new PendingFlows(vault),
		catalog,
		requireFolder: async () => {},
		redirectUri: `${APP}/callback`,
		discovery: new DiscoveryCache(),
		network: directNetwork,
		fingerprints: new Fingerprints(),
		notify: () => {},
		now: () => Date.now(),
		inFlight: new InFlight()
	};
}

const stats = async () => (await fetch(`${sandbox.issuer}/__sandbox/stats`)).json();

/** Connects the sandbox DPoP connector through a (scripted) sign-in. */
async function connectDPoP(ctx: ConnectionContext) {
	const callback = await signInFor(ctx, {
		connectorId: 'sandbox-dpop',
		authType: 'oauth2-pkce',
		folderId: 'my-workspace',
		name: 'DPoP',
		values: {}
	});
	return completeAuthorization(ctx, callback.href);
}

const me = (headers: Record<string, string>) => fetch(`${sandbox.apiUrl}/api/me`, { headers });

beforeAll(async () => {
	sandbox = await startTestSandbox();
	catalog = sandboxCatalog(sandbox);
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	await fetch(`${sandbox.issuer}/__sandbox/reset`, { method: 'POST' });
});

describe('when DPoP is used', () => {
	it('config or metadata with ES256 says so; other algorithms or nothing do not', () => {
		expect(usesDPoP({}, { dpop: true })).toBe(true);
		expect(usesDPoP({ dpop_signing_alg_values_supported: ['ES256', 'EdDSA'] }, {})).toBe(true);
		expect(usesDPoP({ dpop_signing_alg_values_supported: ['EdDSA'] }, {})).toBe(false);
		expect(usesDPoP({}, {})).toBe(false);
		expect(isDPoPBound({ tokenType: 'DPoP' })).toBe(true);
		expect(isDPoPBound({ tokenType: 'dpop' })).toBe(true);
		expect(isDPoPBound({ tokenType: 'Bearer' })).toBe(false);
	});

	it('key pairs are ES256 with a non-extractable private key', async () => {
		const { privateKey, publicKey } = await generateDPoPKeyPair();
		expect(privateKey.extractable).toBe(false);
		expect(privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
		// oauth4webapi puts the public key in the proof as a JWK.
		expect(publicKey.extractable).toBe(true);
	});
});

describe('a DPoP connection', () => {
	it('binds its tokens to its key, proves it on every request, and keeps the key across lock', async () => {
		const dbName = `dpop-${crypto.randomUUID()}`;
		const db = await openDatabase({ name: dbName });
		const vault = new Vault(db);
		await vault.create(PASSPHRASE);
		let ctx = contextFor(vault);

		const view = await connectDPoP(ctx);
		// The account came from the check request: the API accepted the token with its proof.
		expect(view).toMatchObject({ status: 'connected', account: 'alice@example.test' });
		const tokens = (await ctx.store.secrets(view.id))!.tokens!;
		expect(tokens.tokenType).toBe('dpop');
		// The sandbox requires a nonce from this client: the first proof was refused, then retried.
		const first = await stats();
		expect(first.tokenRequests.authorization_code).toBe(2);
		expect(first.tokenSuccesses.authorization_code).toBe(1);

		const stored = await db.get('dpopKeys', view.id);
		expect(stored?.keyPair.privateKey.extractable).toBe(false);
		const thumbprint = await (await ctx.store.dpop(view.id)).calculateThumbprint();

		expect((await checkConnection(ctx, view.id)).status).toBe(200);
		const curl = await copyAsCurl(
			ctx,
			view.id,
			{ path: '/api/me' },
			{
				includeSecrets: false,
				locale: 'en'
			}
		);
		expect(curl).toContain(`authorization: DPoP <access token>`);
		expect(curl).not.toContain(tokens.accessToken);

		// The token alone is worth nothing: as Bearer, or as DPoP without a proof.
		expect((await me({ Authorization: `Bearer ${tokens.accessToken}` })).status).toBe(401);
		const noProof = await me({ Authorization: `DPoP ${tokens.accessToken}` });
		expect(noProof.status).toBe(401);
		expect(noProof.headers.get('www-authenticate')).toMatch(/^DPoP /);
		// A proof by another key (a thief's) is refused too.
		const thief = oauth.DPoP({}, await generateDPoPKeyPair());
		const stolen = await oauth
			.protectedResourceRequest(
				tokens.accessToken,
				'GET',
				new URL(`${sandbox.apiUrl}/api/me`),
				new Headers(),
				null,
				{ DPoP: thief, [oauth.allowInsecureRequests]: true }
			)
			.catch((e: unknown) => (e as oauth.WWWAuthenticateChallengeError).response);
		expect(stolen.status).toBe(401);

		// Lock and unlock (a new session, as after a reload): the same key signs the refresh —
		// the sandbox binds this public client's refresh token to it.
		vault.lock();
		await vault.unlock(PASSPHRASE);
		ctx = contextFor(vault);
		expect(await (await ctx.store.dpop(view.id)).calculateThumbprint()).toBe(thumbprint);
		expect(await refreshConnection(ctx, view.id, { force: true })).toBe('refreshed');
		const refreshed = (await ctx.store.secrets(view.id))!.tokens!;
		expect(refreshed.tokenType).toBe('dpop');
		expect(refreshed.accessToken).not.toBe(tokens.accessToken);
		expect((await checkConnection(ctx, view.id)).status).toBe(200);

		// Deleting the connection deletes its key.
		await deleteConnection(ctx, view.id);
		expect(await db.get('dpopKeys', view.id)).toBeUndefined();
		db.close();
	});
});
