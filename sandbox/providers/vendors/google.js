/**
 * Google: OAuth 2.0 for web server applications (Google Identity), its OpenID Connect provider,
 * and the Google APIs the catalog's Google connectors call.
 *
 * Sources:
 * - https://developers.google.com/identity/protocols/oauth2/web-server
 *   (authorize parameters; a refresh token only with `access_type=offline`, and only on the first
 *   consent unless `prompt=consent` asks again; the code exchange and the refresh need the
 *   `client_secret` of a web-application client; token response fields `access_token`,
 *   `expires_in`, `scope`, `token_type` Bearer, `refresh_token`, `refresh_token_expires_in` only
 *   for time-based access; a refresh answer has no new refresh token; revocation is a POST to
 *   oauth2.googleapis.com/revoke with `token` in a form body: 200 on success, 400 otherwise)
 * - https://developers.google.com/identity/openid-connect/reference and
 *   https://developers.google.com/identity/openid-connect/openid-connect
 *   (discovery document at accounts.google.com/.well-known/openid-configuration with its
 *   endpoints, `jwks_uri` on www.googleapis.com/oauth2/v3/certs and RFC 9207 support; id_token
 *   `iss` https://accounts.google.com, `azp`, `aud`, `at_hash`, `email`, `email_verified`, `hd`;
 *   the userinfo endpoint on openidconnect.googleapis.com)
 * - https://developers.google.com/identity/protocols/oauth2/scopes (`email` is the short form of
 *   .../auth/userinfo.email, which the token response names)
 * - https://github.com/openid/AppAuth-JS/issues/91, https://github.com/authts/oidc-client-ts/issues/571
 *   and https://github.com/manfredsteyer/angular-oauth2-oidc/issues/812 (browser apps redeem codes
 *   at oauth2.googleapis.com/token and read its JSON answers, e.g. 400 `invalid_request`
 *   "client_secret is missing." for a web client that sent PKCE but no secret: the token endpoint
 *   answers cross-origin requests)
 * - https://github.com/google/google-api-javascript-client/issues/821 (oauth2.googleapis.com/revoke
 *   echoes the request's origin in Access-Control-Allow-Origin, with no Allow-Credentials)
 * - https://github.com/google/google-api-javascript-client/blob/master/docs/cors.md (Google APIs
 *   support CORS with an OAuth access token)
 * - https://cloud.google.com/apis/design/errors (API error envelope `{error:{code,message,status}}`)
 * - https://cloud.google.com/docs/authentication/api-keys (API keys in the `key` query parameter
 *   for APIs that accept them; they identify a project, not a user)
 * - API references: Gmail users.getProfile / users.labels.list, Drive about.get / files.list,
 *   Sheets spreadsheets.get, Docs documents.get, Tasks tasklists.list, Admin SDK Directory
 *   users.list (needs `customer` or `domain`), Resource Manager projects.search, Forms forms.get,
 *   Vision images.annotate, Text-to-Speech voices.list, Speech-to-Text speech.recognize and
 *   operations.list.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
	clientOf,
	cors,
	Grants,
	IdTokens,
	pkceMatches,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

const ISSUER = 'https://accounts.google.com';
const SCOPE_BASE = 'https://www.googleapis.com/auth/';

/**
 * OAuth clients of the test project. `web`: a "Web application" client (has a secret, which the
 * token endpoint requires even with PKCE).
 * @type {Record<string, { type: 'web', secret: string }>}
 */
const CLIENTS = {
	'replica-web-client.apps.googleusercontent.com': { type: 'web', secret: 'replica-web-secret' }
};
/** API keys of the test project (Cloud APIs that accept keys). */
const API_KEYS = new Set(['replica-api-key']);

/** The test account: a Google Workspace user (so the id_token carries `hd`). */
const USER = {
	sub: '108312346978012345678',
	name: 'Jordan Blake',
	given_name: 'Jordan',
	family_name: 'Blake',
	picture: 'https://lh3.googleusercontent.com/a/replica-photo'
};
const DEFAULT_EMAIL = 'jordan@northwind.example';

