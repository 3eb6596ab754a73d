/**
 * Salesforce: the org's OAuth endpoints (login.salesforce.com, test.salesforce.com and My Domain
 * hosts), the org's REST API and UserInfo, and Marketing Cloud Engagement's tenant-specific auth
 * and REST hosts.
 *
 * Sources (Salesforce Platform):
 * - https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow_ca.htm&type=5
 *   (web server flow with PKCE; token response: access_token, refresh_token, instance_url, id,
 *   issued_at, signature, scope, token_type, and no expires_in; errors as JSON `error` /
 *   `error_description`)
 * - https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_refresh_token_flow.htm&language=en_US
 *   (refresh tokens renew sessions; rotation is an opt-in setting of the app, so by default the
 *   refresh answer carries no new refresh token)
 * - https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_scopes.htm&language=en_US
 *   (`refresh_token` / `offline_access` is the scope that yields a refresh token; `api` for the
 *   REST API; `id` (or profile/email/…) for the identity services, `openid` for an id_token)
 * - https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_endpoints_cors.htm&language=en_US
 *   (CORS for /services/oauth2/token, /revoke, /authorize only on My Domain or Experience Cloud
 *   site hosts and only with "Enable CORS for OAuth endpoints"; /services/oauth2/userinfo with
 *   the origin on the CORS allowlist; discovery and keys always)
 * - https://help.salesforce.com/htviewhelpdoc?err=1&id=extend_code_cors.htm&siteLang=en_US
 *   (CORS allowlist for the REST API on the My Domain host; an origin not on it gets 403)
 * - https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html
 *   (revoke: form POST with `token`, 200 on success, 400 `unsupported_token_type` /
 *   `invalid_token`; a refresh token takes its access tokens with it)
 * - https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_using_userinfo_endpoint.htm
 *   (UserInfo: `sub` is the identity URL, `preferred_username`, `email`, `organization_id`…)
 * - https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_username_password_flow.htm&language=en_US
 *   (username-password flow: no scopes, no refresh token, not for Experience Cloud sites)
 * - https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm&type=5
 *   (client credentials: My Domain only, a run-as user, no refresh token)
 *
 * The test org is what an administrator sets up for a browser app: "Enable CORS for OAuth
 * endpoints" is on and the app's origin is on the CORS allowlist. login.salesforce.com and
 * test.salesforce.com are not org hosts: they answer no cross-origin request (except discovery).
 *
 * Sources (Marketing Cloud Engagement):
 * - https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/integration-app-auth-code.html
 *   (web and public apps: /v2/authorize, code back to the redirect URI with `tenant_subdomain`)
 * - https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/access-token-app.html and
 *   https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/access-token-s2s
 *   (v2/token takes a JSON body; the answer carries `rest_instance_url`, `soap_instance_url`,
 *   `expires_in` of about 20 minutes; refresh tokens are single use)
 * - https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/getUserInfo.html
 *   (v2/userinfo on the auth host)
 * - No CORS is documented for the Marketing Cloud auth or REST hosts: the replica sends none.
 */
