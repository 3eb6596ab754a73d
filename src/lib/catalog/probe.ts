/**
 * "Test in this browser": whether this browser, from this app's origin, gets answers from the
 * hosts a connector calls. Each host gets the request a real connection sends first, with dummy
 * values and no credential (`switchboard-probe`): the token endpoint a form POST, an API host a
 * GET carrying `Authorization: Bearer switchboard-probe` (the header that makes a real call need
 * a CORS preflight). Any HTTP answer to the CORS request, whatever its status, proves the host
 * answers browsers. When it fails, a `no-cors` request tells a refusal (the host answered, but
 * not to browsers) from no answer at all (offline, DNS). Runs in the worker, which owns the
 * network; results are remembered on the device in the plain settings store (not secret).
 */
import { readSettings, writeSettings, type Database } from '../db';
import { isAllowedUrl, parseUrl } from '../platform';
import {
	endpointsOf,
	reachOf,
	type ConnectorReach,
	type EndpointRole,
	type HostFact,
	type HostFacts
} from './cors';
import { TEMPLATE_PLACEHOLDER, type Connector, type Reach } from './schema';

/** The settings key of the remembered results. */
export const PROBES_KEY = 'probes';
export const PROBE_TIMEOUT_MS = 10_000;
/** The dummy value a probe sends where a real request sends a code or a token. */
export const PROBE_DUMMY = 'switchboard-probe';

/** `reachable`: answered a browser; `refused`: answered, but not to a browser (CORS);
 * `unreachable`: no answer at all (offline, DNS: not remembered); `skipped`: the host depends on
 * the user's tenant or server. */
export type ProbeOutcome = 'reachable' | 'refused' | 'unreachable' | 'skipped';

/** What the two requests of one probe got. */
export interface ProbeAttempt {
	/** The host is named by the user or their tenant: nothing was sent. */
	templated: boolean;
	/** The CORS request got an HTTP answer (any status). */
	corsAnswered?: boolean;
	/** The `no-cors` request, sent only when the first failed, got an answer. */
	noCorsAnswered?: boolean;
}

/** The meaning of one probe. Pure. */
export function interpretProbe(attempt: ProbeAttempt): ProbeOutcome {
	if (attempt.templated) return 'skipped';
	if (attempt.corsAnswered) return 'reachable';
	return attempt.noCorsAnswered ? 'refused' : 'unreachable';
}

/** One host's outcome over several probes: no answer outweighs a refusal, which outweighs an answer. */
export function combineOutcomes(outcomes: readonly ProbeOutcome[]): ProbeOutcome {
	for (const worst of ['skipped', 'unreachable', 'refused'] as const)
		if (outcomes.includes(worst)) return worst;
	return 'reachable';
}

export interface RememberedProbe {
	reachable: boolean;
	at: number;
}
/** host key → the last conclusive probe of that host in this browser. */
export type ProbeMemory = Record<string, RememberedProbe>;

/** The probe request a role calls for: a token-style form POST, an API GET, or a discovery GET. */
type ProbeKind = 'form' | 'bearer' | 'discovery';
const KIND_OF: Record<EndpointRole, ProbeKind> = {
	token: 'form',
	refresh: 'form',
	revoke: 'form',
	discovery: 'discovery',
	learned: 'bearer',
	api: 'bearer',
	check: 'bearer'
};

export interface ProbeTarget {
	/** Undefined for a host the user names (`https://{host}/…`). */
	hostKey?: string;
	/** Every role this host plays for the connector, in first-seen order. */
	roles: EndpointRole[];
	/** Whether the host depends on the user (a placeholder in the host): it is not probed. */
	templated: boolean;
	/** One URL per kind of request to send (absent for templated hosts). */
	requests: { kind: ProbeKind; url: string }[];
}

/**
 * A template made sendable without the user: placeholders with a default get it; at the first one
 * without, the URL is cut back to the last `/` before it (the host still answers for its CORS).
 */