const grants = new Grants({ accessTtl: 3599, prefix: 'ya29.' });
const idTokens = new IdTokens('RS256');
/** Client and user pairs that already consented to offline access: no refresh token again. */
const offlineConsents = new Set();

/** Scopes the token response names: `email` and `profile` in their long form. */
function grantedScope(/** @type {string[]} */ scopes) {
	return scopes
		.map((s) =>
			s === 'email'
				? `${SCOPE_BASE}userinfo.email`
				: s === 'profile'
					? `${SCOPE_BASE}userinfo.profile`
					: s
		)
		.join(' ');
}

function knownScope(/** @type {string} */ scope) {
	return (
		['openid', 'email', 'profile'].includes(scope) ||
		/^https:\/\/www\.googleapis\.com\/auth\/[\w.-]+$/.test(scope) ||
		scope === 'https://mail.google.com/'
	);
}

/** Google's error page on accounts.google.com (authorization errors that cannot go back to the app). */
function errorPage(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {string} */ code,
	/** @type {string} */ text
) {
	return x.html(
		400,
		`<!doctype html><title>Error 400: ${code}</title><h1>Access blocked: authorization error</h1><p>Error 400: ${code}</p><p>${text}</p>`
	);
}

/** An OAuth error of the token or revocation endpoint. */
function oauthError(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {number} */ status,
	/** @type {string} */ error,
	/** @type {string} */ description
) {
	return x.json(status, { error, error_description: description }, { Pragma: 'no-cache' });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	if (!CLIENTS[clientId])
		return x.html(
			401,
			'<!doctype html><title>Error 401: invalid_client</title><p>Error 401: invalid_client</p><p>The OAuth client was not found.</p>'
		);
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return errorPage(
			x,
			'redirect_uri_mismatch',
			'The redirect URI in the request does not match the ones authorized for the OAuth client.'
		);
	if (q.get('response_type') !== 'code')
		return errorPage(
			x,
			'unsupported_response_type',
			`Unsupported response type: ${(q.get('response_type') ?? '').replace(/[^\w ]/g, '')}`
		);
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length) return errorPage(x, 'invalid_request', 'Missing required parameter: scope');
	const invalid = scopes.filter((s) => !knownScope(s));
	if (invalid.length)
		return errorPage(
			x,
			'invalid_scope',
			`Some requested scopes were invalid. {invalid=[${invalid.join(', ').replace(/[<>&"]/g, '')}]}`
		);
	const method = q.get('code_challenge_method');
	if (q.get('code_challenge') && method && !['S256', 'plain'].includes(method))
		return errorPage(x, 'invalid_request', 'Invalid code_challenge_method.');
	const accessType = q.get('access_type') ?? 'online';
	if (!['online', 'offline'].includes(accessType))
		return errorPage(
			x,
			'invalid_request',
			`Invalid access_type: ${accessType.replace(/[^\w]/g, '')}`
		);
	const prompts = scopesOf(q.get('prompt'));
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Sign in with Google (replica)',
		scopes,
		defaultEmail: DEFAULT_EMAIL,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => {
			// A refresh token needs offline access, and comes with the first consent only, or
			// when `prompt=consent` makes the user consent again.
			const key = `${clientId}|${email}`;
			const offline =
				accessType === 'offline' && (prompts.includes('consent') || !offlineConsents.has(key));
			if (accessType === 'offline') offlineConsents.add(key);
			return {
				iss: ISSUER,
				code: grants.code({
					clientId,
					user: email,
					scope: scopes.join(' '),
					redirectUri,
					codeChallenge: q.get('code_challenge') ?? undefined,
					codeChallengeMethod: method ?? 'plain',
					nonce: q.get('nonce') ?? undefined,
					offline
				}),
				scope: grantedScope(scopes)
			};
		}
	});
}