import { createHmac } from 'node:crypto';
import {
	APP_ORIGINS,
	backToApp,
	clientOf,
	cors,
	Grants,
	IdTokens,
	pkceMatches,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/** The test org: its My Domain (production) and a sandbox's, and the user who signs in. */
const MY_DOMAIN = 'acme.my.salesforce.com';
const SANDBOX_DOMAIN = 'acme--dev.sandbox.my.salesforce.com';
const ORG_ID = '00D5g000004XyZaEAK';
const USER = { id: '0055g00000AbCdEAAV', name: 'Ada Lovelace', given: 'Ada', family: 'Lovelace' };

/**
 * Connected apps (external client apps) of the test org. `public`: "Require Secret for Web
 * Server Flow" and "… for Refresh Token Flow" off (a browser app). `confidential`: both on.
 * `scopes` are the app's selected OAuth scopes; a request may ask for a subset.
 * `clientCredentials`: the flow is enabled with a run-as user.
 * @type {Record<string, { secret: string, requireSecret: boolean, scopes: string[], clientCredentials?: boolean, rotate?: boolean }>}
 */
const APPS = {
	'3MVG9replica.public.client': {
		secret: 'replica-public-consumer-secret',
		requireSecret: false,
		scopes: ['api', 'id', 'refresh_token', 'openid', 'chatbot_api', 'sfap_api']
	},
	'3MVG9replica.confidential.client': {
		secret: 'replica-secret',
		requireSecret: true,
		scopes: ['api', 'id', 'refresh_token', 'openid', 'chatbot_api', 'sfap_api'],
		clientCredentials: true
	}
};
/** The username-password flow's user (password with the security token appended). */
const PASSWORD_USER = { username: 'ada@acme.example', password: 'replica-passwordTOKEN123' };

const grants = new Grants({ prefix: `${ORG_ID}!AR8AQ`, accessTtl: 7200 });
const idTokens = new IdTokens('RS256');

/** A My Domain host (production or sandbox) of the test org: the only hosts with org CORS. */
const isOrgHost = (/** @type {string} */ host) => host === MY_DOMAIN || host === SANDBOX_DOMAIN;
const allowlisted = (/** @type {string | undefined} */ origin) =>
	origin !== undefined && APP_ORIGINS.includes(origin);

/** CORS as the org sends it: allowlisted origins on org hosts; nothing elsewhere. */
function orgCors(/** @type {import('../kit.js').Exchange} */ x, methods = 'GET, POST, OPTIONS') {
	const mode = isOrgHost(x.host) && allowlisted(x.header('origin')) ? 'reflect' : 'none';
	return cors(x, mode, { methods, headers: 'Authorization, Content-Type, Accept' });
}

/** @param {import('../kit.js').Exchange} x @param {string} error @param {string} description */
const oauthError = (x, error, description, status = 400) =>
	x.json(status, { error, error_description: description });

/** The identity URL: on the login host the user signed in at (login/test or the org's). */
const identityUrl = (/** @type {string} */ host) =>
	`https://${host === 'test.salesforce.com' || host === SANDBOX_DOMAIN ? 'test' : 'login'}.salesforce.com/id/${ORG_ID}/${USER.id}`;

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	// Unknown app or redirect URI: Salesforce shows an error page and does not redirect.
	if (!app)
		return x.html(
			400,
			'<!doctype html><title>Error</title><p>error=invalid_client_id&amp;error_description=client identifier invalid</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Error</title><p>error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response type not supported'
		});
	// No scope parameter: the app's selected scopes. Scopes outside them are refused.
	const requested = q.get('scope') ? scopesOf(q.get('scope')) : app.scopes;
	const unknown = requested.filter((s) => !app.scopes.includes(s) && s !== 'offline_access');
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: 'the requested scope is not allowed'
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Log in to Salesforce (replica)',
		scopes: requested,
		defaultEmail: PASSWORD_USER.username,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: requested.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'S256',
				nonce: q.get('nonce') ?? undefined,
				extra: { host: x.host }
			})
		})
	});
}

/**
 * The token answer: no `expires_in` (the session timeout of the org decides), the org's
 * instance URL, the identity URL, and a signature over id + issued_at keyed with the secret.
 * @param {import('../kit.js').Exchange} x
 * @param {import('../kit.js').Grant} grant
 * @param {{ grantId?: string, refresh: boolean }} options
 */
