/**
 * Turns a connector's OAuth config and a connection's values into what oauth4webapi works with:
 * the authorization server, the client, its authentication, the scopes.
 */
import * as oauth from 'oauth4webapi';
import { OAUTH_TYPES, type AuthConfig, type Connector, type OAuthConfig } from '../catalog';
import { fillTemplate, fillUrl } from '../catalog';
import { AppError } from '../errors';
import { toOAuthError } from './errors';
import { isAllowedUrl, isLocalHttp, networkFetch, parseUrl, type FetchLike } from '../platform';
import { usesDPoP } from './dpop';
import { withTokenQuirks } from './quirks';
import { resolveScopes } from './scopes';

export interface ResolvedOAuth {
	as: oauth.AuthorizationServer;
	/** The same server with `token_endpoint` = the refresh URL (they differ for a few vendors). */
	refreshAs: oauth.AuthorizationServer;
	client: oauth.Client;
	clientAuth: oauth.ClientAuth;
	scopes: string[];
	redirectUri: string;
	/** Plain http allowed: only when every endpoint is http://localhost (the sandbox). */
	insecure: boolean;
	/** An issuer is configured: discovery was done, id_tokens are expected and checked (nonce). */
	oidc: boolean;
	config: OAuthConfig;
	/** The fetch passed to oauth4webapi (marks network failures: platform/network.ts). */
	fetch: FetchLike;
	/** Token requests carry a DPoP proof (RFC 9449): config or server metadata say so. */
	dpop: boolean;
}

export interface ResolveOptions {
	/** The fetch to use instead of the global one (tests, a proxy). */
	fetch?: FetchLike;
	/** Where discovered metadata is kept (one per unlocked session); without it, none is kept. */
	discovery?: DiscoveryCache;
	/**
	 * Fetch the issuer's discovery document when `oauth.issuer` is set (default true). Without it
	 * the server is built from the configured URLs and the configured issuer alone.
	 */
	discover?: boolean;
}

function checkRedirectUri(redirectUri: string): void {
	const url = parseUrl(redirectUri);
	if (!url || !isAllowedUrl(url) || url.hash)
		throw new AppError('input.invalid', { detail: 'redirect URI' });
}

function clientAuthFor(
	auth: AuthConfig,
	config: OAuthConfig,
	secret: string | undefined
): oauth.ClientAuth {
	if (config.clientAuth === 'none') return oauth.None();
	if (!secret) {
		// A PKCE connector may leave clientAuth at its default and still be a public client, and
		// an app the user brings may be one (Microsoft's single-page-application platform).
		if (auth.type === 'oauth2-pkce' || auth.type === 'oauth2-byoa') return oauth.None();
		throw new AppError('input.invalid', { detail: 'client_secret' });
	}
	return config.clientAuth === 'body'
		? oauth.ClientSecretPost(secret)
		: oauth.ClientSecretBasic(secret);
}

const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/** Discovered metadata by issuer URL: a refresh round must not rediscover 1,000 times. */
export class DiscoveryCache {
	readonly #entries = new Map<string, { at: number; as: Promise<oauth.AuthorizationServer> }>();