/** RFC 8414 / OIDC `at_hash`: left half of the SHA-256 of the access token. */
function atHash(/** @type {string} */ accessToken) {
	return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/**
 * @param {import('../kit.js').Grant} grant
 * @param {{ refresh: boolean, grantId?: string, code: boolean }} options
 */
async function tokenResponse(grant, options) {
	const scopes = scopesOf(grant.scope);
	const issued = grants.issue(grant, {
		refresh: options.refresh,
		grantId: options.grantId,
		refreshPrefix: '1//'
	});
	/** @type {Record<string, unknown>} */
	const body = {
		access_token: issued.accessToken,
		expires_in: issued.expiresIn,
		...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
		scope: grantedScope(scopes),
		token_type: 'Bearer'
	};
	// The id_token comes with the code exchange when `openid` was granted (the documented
	// refresh answer has none).
	if (options.code && scopes.includes('openid')) {
		const domain = grant.user.split('@')[1] ?? '';
		body.id_token = await idTokens.sign({
			iss: ISSUER,
			azp: grant.clientId,
			aud: grant.clientId,
			sub: USER.sub,
			...(scopes.includes('email') ? { email: grant.user, email_verified: true } : {}),
			...(domain !== 'gmail.com' ? { hd: domain } : {}),
			at_hash: atHash(issued.accessToken),
			...(grant.nonce ? { nonce: grant.nonce } : {}),
			...(scopes.includes('profile')
				? {
						name: USER.name,
						picture: USER.picture,
						given_name: USER.given_name,
						family_name: USER.family_name
					}
				: {})
		});
	}
	return { body, grantId: issued.grantId };
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	// The token endpoint answers cross-origin requests (browser OAuth libraries read its errors).
	if (
		cors(x, 'reflect', {
			methods: 'POST, OPTIONS',
			expose: 'date, vary, content-encoding, server, content-length'
		})
	)
		return true;
	if (x.method !== 'POST') return oauthError(x, 405, 'invalid_request', 'Method not allowed.');
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const registered = client.id ? CLIENTS[client.id] : undefined;
	if (!client.id)
		return oauthError(x, 400, 'invalid_request', 'Could not determine client ID from request.');
	if (!registered) return oauthError(x, 401, 'invalid_client', 'The OAuth client was not found.');
	// A web-application client authenticates with its secret, PKCE or not.
	if (!client.secret) return oauthError(x, 400, 'invalid_request', 'client_secret is missing.');
	if (client.secret !== registered.secret)
		return oauthError(x, 401, 'invalid_client', 'Unauthorized');

	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'Malformed auth code.');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 400, 'redirect_uri_mismatch', 'Bad Request');
		const verifier = params.get('code_verifier') ?? undefined;
		if (grant.codeChallenge && !verifier)
			return oauthError(x, 400, 'invalid_grant', 'Missing code verifier.');
		if (!pkceMatches(grant.codeChallenge, grant.codeChallengeMethod, verifier))
			return oauthError(x, 400, 'invalid_grant', 'Invalid code verifier.');
		const { body } = await tokenResponse(grant, { refresh: Boolean(grant.offline), code: true });
		return x.json(200, body, { Pragma: 'no-cache' });
	}
	if (grantType === 'refresh_token') {
		// Refresh tokens are not rotated: the same one keeps working, and none comes back.
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'Token has been expired or revoked.');
		x.log('refresh', { clientId: client.id });
		const { body } = await tokenResponse(used.grant, {
			refresh: false,
			grantId: used.grantId,
			code: false
		});
		return x.json(200, body, { Pragma: 'no-cache' });
	}
	return oauthError(
		x,
		400,
		'unsupported_grant_type',
		`Invalid grant_type: ${(grantType ?? '').replace(/[^\w:.-]/g, '')}`
	);
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	if (
		cors(x, 'reflect', {
			methods: 'POST, OPTIONS',
			expose: 'date, vary, content-encoding, server, content-length'
		})
	)
		return true;
	if (x.method !== 'POST') return false;
	// The token travels in the form body (the query string is accepted too).
	const params = await x.params();
	const tokenValue = params.get('token') ?? x.url.searchParams.get('token');
	const revoked = grants.revoke(tokenValue);
	x.log('revoke-request', { revoked, hint: params.get('token_type_hint') });
	if (!revoked) return oauthError(x, 400, 'invalid_token', 'Token expired or revoked');
	x.log('revoke', {});
	return x.json(200, {});
}