async function tokenAnswer(x, grant, options) {
	const app = APPS[grant.clientId];
	const scopes = scopesOf(grant.scope);
	const issued = grants.issue(grant, { refresh: options.refresh, grantId: options.grantId });
	const id = identityUrl(grant.extra?.host ?? x.host);
	const issuedAt = String(Date.now());
	/** @type {Record<string, unknown>} */
	const body = {
		access_token: issued.accessToken,
		signature: createHmac('sha256', app?.secret ?? '')
			.update(id + issuedAt)
			.digest('base64'),
		scope: scopes.join(' '),
		instance_url: `https://${MY_DOMAIN}`,
		id,
		token_type: 'Bearer',
		issued_at: issuedAt
	};
	if (issued.refreshToken) body.refresh_token = issued.refreshToken;
	if (scopes.includes('openid') && options.grantId === undefined)
		body.id_token = await idTokens.sign({
			// The issuer is the host the discovery document was read from.
			iss: `https://${grant.extra?.host ?? x.host}`,
			aud: grant.clientId,
			sub: id,
			...(grant.nonce ? { nonce: grant.nonce } : {}),
			preferred_username: grant.user,
			name: USER.name
		});
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const origin = x.header('origin');
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: origin ?? null });
	if (!app) return oauthError(x, 'invalid_client_id', 'client identifier invalid');
	if (client.secret !== undefined && client.secret !== app.secret)
		return oauthError(x, 'invalid_client', 'invalid client credentials');

	if (grantType === 'authorization_code') {
		if (app.requireSecret && !client.secret)
			return oauthError(x, 'invalid_client', 'client secret required');
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'expired authorization code');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 'invalid_grant', 'invalid code verifier');
		const scopes = scopesOf(grant.scope);
		const offline = scopes.includes('refresh_token') || scopes.includes('offline_access');
		return x.json(200, await tokenAnswer(x, grant, { refresh: offline }));
	}
	if (grantType === 'refresh_token') {
		if (app.requireSecret && !client.secret)
			return oauthError(x, 'invalid_client', 'client secret required');
		// Not rotated unless the app turns rotation on: the refresh token stays as it is.
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: Boolean(app.rotate) });
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'expired access/refresh token');
		x.log('refresh', { clientId: client.id });
		return x.json(
			200,
			await tokenAnswer(x, used.grant, { grantId: used.grantId, refresh: Boolean(app.rotate) })
		);
	}
	if (grantType === 'password') {
		if (!client.secret && app.requireSecret)
			return oauthError(x, 'invalid_client', 'client secret required');
		if (
			params.get('username') !== PASSWORD_USER.username ||
			params.get('password') !== PASSWORD_USER.password
		)
			return oauthError(x, 'invalid_grant', 'authentication failure');
		// No scopes and no refresh token in this flow: the token is a session.
		const grant = {
			clientId: client.id ?? '',
			user: PASSWORD_USER.username,
			scope: 'api id',
			extra: { host: x.host }
		};
		const body = await tokenAnswer(x, grant, { refresh: false });
		delete body.scope;
		return x.json(200, body);
	}
	if (grantType === 'client_credentials') {
		if (!isOrgHost(x.host))
			return oauthError(x, 'invalid_grant', 'request not supported on this domain');
		if (!app.clientCredentials || client.secret !== app.secret)
			return oauthError(x, 'invalid_client', 'invalid client credentials');
		const grant = {
			clientId: client.id ?? '',
			user: 'integration@acme.example',
			scope: app.scopes.filter((s) => s !== 'refresh_token' && s !== 'openid').join(' '),
			extra: { host: x.host }
		};
		return x.json(200, await tokenAnswer(x, grant, { refresh: false }));
	}
	return oauthError(x, 'unsupported_grant_type', 'grant type not supported');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = await x.params();
	const revoked = grants.revoke(params.get('token'));
	if (!revoked) return oauthError(x, 'invalid_token', 'invalid token');
	x.log('revoke', { hint: params.get('token_type_hint') });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function userinfo(x) {
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant) return x.json(403, 'Bad_OAuth_Token');
	// The identity services need `id` (or one of its synonyms), `openid` or `full`.
	const scopes = scopesOf(grant.scope);
	if (!['id', 'profile', 'email', 'openid', 'full'].some((s) => scopes.includes(s)))
		return x.json(403, 'Insufficient_Scope');
	const id = identityUrl(grant.extra?.host ?? x.host);
	return x.json(200, {
		sub: id,
		user_id: USER.id,
		organization_id: ORG_ID,
		preferred_username: grant.user,
		nickname: 'ada',
		name: USER.name,
		email: grant.user,
		email_verified: true,
		given_name: USER.given,
		family_name: USER.family,
		zoneinfo: 'Europe/London',
		active: true,
		user_type: 'STANDARD',
		urls: {
			rest: `https://${MY_DOMAIN}/services/data/v{version}/`,
			profile: `https://${MY_DOMAIN}/${USER.id}`
		}
	});
}

