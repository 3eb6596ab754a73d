/**
 * What each host a connector calls does with browser requests, as a fact with its source, apart
 * from the verdict drawn from it. Connectors sharing a host (every Google API shares Google's
 * token endpoint) share one entry of `hosts.json`, so they cannot disagree.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import {
	CORS_FACTS,
	LocalizedSchema,
	type AuthConfig,
	type AuthType,
	type Connector,
	type CorsFact,
	type Reach
} from './schema';

/**
 * `host` or `host:port`. A `*` label stands for one or more labels the user's values supply:
 * `*.zendesk.com` (any subdomain), `api.*.insightly.com` (a pod), `accounts.zoho.*` (a region).
 */
const HOST_KEY = /^([a-z0-9-]+|\*)(\.([a-z0-9-]+|\*))*(:\d{1,5})?$/;

const HostFactSchema = v.pipe(
	v.strictObject({
		cors: v.picklist(CORS_FACTS),
		/** The vendor page the fact comes from: required unless the fact is `unknown`. */
		source: v.optional(v.pipe(v.string(), v.url(), v.startsWith('https://'))),
		note: LocalizedSchema
	}),
	v.check((f) => f.cors === 'unknown' || f.source !== undefined, 'a documented fact needs a source')
);
export type HostFact = v.InferOutput<typeof HostFactSchema>;
export type HostFacts = ReadonlyMap<string, HostFact>;

const HostFactsSchema = v.record(
	v.pipe(v.string(), v.regex(HOST_KEY, 'malformed host key')),
	HostFactSchema
);

export function parseHostFacts(raw: unknown): HostFacts {
	const result = v.safeParse(HostFactsSchema, raw);
	if (!result.success)
		throw new AppError('catalog.invalid', {
			detail: `hosts: ${result.issues[0]?.path?.map((p) => p.key).join('.') ?? ''} ${result.issues[0]?.message ?? ''}`
		});
	return new Map(Object.entries(result.output));
}

const patterns = new WeakMap<HostFacts, [RegExp, HostFact][]>();

/** The wildcard keys as patterns, most specific (longest) first; made once per facts map. */
function wildcards(facts: HostFacts): [RegExp, HostFact][] {
	let list = patterns.get(facts);
	if (!list) {
		list = [...facts]
			.filter(([key]) => key.includes('*'))
			.sort(([a], [b]) => b.length - a.length)
			.map(([key, fact]): [RegExp, HostFact] => [
				new RegExp(
					`^${key
						.split('.')
						.map((l) => (l === '*' ? '[a-z0-9-]+(?:\\.[a-z0-9-]+)*' : l.replace(/[-]/g, '\\-')))
						.join('\\.')}$`
				),
				fact
			]);
		patterns.set(facts, list);
	}
	return list;
}

/** The fact for a host (`host[:port]`, lower case), or a host key: exact entry first, then a pattern. */
export function factFor(facts: HostFacts, host: string): HostFact | undefined {
	return facts.get(host) ?? wildcards(facts).find(([pattern]) => pattern.test(host))?.[1];
}

export type EndpointRole =
	'token' | 'refresh' | 'revoke' | 'discovery' | 'learned' | 'api' | 'check';

export interface Endpoint {
	role: EndpointRole;
	/** The URL template, as the connector gives it. */
	template: string;
	/** The host as it can be looked up in the facts: a placeholder label becomes `*`. */
	hostKey?: string;
}

/**
 * `https://{tenant}.example.com` of `https://{tenant}.example.com/api/{realm}`: the part that names
 * the host, without the path (which may hold a value known only after sign-in).
 */
export function originTemplateOf(template: string): string | undefined {
	return /^https?:\/\/[^/?#]+/i.exec(template)?.[0];
}

/**
 * The host of a URL template for looking up its fact: `https://{tenant}.zendesk.com/x` →
 * `*.zendesk.com`. Undefined when the user names the host (`https://{host}/api`, `api.{site}`:
 * fewer than two labels of it are fixed) or the template is not an absolute URL: nothing can be
 * known about such a host in advance.
 */
export function hostKeyOf(template: string): string | undefined {
	const host = originTemplateOf(template)?.replace(/^https?:\/\//i, '');
	if (!host) return undefined;
	const labels = host.toLowerCase().split('.');
	const key = labels.map((l) => (l.includes('{') ? '*' : l));
	if (labels.length === 1) return key[0] === '*' ? undefined : key[0];
	return key.filter((l) => l !== '*').length >= 2 ? key.join('.') : undefined;
}

/** Every URL the app fetches for a connector with one auth type (sign-in pages are navigations). */
export function endpointsOf(connector: Connector, auth: AuthConfig): Endpoint[] {
	const urls: [EndpointRole, string | undefined][] = [
		['token', auth.oauth?.tokenUrl],
		['refresh', auth.oauth?.refreshUrl],
		['revoke', auth.oauth?.revokeUrl],
		['discovery', auth.oauth?.issuer],
		...connector.learned.map((l): [EndpointRole, string | undefined] => [
			'learned',
			l.from === 'request' ? l.url : undefined
		]),
		['api', connector.apiBaseUrl],
		['check', (auth.checkRequest ?? connector.checkRequest)?.path]
	];
	return urls
		.filter(([role, url]) => url !== undefined && (role !== 'check' || /^https?:/i.test(url)))
		.map(([role, url]) => ({ role, template: url!, hostKey: hostKeyOf(url!) }));
}

/** A host no fact covers is `unknown`; so is a host the user names. */
export function corsOf(facts: HostFacts, hostKey: string | undefined): CorsFact {
	return hostKey ? (factFor(facts, hostKey)?.cors ?? 'unknown') : 'unknown';
}

/**
 * How one auth type is reached: directly when every host it calls is documented to answer
 * browsers (or this browser's probe reached it) and the type has no limit of its own; otherwise
 * through the bridge.
 */
export function reachOfAuth(
	connector: Connector,
	auth: AuthConfig,
	facts: HostFacts,
	reachable: ReadonlySet<string> = new Set()
): Exclude<Reach, 'unsupported'> {
	if (auth.browserLimit) return 'bridge';
	const direct = endpointsOf(connector, auth).every(
		(e) =>
			corsOf(facts, e.hostKey) === 'documented' ||
			(e.hostKey !== undefined && reachable.has(e.hostKey))
	);
	return direct ? 'direct' : 'bridge';
}

export interface ConnectorReach {
	reach: Reach;
	byAuthType: Partial<Record<AuthType, Exclude<Reach, 'unsupported'>>>;
}

/** The connector's verdict: direct when any of its auth types is. */
export function reachOf(
	connector: Connector,
	facts: HostFacts,
	reachable?: ReadonlySet<string>
): ConnectorReach {
	if (connector.unsupported) return { reach: 'unsupported', byAuthType: {} };
	const byAuthType = Object.fromEntries(
		connector.authTypes.map((a) => [a.type, reachOfAuth(connector, a, facts, reachable)])
	);
	return {
		reach: Object.values(byAuthType).includes('direct') ? 'direct' : 'bridge',
		byAuthType
	};
}