function probeUrl(template: string, defaults: Record<string, string>): string | undefined {
	let cut = false;
	const filled = template.replace(TEMPLATE_PLACEHOLDER, (match, name: string) => {
		const value = defaults[name]?.trim();
		if (value && !cut) return encodeURIComponent(value);
		cut = true;
		return '\u0000';
	});
	const end = filled.indexOf('\u0000');
	const text = end === -1 ? filled : filled.slice(0, filled.lastIndexOf('/', end) + 1);
	const url = parseUrl(text);
	return url && isAllowedUrl(url) ? url.href : undefined;
}

/** The hosts a connector calls over all its auth types, each once, with what to send it. */
export function probeTargets(connector: Connector): ProbeTarget[] {
	const targets = new Map<string, ProbeTarget>();
	const ownDefaults = Object.fromEntries(
		connector.properties.flatMap((p) => (p.default ? [[p.name, p.default]] : []))
	);
	for (const auth of connector.authTypes) {
		const defaults = {
			...ownDefaults,
			...Object.fromEntries(
				auth.properties.flatMap((p) => (p.default ? [[p.name, p.default]] : []))
			)
		};
		for (const { role, template, hostKey } of endpointsOf(connector, auth)) {
			const key = hostKey ?? '';
			const templated = hostKey === undefined || hostKey.includes('*');
			const target = targets.get(key) ?? { hostKey, roles: [], templated, requests: [] };
			targets.set(key, target);
			if (!target.roles.includes(role)) target.roles.push(role);
			if (templated) continue;
			const kind = KIND_OF[role];
			if (target.requests.some((r) => r.kind === kind)) continue;
			const base = kind === 'discovery' ? template.replace(/\/+$/, '') : template;
			const url = probeUrl(
				kind === 'discovery' ? `${base}/.well-known/openid-configuration` : base,
				defaults
			);
			if (url) target.requests.push({ kind, url });
		}
	}
	return [...targets.values()];
}

export type ProbeFetch = (input: string, init: RequestInit) => Promise<Response>;

function probeInit(kind: ProbeKind): RequestInit {
	const common: RequestInit = {
		mode: 'cors',
		credentials: 'omit',
		redirect: 'manual',
		cache: 'no-store',
		signal: AbortSignal.timeout(PROBE_TIMEOUT_MS)
	};
	if (kind === 'form')
		return {
			...common,
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'authorization_code', code: PROBE_DUMMY }).toString()
		};
	if (kind === 'bearer')
		return { ...common, method: 'GET', headers: { Authorization: `Bearer ${PROBE_DUMMY}` } };
	return { ...common, method: 'GET' };
}

const answers = async (send: () => Promise<Response>): Promise<boolean> => {
	try {
		await send();
		return true;
	} catch {
		return false;
	}
};

/** Sends one probe request (and its `no-cors` follow-up when needed). */
async function probeOne(send: ProbeFetch, kind: ProbeKind, url: string): Promise<ProbeOutcome> {
	const corsAnswered = await answers(() => send(url, probeInit(kind)));
	const noCorsAnswered = corsAnswered
		? undefined
		: await answers(() =>
				send(url, {
					mode: 'no-cors',
					credentials: 'omit',
					cache: 'no-store',
					signal: AbortSignal.timeout(PROBE_TIMEOUT_MS)
				})
			);
	return interpretProbe({ templated: false, corsAnswered, noCorsAnswered });
}

export interface HostProbe {
	/** Undefined for the user's own server. */
	hostKey?: string;
	roles: EndpointRole[];
	outcome: ProbeOutcome;
}

export interface ProbeReport {
	connectorId: string;
	at: number;
	hosts: HostProbe[];
	/** The connector's reach with every host this browser has reached so far. */
	reach: ConnectorReach;
	/** The verdict of the probes themselves (see testedReach). */
	tested?: Exclude<Reach, 'unsupported'>;
}

