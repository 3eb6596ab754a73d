/**
 * Validation of connector definitions: the schema, then the rules a schema cannot express
 * (URL templates resolve to https URLs, placeholders name real properties, each auth config is
 * complete for its type). Returns every problem at once so a catalog author can fix them together.
 */
import * as v from 'valibot';
import { AppError } from '../errors';
import {
	ConnectorSchema,
	OAUTH_TYPES,
	REDIRECT_TYPES,
	TEMPLATE_PLACEHOLDER,
	type AuthConfig,
	type Connector
} from './schema';

/** Names of values that are secrets; `…_id` names (an AWS access key id) are identifiers. */
const SECRET_LIKE =
	/(secret|password|passwd|passphrase|token|api[_-]?key|apikey|private[_-]?key|signing[_-]?key|credential)(?!.*_id$)/i;

export function placeholders(template: string): string[] {
	return [...template.matchAll(TEMPLATE_PLACEHOLDER)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/**
 * Whether this is the local sandbox flavour (vite.config.ts): only there do sandbox connectors
 * (http://localhost endpoints, test credentials) validate. A build-time constant, so the shipped
 * build carries no trace of the sandbox rule.
 */
const SANDBOX_BUILD = import.meta.env.SWITCHBOARD_SANDBOX === 'true';

/** A template is valid when, with its placeholders filled, it is an https URL (sandbox: http://localhost). */
function checkUrl(template: string, where: string, sandbox: boolean, problems: string[]): void {
	const filled = template.replace(TEMPLATE_PLACEHOLDER, 'example');
	let url: URL;
	try {
		url = new URL(filled);
	} catch {
		problems.push(`${where}: not a URL`);
		return;
	}
	if (sandbox && SANDBOX_BUILD) {
		if (url.protocol !== 'http:' || url.hostname !== 'localhost')
			problems.push(`${where}: sandbox URLs must be http://localhost`);
	} else if (url.protocol !== 'https:') {
		problems.push(`${where}: must be https:`);
	}
}

function checkAuthConfig(c: Connector, auth: AuthConfig, index: number, problems: string[]): void {
	const where = `authTypes[${index}] (${auth.type})`;
	const names = new Set([...c.properties, ...auth.properties].map((p) => p.name));
	const has = (name: string) => names.has(name);
	const templates: [string, string][] = [];

	if (OAUTH_TYPES.includes(auth.type)) {
		const o = auth.oauth;
		if (!o) {
			problems.push(`${where}: oauth settings missing`);
			return;
		}
		if (REDIRECT_TYPES.includes(auth.type) && !o.authorizationUrl)
			problems.push(`${where}: authorizationUrl missing`);
		if (!REDIRECT_TYPES.includes(auth.type) && o.authorizationUrl)
			problems.push(`${where}: authorizationUrl is only for redirect flows`);
		for (const key of [
			'authorizationUrl',
			'tokenUrl',
			'refreshUrl',
			'revokeUrl',
			'issuer'
		] as const) {
			const value = o[key];
			if (value) templates.push([value, `${where}.oauth.${key}`]);
		}
		for (const scope of o.scopes.mandatory)
			if (!o.scopes.default.includes(scope))
				problems.push(`${where}: mandatory scope "${scope}" is not among the default scopes`);
		if (!has('client_id')) problems.push(`${where}: client_id property missing`);
		if (auth.type === 'oauth2-pkce' && o.pkce === 'none')
			problems.push(`${where}: the PKCE type needs a PKCE method`);
		if (o.clientAuth !== 'none' && auth.type !== 'oauth2-pkce' && !has('client_secret'))
			problems.push(`${where}: client_secret property missing (or set clientAuth "none")`);
		if (auth.type === 'oauth2-password' && !(has('username') && has('password')))
			problems.push(`${where}: username and password properties missing`);
		if (auth.type === 'oauth2-byoa') {
			for (const name of ['client_id', 'client_secret', 'scope']) {
				const p = auth.properties.find((x) => x.name === name);
				if (!p?.askUser) problems.push(`${where}: BYOA must ask the user for ${name}`);
			}
		}
	} else if (auth.oauth) {
		problems.push(`${where}: oauth settings on a non-OAuth type`);
	}

	const sent = auth.properties.filter((p) => p.sendIn !== 'none');
	if (auth.type === 'basic' && !(has('username') && has('password')))
		problems.push(`${where}: username and password properties missing`);
	if ((auth.type === 'api-key' || auth.type === 'pat') && !sent.some((p) => p.secret))
		problems.push(`${where}: needs a secret property sent in a header or query`);
	if (auth.type === 'custom' && sent.length === 0)
		problems.push(`${where}: custom auth needs at least one property sent in a header or query`);

	// PKCE is sent unless the vendor documents that it breaks the flow: `none` (or `plain`) on a
	// redirect flow is a documented fact, not a guess.
	if (
		REDIRECT_TYPES.includes(auth.type) &&
		auth.oauth &&
		auth.oauth.pkce !== 'S256' &&
		c.unconfirmed.includes('pkce')
	)
		problems.push(
			`${where}: PKCE ${auth.oauth.pkce} needs the vendor's word (pkce is unconfirmed)`
		);

	for (const p of [...c.properties, ...auth.properties])
		if (SECRET_LIKE.test(p.name) && !p.secret)
			problems.push(`${where}: property ${p.name} looks secret but is not marked secret`);

	for (const p of auth.properties) {
		if (p.askUser === false && p.required && p.default === undefined)
			problems.push(`${where}: property ${p.name} is required, not asked and has no default`);
		if (p.pattern) {
			try {
				new RegExp(p.pattern);
			} catch {
				problems.push(`${where}: property ${p.name} has a malformed pattern`);
			}
		}
	}

	for (const [template, at] of templates) {
		checkUrl(template, at, c.sandbox, problems);
		for (const name of placeholders(template))
			if (!has(name)) problems.push(`${at}: placeholder {${name}} names no property`);
	}
}

/**
 * Learned values fill connector properties the user is not asked for: each names one such
 * property (not a secret: it is shown on the connection page), once.
 */
function checkLearned(c: Connector, problems: string[]): void {
	const seen = new Set<string>();
	for (const rule of c.learned) {
		const where = `learned ${rule.name}`;
		const property = c.properties.find((p) => p.name === rule.name);
		if (!property) problems.push(`${where}: names no connector property`);
		else if (property.askUser || property.secret)
			problems.push(`${where}: the property must not be asked for nor secret`);
		if (seen.has(rule.name)) problems.push(`${where}: learned twice`);
		seen.add(rule.name);
		if (rule.from !== 'request') continue;
		checkUrl(rule.url, `${where}.url`, c.sandbox, problems);
		for (const name of placeholders(rule.url))
			if (!c.properties.some((p) => p.name === name))
				problems.push(`${where}.url: placeholder {${name}} names no property`);
	}
}

/** Validates one definition; throws AppError('catalog.invalid') listing every problem. */
export function validateConnector(raw: unknown): Connector {
	const parsed = v.safeParse(ConnectorSchema, raw);
	if (!parsed.success) {
		const id = (raw as { id?: unknown })?.id;
		throw new AppError('catalog.invalid', {
			detail: `${typeof id === 'string' ? id : '?'}: ${v.summarize(parsed.issues)}`
		});
	}
	const c = parsed.output;
	const problems: string[] = [];
	if (c.sandbox && !SANDBOX_BUILD)
		problems.push('sandbox connectors exist only in the sandbox build');
	const own = new Set<string>();
	for (const p of c.properties) {
		if (own.has(p.name)) problems.push(`duplicate property ${p.name}`);
		own.add(p.name);
	}
	checkUrl(c.docsUrl, 'docsUrl', false, problems);
	for (const source of c.sources) checkUrl(source, 'sources', false, problems);
	if (c.apiBaseUrl) {
		checkUrl(c.apiBaseUrl, 'apiBaseUrl', c.sandbox, problems);
		for (const name of placeholders(c.apiBaseUrl))
			if (!own.has(name)) problems.push(`apiBaseUrl: placeholder {${name}} names no property`);
	}
	for (const check of [c.checkRequest, ...c.authTypes.map((a) => a.checkRequest)]) {
		if (check && !check.path.startsWith('/'))
			checkUrl(check.path, 'checkRequest.path', c.sandbox, problems);
		if (check && check.path.startsWith('/') && !c.apiBaseUrl)
			problems.push('checkRequest: a relative path needs apiBaseUrl');
	}
	if (!c.unsupported && c.authTypes.length === 0)
		problems.push('authTypes: at least one unless unsupported');
	checkLearned(c, problems);
	const types = c.authTypes.map((a) => a.type);
	if (new Set(types).size !== types.length) problems.push('authTypes: a type is listed twice');
	c.authTypes.forEach((auth, i) => checkAuthConfig(c, auth, i, problems));
	if (problems.length)
		throw new AppError('catalog.invalid', { detail: `${c.id}: ${problems.join('; ')}` });
	return c;
}
