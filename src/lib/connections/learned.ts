/**
 * Values the user does not type: the provider hands them over during or after sign-in (see
 * LearnedValueSchema) — Salesforce's instance in the token response, QuickBooks' company id on
 * the callback URL, the Atlassian site from a request made with the new token. They land in the
 * connection's properties, where URL templates find them; where the provider offers several (two
 * Atlassian sites), the others are kept as choices the connection page offers.
 */
import { fillUrl, type Connector, type LearnedValue } from '../catalog';
import { AppError } from '../errors';
import type { TokenSet } from '../oauth';
import type { FetchLike } from '../platform';
import { sendRequest } from './http';
import type { ConnectionMeta, LearnedChoice } from './model';

/** At most this many choices are kept (an account with hundreds of sites is offered the first). */
const MAX_CHOICES = 50;
const MAX_VALUE = 500;

/** A value as the definition says to keep it: as given, or the host or origin of a URL. */
function shape(value: string, as: LearnedValue['as']): string | undefined {
	const text = value.trim();
	if (!text || text.length > MAX_VALUE) return undefined;
	if (as === 'value') return text;
	try {
		const url = new URL(text);
		if (url.protocol !== 'https:') return undefined;
		return as === 'host' ? url.host : url.origin;
	} catch {
		return undefined;
	}
}

function at(value: unknown, path: string): unknown {
	if (!path) return value;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** Values found in a token response (on connect and on every refresh that carries them). */
export function learnFromTokens(
	connector: Connector,
	meta: ConnectionMeta,
	tokens: TokenSet
): ConnectionMeta {
	const found: Record<string, string> = {};
	for (const rule of connector.learned) {
		if (rule.from !== 'token') continue;
		const value = shape(tokens.fields?.[rule.field] ?? '', rule.as);
		if (value) found[rule.name] = value;
	}
	return Object.keys(found).length
		? { ...meta, properties: { ...meta.properties, ...found } }
		: meta;
}

/** Values on the callback URL (QuickBooks `realmId`). */
export function learnFromCallback(
	connector: Connector,
	meta: ConnectionMeta,
	callback: URL
): ConnectionMeta {
	const found: Record<string, string> = {};
	for (const rule of connector.learned) {
		if (rule.from !== 'callback') continue;
		const value = shape(callback.searchParams.get(rule.field) ?? '', rule.as);
		if (value) found[rule.name] = value;
	}
	return Object.keys(found).length
		? { ...meta, properties: { ...meta.properties, ...found } }
		: meta;
}

/**
 * Values from requests made with the new access token, in the definition's order (a later
 * request may use a value learned by an earlier one). A request that fails, or finds nothing,
 * stops the connect: without the value the connection cannot reach its API.
 */
export async function learnFromRequests(
	connector: Connector,
	meta: ConnectionMeta,
	tokens: TokenSet,
	send: FetchLike
): Promise<ConnectionMeta> {
	let current = meta;
	for (const rule of connector.learned) {
		if (rule.from !== 'request') continue;
		const url = fillUrl(rule.url, current.properties);
		const response = await sendRequest(
			{
				method: 'GET',
				url,
				headers: new Headers({
					Authorization: `Bearer ${tokens.accessToken}`,
					Accept: 'application/json'
				})
			},
			send
		);
		if (response.status === 401 || response.status === 403)
			throw new AppError('connection.unauthorized', { detail: `${rule.name} ${response.status}` });
		if (response.status >= 400)
			throw new AppError('connection.check-failed', { detail: `${rule.name} ${response.status}` });
		const choices = choicesIn(response.body, rule);
		const chosen = choices.find((c) => c.preferred) ?? choices[0];
		if (!chosen) throw new AppError('connection.check-failed', { detail: `${rule.name} none` });
		current = {
			...current,
			properties: { ...current.properties, [rule.name]: chosen.value },
			choices: {
				...current.choices,
				[rule.name]: choices.map(({ value, label }) => ({ value, label }))
			}
		};
	}
	return current;
}

function choicesIn(
	body: string,
	rule: Extract<LearnedValue, { from: 'request' }>
): (LearnedChoice & { preferred: boolean })[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return [];
	}
	const list = at(parsed, rule.list);
	const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
	const choices: (LearnedChoice & { preferred: boolean })[] = [];
	for (const item of items.slice(0, MAX_CHOICES)) {
		const value = shape(text(at(item, rule.value)) ?? '', rule.as);
		if (!value) continue;
		const label = (rule.label && text(at(item, rule.label))?.slice(0, MAX_VALUE)) || value;
		const flag = rule.preferred ? at(item, rule.preferred) : undefined;
		choices.push({ value, label, preferred: flag === true || flag === 'true' });
	}
	return choices;
}

/**
 * The user picks another of the offered values (another Atlassian site): only one the provider
 * offered, for a value that is learned by request.
 */
export function chooseLearned(
	connector: Connector,
	meta: ConnectionMeta,
	name: unknown,
	value: unknown
): ConnectionMeta {
	const rule = connector.learned.find((r) => r.name === name && r.from === 'request');
	const offered = rule ? meta.choices?.[rule.name] : undefined;
	if (!rule || typeof value !== 'string' || !offered?.some((c) => c.value === value))
		throw new AppError('input.invalid', { detail: 'choice' });
	return { ...meta, properties: { ...meta.properties, [rule.name]: value } };
}