async function discovery() {
	return {
		issuer: ISSUER,
		authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
		device_authorization_endpoint: 'https://oauth2.googleapis.com/device/code',
		token_endpoint: 'https://oauth2.googleapis.com/token',
		userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
		revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
		jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
		response_types_supported: [
			'code',
			'token',
			'id_token',
			'code token',
			'code id_token',
			'token id_token',
			'code token id_token',
			'none'
		],
		response_modes_supported: ['query', 'fragment', 'form_post'],
		authorization_response_iss_parameter_supported: true,
		subject_types_supported: ['public'],
		id_token_signing_alg_values_supported: ['RS256'],
		scopes_supported: ['openid', 'email', 'profile'],
		token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
		claims_supported: [
			'aud',
			'email',
			'email_verified',
			'exp',
			'family_name',
			'given_name',
			'iat',
			'iss',
			'name',
			'picture',
			'sub'
		],
		code_challenge_methods_supported: ['plain', 'S256'],
		grant_types_supported: [
			'authorization_code',
			'refresh_token',
			'urn:ietf:params:oauth:grant-type:device_code',
			'urn:ietf:params:oauth:grant-type:jwt-bearer'
		]
	};
}

/** Google's API error envelope. */
function apiError(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {number} */ code,
	/** @type {string} */ status,
	/** @type {string} */ message,
	/** @type {Record<string, string>} */ headers = {}
) {
	return x.json(code, { error: { code, message, status } }, headers);
}

const UNAUTHENTICATED = {
	status: 'UNAUTHENTICATED',
	message:
		'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'
};

/**
 * One API resource: the scopes that may call it (any one suffices), whether an API key may, and
 * the answer.
 * @typedef {{
 *   scopes: string[],
 *   apiKey?: boolean,
 *   method?: 'GET' | 'POST',
 *   body: (ctx: { user: string, url: URL }) => unknown | { status: number, error: string }
 * }} Resource
 */

const drive = ['drive', 'drive.readonly', 'drive.file'].map((s) => SCOPE_BASE + s);
const cloud = ['cloud-platform'].map((s) => SCOPE_BASE + s);

