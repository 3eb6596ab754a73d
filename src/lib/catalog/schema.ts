/**
 * The connector definition schema. Catalog files are data from outside the code path (and, later,
 * imported by users), so every one is validated with this schema before use.
 */
import * as v from 'valibot';

export const AUTH_TYPES = [
	'oauth2-authorization-code',
	'oauth2-pkce',
	'oauth2-client-credentials',
	'oauth2-password',
	'oauth2-byoa',
	'basic',
	'api-key',
	'pat',
	'custom',
	'none'
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const OAUTH_TYPES: readonly AuthType[] = [
	'oauth2-authorization-code',
	'oauth2-pkce',
	'oauth2-client-credentials',
	'oauth2-password',
	'oauth2-byoa'
];
/** Types that send the user through the provider's authorization endpoint. */
export const REDIRECT_TYPES: readonly AuthType[] = [
	'oauth2-authorization-code',
	'oauth2-pkce',
	'oauth2-byoa'
];

export const CATEGORIES = [
	'ai',
	'analytics',
	'collaboration',
	'communication',
	'crm',
	'customer-support',
	'developer-tools',
	'documents',
	'e-commerce',
	'finance',
	'hr',
	'identity',
	'infrastructure',
	'it-service-management',
	'mail',
	'marketing',
	'productivity',
	'social-media',
	'storage',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * How a connector is reached from this app: directly (its endpoints answer browsers), through the
 * Switchboard Bridge extension, or not at all (a protocol or network a browser cannot use).
 */
export const REACH = ['direct', 'bridge', 'unsupported'] as const;
export type Reach = (typeof REACH)[number];

/** What a vendor documents about browser (CORS) requests to one host: see catalog/hosts.json. */
export const CORS_FACTS = ['documented', 'refused', 'unknown'] as const;
export type CorsFact = (typeof CORS_FACTS)[number];

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
/** `{name}` placeholders in URL templates, filled from connection properties. */
export const TEMPLATE_PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty());
export const LocalizedSchema = v.strictObject({ en: nonEmpty, de: nonEmpty });
const Localized = LocalizedSchema;
export type Localized = v.InferOutput<typeof Localized>;

const urlTemplate = v.pipe(v.string(), v.nonEmpty(), v.maxLength(500));
const scopeToken = v.pipe(v.string(), v.regex(SCOPE_TOKEN, 'malformed scope'));

export const PropertySchema = v.strictObject({
	/** What the vendor expects: header or query name, or a well-known name (client_id, username…). */
	name: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'malformed property name')),
	displayName: Localized,
	/** Shown on the connection screen. Otherwise the default is used as is. */
	askUser: v.boolean(),
	required: v.boolean(),
	secret: v.optional(v.boolean(), false),
	/** Where the value goes on every API request; `none` = used by the grant or a URL template. */
	sendIn: v.optional(v.picklist(['header', 'query', 'none']), 'none'),
	/** Prepended to the value when sent, e.g. `Bearer ` or `token `. */
	valuePrefix: v.optional(v.string()),
	default: v.optional(v.string()),
	input: v.optional(v.picklist(['text', 'url', 'hostname', 'email', 'password', 'scopes']), 'text'),
	/** Extra constraint on the value (a JavaScript regular expression, anchored by the validator). */
	pattern: v.optional(v.string()),
	help: v.optional(Localized)
});
export type Property = v.InferOutput<typeof PropertySchema>;

export const OAuthConfigSchema = v.strictObject({
	authorizationUrl: v.optional(urlTemplate),
	tokenUrl: urlTemplate,
	/** Defaults to the token URL. */
	refreshUrl: v.optional(urlTemplate),
	revokeUrl: v.optional(urlTemplate),
	/**
	 * How the revoke URL is called: RFC 7009 (`token=` in a form, with client authentication), or
	 * `bearer`: a POST carrying the access token as `Authorization: Bearer` and no body (Dropbox,
	 * Slack). A JSON answer with `"ok": false` is a failure.
	 */
	revokeStyle: v.optional(v.picklist(['rfc7009', 'bearer']), 'rfc7009'),
	/** OpenID issuer: when set, the id_token is validated against it. */
	issuer: v.optional(urlTemplate),
	scopes: v.strictObject({
		default: v.array(scopeToken),
		mandatory: v.optional(v.array(scopeToken), [])
	}),
	scopeSeparator: v.optional(v.picklist([' ', ',', '+']), ' '),
	/** PKCE code challenge method; `none` where the provider rejects PKCE parameters. */
	pkce: v.optional(v.picklist(['S256', 'plain', 'none']), 'S256'),
	/** Client authentication at the token endpoint: Basic header (reference default), body, or none (public client). */
	clientAuth: v.optional(v.picklist(['basic', 'body', 'none']), 'basic'),
	/** Assumed access-token lifetime in seconds when the token response has no `expires_in`. */
	refreshInterval: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10)), 3600),
	/** Extra authorization-request parameters, e.g. Google's `access_type=offline`. */
	extraAuthParams: v.optional(v.record(v.string(), v.string())),
	/** Extra token-request parameters, e.g. SugarCRM's `platform`. */
	extraTokenParams: v.optional(v.record(v.string(), v.string())),
	/**
	 * DPoP (RFC 9449) sender-constrained tokens even when discovery does not advertise them (it is
	 * used anyway wherever the server's metadata lists `dpop_signing_alg_values_supported`).
	 */
	dpop: v.optional(v.boolean()),
	/**
	 * `token_type` values the vendor sends besides Bearer and DPoP (Slack: `bot`, `user`), which
	 * oauth4webapi would otherwise refuse (RFC 6749 §7.1); such tokens are still sent as Bearer.
	 */
	tokenTypes: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/)))),
	/**
	 * How the token endpoint takes its parameters: a form (RFC 6749 §4.1.3), or a JSON object
	 * (Salesforce Marketing Cloud accepts nothing else).
	 */
	tokenRequestBody: v.optional(v.picklist(['form', 'json']), 'form'),
	/**
	 * The `token_type` to assume when the token response has none (Shopify answers only
	 * `access_token` and `scope`; RFC 6749 §5.1 requires it, and so does oauth4webapi).
	 */
	defaultTokenType: v.optional(v.picklist(['bearer'])),
	/** How API requests carry the access token; default `Authorization: Bearer <token>`. */
	tokenHeader: v.optional(
		v.strictObject({
			name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]+$/)),
			prefix: v.string()
		})
	)
});
export type OAuthConfig = v.InferOutput<typeof OAuthConfigSchema>;

