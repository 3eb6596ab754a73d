/**
 * The host facts (catalog/hosts.json), the reach drawn from them (catalog/cors.ts), and "Test in
 * this browser" (catalog/probe.ts): what a probe sends, what its outcome means, what is remembered.
 */
import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	combineOutcomes,
	corsOf,
	endpointsOf,
	factFor,
	hostKeyOf,
	interpretProbe,
	parseHostFacts,
	probeTargets,
	reachableHosts,
	reachOf,
	readProbes,
	remember,
	runProbe,
	testedReach,
	validateConnector,
	PROBES_KEY,
	type Connector,
	type HostFact,
	type HostFacts
} from '../../src/lib/catalog';
import shippedHosts from '../../src/lib/catalog/hosts.json';
import sandboxHosts from '../../src/lib/catalog/hosts-sandbox.json';

/** The facts as the sandbox build has them (load.ts). */
const hosts = { ...shippedHosts, ...sandboxHosts };
import { openDatabase, readSettings, writeSettings } from '../../src/lib/db';

const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
const catalog: Connector[] = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => validateConnector(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
const byId = (id: string) => catalog.find((c) => c.id === id)!;

const note = { en: 'note', de: 'Hinweis' };
const fact = (cors: HostFact['cors']): HostFact =>
	cors === 'unknown' ? { cors, note } : { cors, note, source: 'https://vendor.example/docs' };

const prop = (name: string, extra: Record<string, unknown> = {}) => ({
	name,
	displayName: { en: name, de: name },
	askUser: false,
	required: true,
	...extra
});

/** A small connector with a tenant host, a fixed host and a user-named host. */
function connector(extra: Record<string, unknown> = {}): Connector {
	return validateConnector({
		id: 'probe-test',
		name: 'Probe test',
		vendor: 'Example',
		category: 'other',
		description: { en: 'A test connector.', de: 'Ein Test-Connector.' },
		docsUrl: 'https://docs.example.com',
		apiBaseUrl: 'https://api.example.com/v1',
		properties: [
			{
				name: 'tenant',
				displayName: { en: 'Tenant', de: 'Mandant' },
				askUser: true,
				required: true,
				default: 'common'
			}
		],
		authTypes: [
			{
				type: 'oauth2-pkce',
				oauth: {
					authorizationUrl: 'https://login.example.com/{tenant}/authorize',
					tokenUrl: 'https://login.example.com/{tenant}/token',
					revokeUrl: 'https://login.example.com/{tenant}/revoke',
					scopes: { default: ['read'] },
					clientAuth: 'none'
				},
				properties: [prop('client_id', { default: 'app' })]
			},
			{
				type: 'oauth2-byoa',
				oauth: {
					authorizationUrl: 'https://login.example.com/{tenant}/authorize',
					tokenUrl: 'https://login.example.com/{tenant}/token',
					scopes: { default: ['read'] }
				},
				properties: [
					prop('client_id', { askUser: true }),
					prop('client_secret', { askUser: true, secret: true }),
					prop('scope', { askUser: true, required: false })
				],
				browserLimit: {
					reason: { en: 'Web apps redeem codes on a server.', de: 'Nur auf einem Server.' },
					source: 'https://docs.example.com/web'
				}
			},
			{
				type: 'api-key',
				properties: [prop('X-Api-Key', { askUser: true, secret: true, sendIn: 'header' })]
			}
		],
		...extra
	});
}

describe('hosts.json', () => {
	const facts = parseHostFacts(hosts);

	it('parses', () => {
		expect(facts.size).toBeGreaterThan(0);
	});

	it('has an entry for every host any connector calls, unless the user names it', () => {
		const missing = new Set<string>();
		for (const c of catalog)
			for (const auth of c.authTypes)
				for (const { hostKey } of endpointsOf(c, auth))
					if (hostKey !== undefined && !factFor(facts, hostKey)) missing.add(`${c.id}: ${hostKey}`);
		expect([...missing]).toEqual([]);
	});

	it('gives every documented or refused fact a source', () => {
		for (const [host, f] of facts)
			if (f.cors !== 'unknown') expect(f.source, host).toMatch(/^https:\/\//);
	});

	it('has no entry left to examine', () => {
		const open = [...facts].filter(([, f]) => /TO EXAMINE/.test(`${f.note.en} ${f.note.de}`));
		expect(open.map(([host]) => host)).toEqual([]);
	});
});

describe('CORS facts and reach', () => {
	it('looks a host up exactly first, then by the longest `*.` suffix', () => {
		const facts: HostFacts = new Map([
			['*.example.com', fact('refused')],
			['*.eu.example.com', fact('unknown')],
			['api.example.com', fact('documented')]
		]);
		expect(factFor(facts, 'api.example.com')?.cors).toBe('documented');
		expect(factFor(facts, 'acme.example.com')?.cors).toBe('refused');
		expect(factFor(facts, 'acme.eu.example.com')?.cors).toBe('unknown');
		expect(factFor(facts, '*.eu.example.com')?.cors).toBe('unknown');
		expect(factFor(facts, 'example.com')).toBeUndefined();
		expect(factFor(facts, 'example.org')).toBeUndefined();
		expect(corsOf(facts, 'example.org')).toBe('unknown');
		expect(corsOf(facts, undefined)).toBe('unknown');
	});

	it('keys a URL template by its host, a tenant label as `*`, a user-named host as nothing', () => {
		expect(hostKeyOf('https://API.Example.com/v1/{x}')).toBe('api.example.com');
		expect(hostKeyOf('http://localhost:9400/token')).toBe('localhost:9400');
		expect(hostKeyOf('https://{subdomain}.zendesk.com/api/v2')).toBe('*.zendesk.com');
		expect(hostKeyOf('https://{host}/api')).toBeUndefined();
		expect(hostKeyOf('https://{instance}.{region}.example.com')).toBe('*.*.example.com');
		expect(hostKeyOf('https://api.{site}')).toBeUndefined();
		expect(hostKeyOf('/api/me')).toBeUndefined();
	});

	it('sends an auth type with a browserLimit to the bridge, whatever its hosts do', () => {
		const c = connector();
		const facts: HostFacts = new Map([
			['login.example.com', fact('documented')],
			['api.example.com', fact('documented')]
		]);
		expect(reachOf(c, facts)).toEqual({
			reach: 'direct',
			byAuthType: { 'oauth2-pkce': 'direct', 'oauth2-byoa': 'bridge', 'api-key': 'direct' }
		});
	});

	it('counts a host a probe reached as answering browsers, and nothing else', () => {
		const c = connector();
		const facts: HostFacts = new Map([['login.example.com', fact('refused')]]);
		expect(reachOf(c, facts).reach).toBe('bridge');
		expect(reachOf(c, facts, new Set(['api.example.com']))).toEqual({
			reach: 'direct',
			byAuthType: { 'oauth2-pkce': 'bridge', 'oauth2-byoa': 'bridge', 'api-key': 'direct' }
		});
		expect(reachOf(c, facts, new Set(['api.example.com', 'login.example.com'])).byAuthType).toEqual(
			{ 'oauth2-pkce': 'direct', 'oauth2-byoa': 'bridge', 'api-key': 'direct' }
		);
	});

	it('calls an unsupported connector unsupported', () => {
		const c = connector({
			unsupported: { reason: { en: 'LDAP', de: 'LDAP' }, alternatives: [] },
			authTypes: []
		});
		expect(reachOf(c, new Map(), new Set(['api.example.com'])).reach).toBe('unsupported');
	});
});

describe('the probe', () => {
	it('interprets the two requests', () => {
		expect(interpretProbe({ templated: false, corsAnswered: true })).toBe('reachable');
		expect(interpretProbe({ templated: false, corsAnswered: false, noCorsAnswered: true })).toBe(
			'refused'
		);
		expect(interpretProbe({ templated: false, corsAnswered: false, noCorsAnswered: false })).toBe(
			'unreachable'
		);
		expect(interpretProbe({ templated: true })).toBe('skipped');
		expect(combineOutcomes(['reachable', 'reachable'])).toBe('reachable');
		expect(combineOutcomes(['reachable', 'refused'])).toBe('refused');
		expect(combineOutcomes(['refused', 'unreachable'])).toBe('unreachable');
	});

	it('probes each host once per kind of request, merging roles, skipping tenant hosts', () => {
		const targets = probeTargets(connector());
		expect(targets).toEqual([
			{
				hostKey: 'login.example.com',
				roles: ['token', 'revoke'],
				templated: false,
				requests: [{ kind: 'form', url: 'https://login.example.com/common/token' }]
			},
			{
				hostKey: 'api.example.com',
				roles: ['api'],
				templated: false,
				requests: [{ kind: 'bearer', url: 'https://api.example.com/v1' }]
			}
		]);
		const tenant = probeTargets(
			connector({
				apiBaseUrl: 'https://{tenant}.example.net/api',
				checkRequest: { method: 'GET', path: 'https://{host}/me' },
				properties: [
					{
						name: 'tenant',
						displayName: { en: 'Tenant', de: 'Mandant' },
						askUser: true,
						required: true
					},
					{ name: 'host', displayName: { en: 'Host', de: 'Host' }, askUser: true, required: true }
				]
			})
		);
		// Without a default, the path is cut before the placeholder.
		expect(tenant[0]?.requests).toEqual([{ kind: 'form', url: 'https://login.example.com/' }]);
		expect(tenant.slice(1)).toEqual([
			{ hostKey: '*.example.net', roles: ['api'], templated: true, requests: [] },
			{ hostKey: undefined, roles: ['check'], templated: true, requests: [] }
		]);
	});

	it('probes exactly the hosts endpointsOf names, for every connector', () => {
		for (const c of catalog) {
			const keys = new Set(
				c.authTypes.flatMap((a) => endpointsOf(c, a).map((e) => e.hostKey ?? ''))
			);
			expect(new Set(probeTargets(c).map((t) => t.hostKey ?? '')), c.id).toEqual(keys);
		}
	});

	it('remembers conclusive outcomes only', () => {
		const memory = remember(
			{ 'old.example.com': { reachable: true, at: 1 } },
			[
				{ hostKey: 'a.example.com', roles: ['api'], outcome: 'reachable' },
				{ hostKey: 'b.example.com', roles: ['token'], outcome: 'refused' },
				{ hostKey: 'c.example.com', roles: ['api'], outcome: 'unreachable' },
				{ hostKey: '*.example.net', roles: ['api'], outcome: 'skipped' },
				{ hostKey: undefined, roles: ['check'], outcome: 'skipped' }
			],
			5
		);
		expect(memory).toEqual({
			'old.example.com': { reachable: true, at: 1 },
			'a.example.com': { reachable: true, at: 5 },
			'b.example.com': { reachable: false, at: 5 }
		});
		expect(reachableHosts(memory)).toEqual(new Set(['old.example.com', 'a.example.com']));
	});

	it('gives a tested verdict once every probed host is remembered; a refusal outweighs the docs', () => {
		const c = connector();
		const facts: HostFacts = new Map([['api.example.com', fact('documented')]]);
		expect(testedReach(c, facts, {})).toBeUndefined();
		expect(testedReach(c, facts, { 'api.example.com': { reachable: true, at: 1 } })).toBe(
			undefined
		);
		// The API key type calls only the API host.
		expect(
			testedReach(c, facts, {
				'api.example.com': { reachable: true, at: 1 },
				'login.example.com': { reachable: false, at: 1 }
			})
		).toBe('direct');
		// Every type calls the API host, which refused this browser although documented.
		expect(reachOf(c, facts).reach).toBe('direct');
		expect(
			testedReach(c, facts, {
				'api.example.com': { reachable: false, at: 1 },
				'login.example.com': { reachable: true, at: 1 }
			})
		).toBe('bridge');
	});

	it('sends credential-free requests, tells refusal from no answer, and remembers', async () => {
		const db = await openDatabase({ name: `probe-${crypto.randomUUID()}` });
		await writeSettings(db, { language: 'de' });
		const sent: { url: string; init: RequestInit }[] = [];
		const send = async (url: string, init: RequestInit) => {
			sent.push({ url, init });
			// The token host answers only no-cors requests; the API host answers browsers.
			if (url.startsWith('https://login.') && init.mode === 'cors') throw new TypeError('cors');
			return new Response(null, { status: 401 });
		};
		const c = connector();
		const report = await runProbe(db, c, new Map(), { send, now: () => 42 });
		expect(report.hosts).toEqual([
			{ hostKey: 'login.example.com', roles: ['token', 'revoke'], outcome: 'refused' },
			{ hostKey: 'api.example.com', roles: ['api'], outcome: 'reachable' }
		]);
		expect(report.reach.byAuthType).toEqual({
			'oauth2-pkce': 'bridge',
			'oauth2-byoa': 'bridge',
			'api-key': 'direct'
		});
		expect(report.tested).toBe('direct');

		const token = sent.find((s) => s.url.endsWith('/token') && s.init.mode === 'cors')!;
		expect(token.init).toMatchObject({
			method: 'POST',
			credentials: 'omit',
			redirect: 'manual',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=authorization_code&code=switchboard-probe'
		});
		expect(token.init.signal).toBeInstanceOf(AbortSignal);
		expect(
			sent.find((s) => s.url.endsWith('/token') && s.init.mode === 'no-cors')?.init
		).toMatchObject({ credentials: 'omit' });
		const api = sent.find((s) => s.url === 'https://api.example.com/v1')!;
		expect(api.init).toMatchObject({
			method: 'GET',
			mode: 'cors',
			credentials: 'omit',
			headers: { Authorization: 'Bearer switchboard-probe' }
		});
		// An answered CORS request needs no no-cors follow-up.
		expect(sent.filter((s) => s.url === 'https://api.example.com/v1')).toHaveLength(1);

		expect(await readProbes(db)).toEqual({
			'login.example.com': { reachable: false, at: 42 },
			'api.example.com': { reachable: true, at: 42 }
		});
		// The rest of the settings stays as it was.
		expect((await readSettings(db)).language).toBe('de');

		// Offline: nothing answers, nothing new is remembered.
		const offline = await runProbe(db, c, new Map(), {
			send: async () => {
				throw new TypeError('offline');
			},
			now: () => 43
		});
		expect(offline.hosts.map((h) => h.outcome)).toEqual(['unreachable', 'unreachable']);
		expect((await readProbes(db))['api.example.com']).toEqual({ reachable: true, at: 42 });
		db.close();
	});

	it('reads only well-formed remembered results', async () => {
		const db = await openDatabase({ name: `probe-${crypto.randomUUID()}` });
		await writeSettings(db, {
			[PROBES_KEY]: {
				'ok.example.com': { reachable: true, at: 1 },
				'bad key': { reachable: true, at: 1 },
				'no.example.com': { reachable: 'yes', at: 1 },
				'nan.example.com': { reachable: false, at: Number.NaN }
			}
		});
		expect(await readProbes(db)).toEqual({ 'ok.example.com': { reachable: true, at: 1 } });
		db.close();
	});

	it('probes nothing of an unsupported connector', async () => {
		const db = await openDatabase({ name: `probe-${crypto.randomUUID()}` });
		const c = byId('mail');
		expect(c.unsupported).toBeDefined();
		const report = await runProbe(db, c, new Map(), {
			send: () => Promise.reject(new Error('must not be called'))
		});
		expect(report).toMatchObject({ hosts: [], reach: { reach: 'unsupported' } });
		db.close();
	});
});