/** Probes every host of a connector, at most four at a time. */
export async function probeHosts(connector: Connector, send: ProbeFetch): Promise<HostProbe[]> {
	const targets = probeTargets(connector);
	const results: HostProbe[] = new Array<HostProbe>(targets.length);
	let next = 0;
	const lane = async () => {
		while (next < targets.length) {
			const index = next++;
			const target = targets[index]!;
			const outcome =
				target.templated || target.requests.length === 0
					? 'skipped'
					: combineOutcomes(
							await Promise.all(target.requests.map((r) => probeOne(send, r.kind, r.url)))
						);
			results[index] = { hostKey: target.hostKey, roles: target.roles, outcome };
		}
	};
	await Promise.all([lane(), lane(), lane(), lane()]);
	return results;
}

/** The memory after a probe: conclusive outcomes replace what was remembered of their host. Pure. */
export function remember(
	memory: ProbeMemory,
	hosts: readonly HostProbe[],
	at: number
): ProbeMemory {
	const next: ProbeMemory = { ...memory };
	for (const host of hosts)
		if (host.hostKey && (host.outcome === 'reachable' || host.outcome === 'refused'))
			next[host.hostKey] = { reachable: host.outcome === 'reachable', at };
	return next;
}

/** Host keys this browser reached. */
export function reachableHosts(memory: ProbeMemory): Set<string> {
	return new Set(Object.keys(memory).filter((key) => memory[key]?.reachable === true));
}

/**
 * What the probes say of a connector, once every host it can probe has a remembered result:
 * `direct` when one of its auth types reaches every host (a refused probe outweighs the
 * documentation here, a reached one fills in for it); otherwise `bridge`. Undefined while
 * untested, and for unsupported connectors.
 */
export function testedReach(
	connector: Connector,
	facts: HostFacts,
	memory: ProbeMemory
): Exclude<Reach, 'unsupported'> | undefined {
	if (connector.unsupported) return undefined;
	const probed = probeTargets(connector).filter((t) => !t.templated && t.requests.length);
	if (probed.length === 0 || probed.some((t) => !Object.hasOwn(memory, t.hostKey!)))
		return undefined;
	const overlay = new Map<string, HostFact>(facts);
	for (const [key, probe] of Object.entries(memory))
		if (!probe.reachable)
			overlay.set(key, { cors: 'refused', note: facts.get(key)?.note ?? { en: key, de: key } });
	const reach = reachOf(connector, overlay, reachableHosts(memory)).reach;
	return reach === 'direct' ? 'direct' : 'bridge';
}

const HOST_KEY = /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

/** The remembered results; anything malformed in the store is left out. */
export async function readProbes(db: Database): Promise<ProbeMemory> {
	const raw = (await readSettings(db))[PROBES_KEY];
	const memory: ProbeMemory = {};
	if (raw === null || typeof raw !== 'object') return memory;
	for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
		const probe = value as Partial<RememberedProbe> | null;
		if (
			HOST_KEY.test(key) &&
			typeof probe?.reachable === 'boolean' &&
			typeof probe.at === 'number' &&
			Number.isFinite(probe.at)
		)
			memory[key] = { reachable: probe.reachable, at: probe.at };
	}
	return memory;
}

export interface ProbeOptions {
	send?: ProbeFetch;
	now?: () => number;
}

/** Probes a connector's hosts, remembers the conclusive outcomes and reports. */
export async function runProbe(
	db: Database,
	connector: Connector,
	facts: HostFacts,
	options: ProbeOptions = {}
): Promise<ProbeReport> {
	const send: ProbeFetch = options.send ?? ((input, init) => globalThis.fetch(input, init));
	const hosts = connector.unsupported ? [] : await probeHosts(connector, send);
	const at = (options.now ?? Date.now)();
	const memory = remember(await readProbes(db), hosts, at);
	await writeSettings(db, { [PROBES_KEY]: memory });
	return {
		connectorId: connector.id,
		at,
		hosts,
		reach: reachOf(connector, facts, reachableHosts(memory)),
		tested: testedReach(connector, facts, memory)
	};
}