	get(
		issuer: URL,
		load: () => Promise<oauth.AuthorizationServer>
	): Promise<oauth.AuthorizationServer> {
		const cached = this.#entries.get(issuer.href);
		if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.as;
		const as = load();
		// A failed discovery is not remembered: the next call tries again.
		as.catch(() => this.#entries.delete(issuer.href));
		this.#entries.set(issuer.href, { at: Date.now(), as });
		return as;
	}
}

async function discover(
	issuer: URL,
	insecure: boolean,
	fetch: FetchLike
): Promise<oauth.AuthorizationServer> {
	try {
		const res = await oauth.discoveryRequest(issuer, {
			algorithm: 'oidc',
			[oauth.allowInsecureRequests]: insecure,
			[oauth.customFetch]: fetch
		});
		return await oauth.processDiscoveryResponse(issuer, res);
	} catch (error) {
		throw toOAuthError(error, 'discovery');
	}
}

/**
 * The expected issuer when none is configured. oauth4webapi checks an RFC 9207 `iss` in the
 * callback against `as.issuer`, so leaving it out is not an option, and a value no server sends
 * would reject every provider that implements RFC 9207. The origin of the authorization
 * endpoint is what an issuer without a path looks like (RFC 8414 §2): a provider whose `iss`
 * differs — another server (mix-up attack) or an issuer with a path — is refused, and the latter
 * must get `oauth.issuer` in its connector definition. A missing `iss` is accepted (the server
 * never said it supports RFC 9207).
 */
function impliedIssuer(endpoint: URL): string {
	return endpoint.origin;
}

export async function resolveOAuth(
	connector: Connector,
	auth: AuthConfig,
	values: Record<string, string>,
	redirectUri: string,
	options: ResolveOptions = {}
): Promise<ResolvedOAuth> {
	const config = auth.oauth;
	if (!OAUTH_TYPES.includes(auth.type) || !config)
		throw new AppError('input.invalid', { detail: 'not an OAuth auth type' });
	checkRedirectUri(redirectUri);

	const tokenUrl = fillUrl(config.tokenUrl, values);
	const urls = {
		authorization: config.authorizationUrl ? fillUrl(config.authorizationUrl, values) : undefined,
		token: tokenUrl,
		refresh: config.refreshUrl ? fillUrl(config.refreshUrl, values) : tokenUrl,
		revocation: config.revokeUrl ? fillUrl(config.revokeUrl, values) : undefined,
		issuer: config.issuer ? fillUrl(config.issuer, values) : undefined
	};
	const endpoints = Object.values(urls).filter((u): u is URL => u !== undefined);
	// fillUrl already allows only https and http://localhost; a mix of both is a broken config
	// (oauth4webapi would refuse the http ones), and http is allowed only for all-localhost.
	const insecure = endpoints.every(isLocalHttp);
	if (!insecure && endpoints.some((u) => u.protocol !== 'https:'))
		throw new AppError('input.invalid', { detail: 'URL must use https' });

	const clientId = values.client_id?.trim();
	if (!clientId) throw new AppError('input.invalid', { detail: 'client_id' });
	const client = ownOnly<oauth.Client>({ client_id: clientId });
	const clientAuth = clientAuthFor(auth, config, values.client_secret || undefined);
	const scopes = resolveScopes(config, values);
	const fetch = networkFetch(
		withTokenQuirks(
			options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
			config,
			new Set([urls.token.href, urls.refresh.href])
		)
	);

	const oidc = urls.issuer !== undefined;
	const issuer = urls.issuer;
	const discovered =
		issuer && options.discover !== false
			? await (options.discovery?.get(issuer, () => discover(issuer, insecure, fetch)) ??
					discover(issuer, insecure, fetch))
			: undefined;
	// The catalog's endpoints win over discovered ones: they are the reviewed data (and the ones
	// whose CORS behaviour is recorded). Discovery adds the rest: RFC 9207 support, algorithms.
	// oauth4webapi compares issuers as strings: use the configured one as written, not URL.href
	// (which would add a trailing slash to "https://host").
	const configuredIssuer = config.issuer ? fillTemplate(config.issuer, values) : undefined;
	const as = ownOnly<oauth.AuthorizationServer>({
		...discovered,
		issuer:
			discovered?.issuer ?? configuredIssuer ?? impliedIssuer(urls.authorization ?? urls.token),
		token_endpoint: urls.token.href,
		authorization_endpoint: urls.authorization?.href ?? discovered?.authorization_endpoint,
		revocation_endpoint: urls.revocation?.href ?? discovered?.revocation_endpoint
	});

	return {
		as,
		refreshAs: ownOnly({ ...as, token_endpoint: urls.refresh.href }),
		client,
		clientAuth,
		scopes,
		redirectUri,
		insecure,
		oidc,
		config,
		fetch,
		dpop: usesDPoP(as, config)
	};
}

/**
 * The same object without a prototype: oauth4webapi reads optional metadata (e.g.
 * `use_mtls_endpoint_aliases`) by plain property access, so nothing may be inherited.
 */
function ownOnly<T extends object>(value: T): T {
	return Object.assign(Object.create(null) as T, value);
}

/** What processing a token response accepts besides Bearer and DPoP tokens. */
export function responseOptions(resolved: ResolvedOAuth): oauth.ProcessTokenResponseOptions {
	const types = resolved.config.tokenTypes ?? [];
	return {
		recognizedTokenTypes: Object.fromEntries(types.map((type) => [type, () => undefined]))
	};
}

/** The oauth4webapi request options every call shares. */
export function requestOptions(resolved: ResolvedOAuth) {
	return {
		[oauth.allowInsecureRequests]: resolved.insecure,
		[oauth.customFetch]: resolved.fetch
	} as const;
}