/** A few REST API resources of the org (API version in the path). */
function rest(/** @type {import('../kit.js').Exchange} */ x) {
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant)
		return x.json(401, [
			{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
		]);
	const scopes = scopesOf(grant.scope);
	if (!scopes.includes('api') && !scopes.includes('full'))
		return x.json(403, [
			{
				message: 'This session is not valid for use with the REST API',
				errorCode: 'INVALID_SESSION_ID'
			}
		]);
	const path = x.path.replace(/^\/services\/data\/v\d+\.\d+/, '');
	if (path === '/sobjects/Account' || path === '/query')
		return x.json(200, {
			totalSize: 1,
			done: true,
			records: [
				{
					attributes: { type: 'Account', url: `${x.path}/0015g00000XyZ1AAI` },
					Id: '0015g00000XyZ1AAI',
					Name: 'Burlington Textiles'
				}
			]
		});
	if (path === '/actions/custom/flow')
		return x.json(200, {
			actions: [
				{ label: 'Create Case', name: 'Create_Case', type: 'FLOW', url: `${x.path}/Create_Case` }
			]
		});
	if (path === '' || path === '/')
		return x.json(200, { sobjects: `${x.path}/sobjects`, query: `${x.path}/query` });
	return x.json(404, [
		{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
	]);
}

/** The OpenID discovery document of a Salesforce host (CORS always allowed). */
function discovery(/** @type {import('../kit.js').Exchange} */ x) {
	const base = `https://${x.host}`;
	return x.json(
		200,
		{
			issuer: base,
			authorization_endpoint: `${base}/services/oauth2/authorize`,
			token_endpoint: `${base}/services/oauth2/token`,
			revocation_endpoint: `${base}/services/oauth2/revoke`,
			userinfo_endpoint: `${base}/services/oauth2/userinfo`,
			jwks_uri: `${base}/id/keys`,
			scopes_supported: [
				'api',
				'id',
				'openid',
				'profile',
				'email',
				'refresh_token',
				'offline_access',
				'full',
				'chatbot_api',
				'sfap_api'
			],
			response_types_supported: ['code', 'token', 'token id_token'],
			subject_types_supported: ['public'],
			id_token_signing_alg_values_supported: ['RS256'],
			code_challenge_methods_supported: ['plain', 'S256']
		},
		{ 'Access-Control-Allow-Origin': '*' }
	);
}

/** @param {import('../kit.js').Exchange} x */
async function platform(x) {
	if (x.is('GET', '/.well-known/openid-configuration')) return discovery(x);
	if (x.is('GET', '/id/keys') || x.is('GET', '/services/oauth2/id/keys'))
		return x.json(200, await idTokens.jwks(), { 'Access-Control-Allow-Origin': '*' });
	if (x.path === '/services/oauth2/authorize' && x.method === 'GET') return authorize(x);
	if (x.path === '/services/oauth2/token') {
		// "Enable CORS for OAuth endpoints": My Domain hosts only, allowlisted origins only.
		if (orgCors(x, 'POST, OPTIONS')) return true;
		if (x.method === 'POST') return token(x);
	}
	if (x.path === '/services/oauth2/revoke') {
		if (orgCors(x, 'POST, GET, OPTIONS')) return true;
		if (x.method === 'POST') return revoke(x);
	}
	if (x.path === '/services/oauth2/userinfo') {
		if (orgCors(x)) return true;
		if (x.method === 'GET' || x.method === 'POST') return userinfo(x);
	}
	if (x.path.startsWith('/services/data/') && isOrgHost(x.host)) {
		if (orgCors(x, 'GET, POST, PATCH, DELETE, OPTIONS')) return true;
		return rest(x);
	}
	return false;
}

/* ------------------------------------------------------------------ Marketing Cloud Engagement */

const MC_SUBDOMAIN = 'mc563885gzs27c5t9-63k636ttgm';
/** @type {Record<string, { secret?: string, type: 'web' | 'public' | 'server' }>} */
const MC_APPS = {
	'mc-web-client': { secret: 'replica-secret', type: 'web' },
	'mc-public-client': { type: 'public' },
	'mc-server-client': { secret: 'replica-secret', type: 'server' }
};
const mcGrants = new Grants({
	prefix: 'eyJhbGciOiJIUzI1NiIsImtpZCI6IjQiLCJ2ZXIiOiIxIiwidHlwIjoiSldUIn0.',
	accessTtl: 1079
});

/** @param {import('../kit.js').Exchange} x */
function mcAuthorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = MC_APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!app || app.type === 'server' || !REDIRECT_URIS.includes(redirectUri))
		return x.json(400, {
			error: 'invalid_request',
			error_description: 'The client ID or redirect URI is invalid.'
		});
	const scopes = scopesOf(q.get('scope'));
	x.log('authorize', { clientId, scope: q.get('scope') });
	return signInPage(x, {
		title: 'Marketing Cloud (replica)',
		scopes,
		defaultEmail: 'ada@acme.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: mcGrants.code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'S256'
			}),
			// The tenant the user signed in to comes back with the code.
			tenant_subdomain: MC_SUBDOMAIN
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {boolean} refresh */
function mcTokenAnswer(grant, refresh) {
	const issued = mcGrants.issue(grant, { refresh });
	return {
		access_token: issued.accessToken,
		...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
		expires_in: issued.expiresIn,
		token_type: 'Bearer',
		scope: grant.scope,
		soap_instance_url: `https://${MC_SUBDOMAIN}.soap.marketingcloudapis.com/`,
		rest_instance_url: `https://${MC_SUBDOMAIN}.rest.marketingcloudapis.com/`
	};
}