/** @type {Record<string, Record<string, Resource>>} host → path → resource */
const APIS = {
	'gmail.googleapis.com': {
		'/gmail/v1/users/me/profile': {
			scopes: ['gmail.modify', 'gmail.readonly', 'gmail.compose', 'gmail.metadata']
				.map((s) => SCOPE_BASE + s)
				.concat('https://mail.google.com/'),
			body: ({ user }) => ({
				emailAddress: user,
				messagesTotal: 1284,
				threadsTotal: 977,
				historyId: '4271930'
			})
		},
		'/gmail/v1/users/me/labels': {
			scopes: ['gmail.modify', 'gmail.readonly', 'gmail.labels', 'gmail.metadata']
				.map((s) => SCOPE_BASE + s)
				.concat('https://mail.google.com/'),
			body: () => ({
				labels: [
					{ id: 'INBOX', name: 'INBOX', type: 'system' },
					{ id: 'Label_7', name: 'Invoices', type: 'user' }
				]
			})
		}
	},
	'www.googleapis.com': {
		'/drive/v3/about': {
			scopes: [...drive, SCOPE_BASE + 'drive.metadata.readonly', SCOPE_BASE + 'drive.appdata'],
			body: ({ user, url }) => {
				if (!url.searchParams.get('fields'))
					return { status: 400, error: "The 'fields' parameter is required for this method." };
				return {
					user: {
						kind: 'drive#user',
						displayName: USER.name,
						photoLink: USER.picture,
						me: true,
						permissionId: '0912873465',
						emailAddress: user
					}
				};
			}
		},
		'/drive/v3/files': {
			scopes: [...drive, SCOPE_BASE + 'drive.metadata.readonly'],
			body: () => ({
				kind: 'drive#fileList',
				incompleteSearch: false,
				files: [
					{
						kind: 'drive#file',
						id: '1rEpLiCa',
						name: 'Quarterly plan',
						mimeType: 'application/vnd.google-apps.document'
					}
				]
			})
		}
	},
	'sheets.googleapis.com': {
		'/v4/spreadsheets/replica-sheet': {
			scopes: [...drive, SCOPE_BASE + 'spreadsheets', SCOPE_BASE + 'spreadsheets.readonly'],
			body: () => ({
				spreadsheetId: 'replica-sheet',
				properties: { title: 'Budget 2025', locale: 'en_US' },
				sheets: [{ properties: { sheetId: 0, title: 'Sheet1', index: 0 } }]
			})
		}
	},
	'docs.googleapis.com': {
		'/v1/documents/replica-doc': {
			scopes: [...drive, SCOPE_BASE + 'documents', SCOPE_BASE + 'documents.readonly'],
			body: () => ({ documentId: 'replica-doc', title: 'Meeting notes', revisionId: 'ALm37BV' })
		}
	},
	'tasks.googleapis.com': {
		'/tasks/v1/users/@me/lists': {
			scopes: [SCOPE_BASE + 'tasks', SCOPE_BASE + 'tasks.readonly'],
			body: () => ({
				kind: 'tasks#taskLists',
				items: [{ kind: 'tasks#taskList', id: 'MDE2NzM', title: 'My Tasks' }]
			})
		}
	},
	'admin.googleapis.com': {
		'/admin/directory/v1/users': {
			scopes: [
				...cloud,
				SCOPE_BASE + 'admin.directory.user',
				SCOPE_BASE + 'admin.directory.user.readonly'
			],
			body: ({ user, url }) => {
				if (!url.searchParams.get('customer') && !url.searchParams.get('domain'))
					return { status: 400, error: 'Bad Request' };
				return {
					kind: 'admin#directory#users',
					users: [
						{
							kind: 'admin#directory#user',
							id: USER.sub,
							primaryEmail: user,
							name: { fullName: USER.name }
						}
					]
				};
			}
		}
	},
	'cloudresourcemanager.googleapis.com': {
		'/v3/projects:search': {
			scopes: [...cloud, SCOPE_BASE + 'cloud-platform.read-only'],
			body: () => ({
				projects: [
					{
						name: 'projects/482910375562',
						projectId: 'replica-project',
						displayName: 'Replica Project',
						state: 'ACTIVE'
					}
				]
			})
		}
	},
	'forms.googleapis.com': {
		'/v1/forms/replica-form': {
			scopes: [...drive, SCOPE_BASE + 'forms.body', SCOPE_BASE + 'forms.body.readonly'],
			body: () => ({
				formId: 'replica-form',
				info: { title: 'Customer survey', documentTitle: 'Customer survey' },
				items: []
			})
		}
	},
	'vision.googleapis.com': {
		'/v1/images:annotate': {
			scopes: [...cloud, SCOPE_BASE + 'cloud-vision'],
			apiKey: true,
			method: 'POST',
			body: () => ({
				responses: [{ labelAnnotations: [{ mid: '/m/01yrx', description: 'Cat', score: 0.98 }] }]
			})
		}
	},
	'texttospeech.googleapis.com': {
		'/v1/voices': {
			scopes: cloud,
			apiKey: true,
			body: () => ({
				voices: [
					{
						languageCodes: ['en-US'],
						name: 'en-US-Standard-A',
						ssmlGender: 'MALE',
						naturalSampleRateHertz: 24000
					}
				]
			})
		}
	},
	'speech.googleapis.com': {
		'/v1/operations': {
			scopes: cloud,
			apiKey: true,
			// An empty list is an empty object.
			body: () => ({})
		},
		'/v1/speech:recognize': {
			scopes: cloud,
			apiKey: true,
			method: 'POST',
			body: () => ({
				results: [{ alternatives: [{ transcript: 'hello replica', confidence: 0.93 }] }],
				totalBilledTime: '1s'
			})
		}
	}
};