export const CheckRequestSchema = v.strictObject({
	method: v.picklist(['GET', 'POST']),
	/** Relative to apiBaseUrl (starts with `/`) or an absolute URL template. */
	path: nonEmpty,
	/** Dot path into the JSON response naming who authenticated, e.g. `email` or `user.login`. */
	accountField: v.optional(v.string()),
	body: v.optional(v.string())
});
export type CheckRequest = v.InferOutput<typeof CheckRequestSchema>;

export const AuthConfigSchema = v.strictObject({
	type: v.picklist(AUTH_TYPES),
	oauth: v.optional(OAuthConfigSchema),
	properties: v.optional(v.array(PropertySchema), []),
	/**
	 * Where this auth type cannot be completed from a browser page although the connector's hosts
	 * may answer browsers (e.g. Microsoft redeems a Web-platform app's code only from a server,
	 * without an Origin header). Such a type works only through the bridge extension, which sends
	 * its requests without Origin; the reason is shown on the connection screen.
	 */
	browserLimit: v.optional(v.strictObject({ reason: Localized, source: urlTemplate })),
	/**
	 * This type's own check request, where the connector's does not fit it (Graph's `/me` is for
	 * signed-in users; an app-only token gets 400).
	 */
	checkRequest: v.optional(CheckRequestSchema)
});
export type AuthConfig = v.InferOutput<typeof AuthConfigSchema>;

/**
 * A value the user does not type: the provider hands it over during or after sign-in. `name` is a
 * connector property (askUser false) that URL templates use; the connection page shows it.
 * - `token`: a field of the token response (Salesforce `instance_url`), updated on refresh;
 * - `callback`: a parameter of the callback URL (QuickBooks `realmId`);
 * - `request`: a GET with the new access token (Atlassian accessible-resources); `list` is the dot
 *   path of the array of choices ('' when the answer is the array), `value` and `label` fields
 *   of each item, `preferred` a field marking the default item. With several items, the first
 *   (or the preferred one) is taken and the connection page offers the others.
 * `as`: the value as given, or the host / origin of a URL value.
 */
export const LearnedValueSchema = v.variant('from', [
	v.strictObject({
		name: v.string(),
		from: v.picklist(['token', 'callback']),
		field: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.]+$/)),
		as: v.optional(v.picklist(['value', 'host', 'origin']), 'value')
	}),
	v.strictObject({
		name: v.string(),
		from: v.literal('request'),
		url: urlTemplate,
		list: v.optional(v.string(), ''),
		value: v.string(),
		label: v.optional(v.string()),
		preferred: v.optional(v.string()),
		as: v.optional(v.picklist(['value', 'host', 'origin']), 'value')
	})
]);
export type LearnedValue = v.InferOutput<typeof LearnedValueSchema>;

export const ConnectorSchema = v.strictObject({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case')),
	name: nonEmpty,
	vendor: nonEmpty,
	category: v.picklist(CATEGORIES),
	/** Other names users search by (product names, former names, abbreviations). */
	aliases: v.optional(v.array(nonEmpty), []),
	description: Localized,
	docsUrl: urlTemplate,
	apiBaseUrl: v.optional(urlTemplate),
	/** Tenant-specific values shared by every auth type (instance, subdomain, shop, region…). */
	properties: v.optional(v.array(PropertySchema), []),
	authTypes: v.array(AuthConfigSchema),
	checkRequest: v.optional(CheckRequestSchema),
	/** Values learned during or after sign-in (see LearnedValueSchema), in the order they are learned. */
	learned: v.optional(v.array(LearnedValueSchema), []),
	/**
	 * Set when no browser can use the connector, bridge or not (LDAP, raw TCP, incoming webhooks):
	 * why, and connector ids that do work, suggested instead. Whether the others are reached
	 * directly or through the bridge follows from the facts about their hosts (catalog/cors.ts).
	 */
	unsupported: v.optional(
		v.strictObject({
			reason: Localized,
			alternatives: v.optional(v.array(v.string()), [])
		})
	),
	/** Facts that could not be confirmed from the vendor's documentation and were left out. */
	unconfirmed: v.optional(v.array(nonEmpty), []),
	/** Vendor documentation pages the facts were taken from. */
	sources: v.optional(v.array(urlTemplate), []),
	/** A connector pointing at the local sandbox provider. */
	sandbox: v.optional(v.boolean(), false)
});
export type Connector = v.InferOutput<typeof ConnectorSchema>;