/** @param {import('../kit.js').Exchange} x */
async function mcToken(x) {
	// No CORS headers at all: a browser page never sees this answer.
	const type = String(x.header('content-type') ?? '');
	x.log('token', { contentType: type, origin: x.header('origin') ?? null });
	if (!type.includes('application/json'))
		return x.json(400, {
			error: 'unsupported_grant_type',
			error_description:
				'Use "client_credentials" or "authorization_code" or "refresh_token" as the value for the grant_type parameter.',
			error_uri: 'https://developer.salesforce.com/docs'
		});
	const params = await x.params();
	const app = MC_APPS[params.get('client_id') ?? ''];
	if (!app || (app.secret && params.get('client_secret') !== app.secret))
		return x.json(401, {
			error: 'invalid_client',
			error_description: 'Client authentication failed.',
			error_uri: 'https://developer.salesforce.com/docs'
		});
	const grantType = params.get('grant_type');
	if (grantType === 'client_credentials' && app.type === 'server')
		return x.json(
			200,
			mcTokenAnswer(
				{ clientId: params.get('client_id') ?? '', user: 'app', scope: params.get('scope') ?? '' },
				false
			)
		);
	if (grantType === 'authorization_code') {
		const grant = mcGrants.takeCode(params.get('code'));
		if (!grant || grant.redirectUri !== params.get('redirect_uri'))
			return x.json(400, {
				error: 'invalid_grant',
				error_description: 'The authorization code is invalid.'
			});
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return x.json(400, {
				error: 'invalid_grant',
				error_description: 'The code verifier is invalid.'
			});
		return x.json(200, mcTokenAnswer(grant, true));
	}
	if (grantType === 'refresh_token') {
		// Single use: the refresh token is spent and a new one comes back.
		const used = mcGrants.useRefresh(params.get('refresh_token'), { rotate: true });
		if (!used)
			return x.json(400, {
				error: 'invalid_grant',
				error_description: 'The refresh token is invalid.'
			});
		x.log('refresh', {});
		return x.json(200, mcTokenAnswer(used.grant, true));
	}
	return x.json(400, {
		error: 'unsupported_grant_type',
		error_description: 'The grant type is not supported.'
	});
}

