/**
 * The route of every request a connection makes (connections' `Network`): straight from this
 * browser, or through the paired bridge extension, decided per host (route.ts).
 */
import {
	corsOf,
	endpointsOf,
	fillUrl,
	originTemplateOf,
	type AuthConfig,
	type Connector,
	type HostFacts
} from '../catalog';
import type { Network } from '../connections';
import { AppError } from '../errors';
import { directFetch, type FetchLike } from '../platform';
import { BridgeLink, type Pairing } from './link';
import type { Relay } from './protocol';
import { chooseRoute, type Route } from './route';

export interface NetworkDeps {
	facts: HostFacts;
	/** Hosts this browser's probe reached directly (catalog/probe). */
	reachable(): Promise<ReadonlySet<string>>;
	pairing(): Promise<Pairing | null>;
	relay: Relay;
}

/** How long the hosts granted to the bridge are trusted before asking it again. */
const GRANTED_TTL_MS = 30_000;

export class BridgeNetwork implements Network {
	#granted: { at: number; hosts: Promise<ReadonlySet<string>> } | null = null;

	constructor(private readonly deps: NetworkDeps) {}

	async route(
		auth: AuthConfig,
		host: string,
		assumeGranted = false
	): Promise<{ route: Route; pairing: Pairing | null }> {
		const pairing = await this.deps.pairing();
		const facts = {
			cors: corsOf(this.deps.facts, host),
			reachable: (await this.deps.reachable()).has(host),
			limited: auth.browserLimit !== undefined,
			paired: pairing !== null
		};
		// Only an undocumented host's route depends on the grant: ask the extension only then.
		const asks = pairing && !assumeGranted && facts.cors === 'unknown' && !facts.limited;
		const granted = asks ? (await this.#grantedHosts(pairing)).has(host) : assumeGranted;
		return { route: chooseRoute({ ...facts, granted }), pairing };
	}

	/** The hosts granted to the bridge, as its last sealed ping said (kept for half a minute). */
	#grantedHosts(pairing: Pairing): Promise<ReadonlySet<string>> {
		if (!this.#granted || Date.now() - this.#granted.at > GRANTED_TTL_MS) {
			const hosts = new BridgeLink(pairing, this.deps.relay)
				.ping()
				.then((answer) => new Set(answer.hosts) as ReadonlySet<string>)
				.catch(() => new Set<string>());
			this.#granted = { at: Date.now(), hosts };
		}
		return this.#granted.hosts;
	}

	/** A sealed round trip to the extension, timed: Settings' test request. */
	async ping(): Promise<{ version: string; hosts: string[]; ms: number }> {
		const pairing = await this.deps.pairing();
		if (!pairing) throw new AppError('bridge.not-paired');
		const started = performance.now();
		const answer = await new BridgeLink(pairing, this.deps.relay).ping();
		const ms = Math.round(performance.now() - started);
		// What it grants now (after a grant or a removal, the page pings).
		this.#granted = { at: Date.now(), hosts: Promise.resolve(new Set(answer.hosts)) };
		return { ...answer, ms };
	}

	fetchFor(_connector: Connector, auth: AuthConfig): FetchLike {
		return async (url, init) => {
			const host = new URL(url).host;
			const { route, pairing } = await this.route(auth, host);
			if (route === 'direct') return directFetch(url, init);
			if (route === 'bridge' && pairing)
				return new BridgeLink(pairing, this.deps.relay).fetch(url, init);
			throw new AppError('bridge.required', { detail: host });
		};
	}

	/**
	 * The hosts a new connection will reach through the bridge, to be granted before it starts:
	 * every endpoint of the auth type, with the user's values filled in. `required` when some
	 * host cannot be reached without the bridge and none is paired.
	 */
	async plan(
		connector: Connector,
		auth: AuthConfig,
		values: Record<string, string>
	): Promise<{ hosts: string[]; required: boolean }> {
		const hosts = new Set<string>();
		let required = false;
		for (const { template } of endpointsOf(connector, auth)) {
			// Only the host matters: its path may hold a value learned at sign-in (QuickBooks' realm).
			const origin = originTemplateOf(template);
			let host: string;
			try {
				host = fillUrl(origin ?? template, values).host;
			} catch {
				continue; // a value of the host is missing: the form reports it
			}
			// A new connection sends every host that is not direct through the bridge, once granted.
			const { route } = await this.route(auth, host, true);
			if (route === 'bridge') hosts.add(host);
			if (route === 'required') required = true;
		}
		return { hosts: [...hosts].sort(), required };
	}
}