/** A Google API (REST, JSON): CORS for any origin, OAuth bearer tokens or, where allowed, API keys. */
function api(/** @type {import('../kit.js').Exchange} */ x) {
	if (
		cors(x, 'reflect', {
			methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
			expose: 'date, vary, content-encoding, server, content-length'
		})
	)
		return true;
	const resource = APIS[x.host]?.[x.path];
	const key = x.url.searchParams.get('key');
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant), key: Boolean(key) });
	if (!resource) return apiError(x, 404, 'NOT_FOUND', `Requested entity was not found.`);
	if ((resource.method ?? 'GET') !== x.method)
		return apiError(x, 405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
	let user = '';
	if (grant) {
		const granted = scopesOf(grant.scope);
		if (!resource.scopes.some((s) => granted.includes(s)))
			return apiError(
				x,
				403,
				'PERMISSION_DENIED',
				'Request had insufficient authentication scopes.',
				{
					'WWW-Authenticate':
						'Bearer realm="https://accounts.google.com/", error="insufficient_scope"'
				}
			);
		user = grant.user;
	} else if (key && !x.bearer()) {
		if (!resource.apiKey)
			return apiError(
				x,
				401,
				UNAUTHENTICATED.status,
				'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.'
			);
		if (!API_KEYS.has(key))
			return apiError(
				x,
				400,
				'INVALID_ARGUMENT',
				'API key not valid. Please pass a valid API key.'
			);
	} else
		return apiError(x, 401, UNAUTHENTICATED.status, UNAUTHENTICATED.message, {
			'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"'
		});
	const answer = resource.body({ user, url: x.url });
	if (answer && typeof answer === 'object' && 'status' in answer && 'error' in answer)
		return apiError(x, Number(answer.status), 'INVALID_ARGUMENT', String(answer.error));
	return x.json(200, answer, { 'X-Goog-Request-Id': randomUUID() });
}

/** OpenID userinfo: claims by the scopes the token carries. */
function userinfo(/** @type {import('../kit.js').Exchange} */ x) {
	if (cors(x, 'reflect', { methods: 'GET, POST, OPTIONS' })) return true;
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant)
		return apiError(x, 401, UNAUTHENTICATED.status, UNAUTHENTICATED.message, {
			'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
		});
	const scopes = scopesOf(grant.scope);
	const domain = grant.user.split('@')[1] ?? '';
	return x.json(200, {
		sub: USER.sub,
		...(scopes.includes('profile')
			? {
					name: USER.name,
					given_name: USER.given_name,
					family_name: USER.family_name,
					picture: USER.picture
				}
			: {}),
		...(scopes.includes('email') ? { email: grant.user, email_verified: true } : {}),
		...(domain !== 'gmail.com' ? { hd: domain } : {})
	});
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'google',
	name: 'Google',
	hosts: [
		'accounts.google.com',
		'oauth2.googleapis.com',
		'openidconnect.googleapis.com',
		'www.googleapis.com',
		...Object.keys(APIS).filter((h) => h !== 'www.googleapis.com')
	],
	sources: [
		'https://developers.google.com/identity/protocols/oauth2/web-server',
		'https://developers.google.com/identity/openid-connect/reference',
		'https://developers.google.com/identity/openid-connect/openid-connect',
		'https://developers.google.com/identity/protocols/oauth2/scopes',
		'https://github.com/openid/AppAuth-JS/issues/91',
		'https://github.com/google/google-api-javascript-client/issues/821',
		'https://github.com/google/google-api-javascript-client/blob/master/docs/cors.md',
		'https://cloud.google.com/apis/design/errors',
		'https://cloud.google.com/docs/authentication/api-keys'
	],
	async handle(x) {
		if (x.host === 'accounts.google.com') {
			if (x.is('GET', '/o/oauth2/v2/auth')) return authorize(x);
			if (x.path === '/.well-known/openid-configuration') {
				if (cors(x, 'any', { methods: 'GET, OPTIONS' })) return true;
				if (x.method === 'GET')
					return x.json(200, await discovery(), { 'Cache-Control': 'public, max-age=3600' });
			}
			return false;
		}
		if (x.host === 'oauth2.googleapis.com') {
			if (x.path === '/token') return token(x);
			if (x.path === '/revoke') return revoke(x);
			return false;
		}
		if (x.host === 'openidconnect.googleapis.com') {
			if (x.path === '/v1/userinfo') return userinfo(x);
			return false;
		}
		if (x.host === 'www.googleapis.com' && x.path === '/oauth2/v3/certs') {
			if (cors(x, 'reflect', { methods: 'GET, OPTIONS' })) return true;
			return x.json(200, await idTokens.jwks(), { 'Cache-Control': 'public, max-age=21600' });
		}
		return api(x);
	}
};