/** @param {import('../kit.js').Exchange} x */
function mcUserinfo(x) {
	const grant = mcGrants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant) return x.json(401, { message: 'Not Authorized', errorcode: 0, documentation: '' });
	return x.json(200, {
		exp: Math.floor(Date.now() / 1000) + 1079,
		iss: `https://${MC_SUBDOMAIN}.auth.marketingcloudapis.com/`,
		user: {
			sub: '717012345',
			name: USER.name,
			preferred_username: grant.user,
			email: grant.user,
			locale: 'en-US',
			zoneinfo: 'Europe/London',
			timezone: { long: 'GMT', short: 'GMT', offset: 0, dst: false }
		},
		organization: {
			member_id: 514012345,
			enterprise_id: 514012345,
			enterprise_name: 'Acme',
			account_type: 'enterprise',
			stack_key: 'S12',
			region: 'NA1',
			locale: 'en-US',
			zoneinfo: 'Europe/London',
			timezone: { long: 'GMT', short: 'GMT', offset: 0, dst: false }
		},
		rest: {
			rest_instance_url: `https://${MC_SUBDOMAIN}.rest.marketingcloudapis.com/`,
			soap_instance_url: `https://${MC_SUBDOMAIN}.soap.marketingcloudapis.com/`
		}
	});
}

/** @param {import('../kit.js').Exchange} x */
async function marketingCloud(x) {
	if (x.host === `${MC_SUBDOMAIN}.auth.marketingcloudapis.com`) {
		if (x.is('GET', '/v2/authorize')) return mcAuthorize(x);
		if (cors(x, 'none')) return true;
		if (x.is('POST', '/v2/token')) return mcToken(x);
		if (x.is('GET', '/v2/userinfo')) return mcUserinfo(x);
		return false;
	}
	if (x.host === `${MC_SUBDOMAIN}.rest.marketingcloudapis.com`) {
		if (cors(x, 'none')) return true;
		const grant = mcGrants.access(x.bearer());
		x.log('api', { path: x.path, authorized: Boolean(grant) });
		if (!grant) return x.json(401, { message: 'Not Authorized', errorcode: 0, documentation: '' });
		if (x.path === '/platform/v1/tokenContext')
			return x.json(200, {
				enterprise: { id: 514012345 },
				organization: { id: 514012345 },
				user: { id: 717012345, email: grant.user }
			});
		return x.json(404, { message: 'Not Found', errorcode: 404 });
	}
	return false;
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'salesforce',
	name: 'Salesforce',
	hosts: [
		'login.salesforce.com',
		'test.salesforce.com',
		'*.my.salesforce.com',
		'*.auth.marketingcloudapis.com',
		'*.rest.marketingcloudapis.com'
	],
	sources: [
		'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow_ca.htm&type=5',
		'https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_refresh_token_flow.htm&language=en_US',
		'https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_scopes.htm&language=en_US',
		'https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_endpoints_cors.htm&language=en_US',
		'https://help.salesforce.com/htviewhelpdoc?err=1&id=extend_code_cors.htm&siteLang=en_US',
		'https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html',
		'https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_using_userinfo_endpoint.htm',
		'https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_username_password_flow.htm&language=en_US',
		'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm&type=5',
		'https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/integration-app-auth-code.html',
		'https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/access-token-s2s',
		'https://developer.salesforce.com/docs/marketing/marketing-cloud/guide/getUserInfo.html'
	],
	async handle(x) {
		if (x.host.endsWith('.marketingcloudapis.com')) return marketingCloud(x);
		return platform(x);
	}
};
