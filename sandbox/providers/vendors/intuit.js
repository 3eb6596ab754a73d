/**
 * Intuit: OAuth 2.0 and OpenID Connect for QuickBooks Online (appcenter.intuit.com,
 * oauth.platform.intuit.com, developer.api.intuit.com, accounts.platform.intuit.com) and the
 * QuickBooks Online Accounting API (quickbooks.api.intuit.com, sandbox-quickbooks.api.intuit.com).
 *
 * Sources:
 * - https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0
 *   (authorize at appcenter.intuit.com/connect/oauth2 with client_id, response_type=code,
 *   space-separated scope, redirect_uri and state; the callback adds code, state and realmId —
 *   the company the user connected; POST oauth.platform.intuit.com/oauth2/v1/tokens/bearer as a
 *   form with HTTP Basic client authentication; the answer carries token_type bearer,
 *   expires_in 3600, access_token, refresh_token and x_refresh_token_expires_in; a refresh
 *   answers with a refresh token to keep using from then on; errors are `{ error }`, e.g.
 *   invalid_grant or invalid_client; revoke at developer.api.intuit.com/v2/oauth2/tokens/revoke
 *   with Basic client authentication and a JSON body `{ "token": ... }`)
 * - https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/openid-connect
 *   and https://developer.api.intuit.com/.well-known/openid_configuration (issuer
 *   https://oauth.platform.intuit.com/op/v1, an id_token with openid, userinfo at
 *   accounts.platform.intuit.com/v1/openid_connect/userinfo with email, givenName, familyName)
 * - https://developer.intuit.com/app/developer/qbo/docs/develop/sandboxes/manage-your-sandboxes
 *   and https://developer.intuit.com/blog/2015/04/16/a-3-step-guide-to-getting-started-with-intuit-developer
 *   (development credentials reach sandbox companies only, at sandbox-quickbooks.api.intuit.com;
 *   production credentials reach real companies at quickbooks.api.intuit.com; the same OAuth
 *   endpoints serve both, so the sign-in does not tell which host a company lives on)
 * - https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/companyinfo
 *   (GET /v3/company/{realmId}/companyinfo/{realmId}: `{ CompanyInfo: { CompanyName, ... } }`)
 * - https://github.com/intuit/oauth-jsclient/issues/3 (the token endpoint sends no CORS
 *   headers; Intuit supports the flow from a server only)
 */
import { randomUUID } from 'node:crypto';
import {
	backToApp,
	clientOf,
	cors,
	Grants,
	IdTokens,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

const ISSUER = 'https://oauth.platform.intuit.com/op/v1';
/** Apps of the test developer account: `development` keys reach sandbox companies only. */
const APPS =
	/** @type {Record<string, { secret: string, keys: 'development' | 'production' }>} */ ({
		ABreplicaIntuitDevelopmentClient0123456789: {
			secret: 'replica-intuit-secret',
			keys: 'development'
		}
	});
/** Companies (realms) the test user can connect. */
const COMPANIES = /** @type {Record<string, { name: string, sandbox: boolean }>} */ ({
	'9341452345678901': { name: 'Sandbox Company_US_1', sandbox: true }
});
const SCOPES = new Set([
	'com.intuit.quickbooks.accounting',
	'com.intuit.quickbooks.payment',
	'openid',
	'profile',
	'email',
	'phone',
	'address'
]);

const grants = new Grants({ accessTtl: 3600 });
const idTokens = new IdTokens('RS256');

/** @param {import('../kit.js').Exchange} x @param {number} status @param {string} error */
function oauthError(x, status, error) {
	return x.json(status, { error }, { intuit_tid: randomUUID() });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!APPS[clientId] || !REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Intuit</title><p>There was a problem connecting: the redirect URI or client ID is invalid for this app.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
	if (!q.get('state'))
		return back({ error: 'invalid_request', error_description: 'state is required' });
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length || scopes.some((s) => !SCOPES.has(s))) return back({ error: 'invalid_scope' });
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Connect to QuickBooks — Intuit (replica)',
		scopes,
		defaultEmail: 'adele@contoso.example',
		redirectUri,
		state: q.get('state'),
		choices: {
			name: 'company',
			label: 'Company',
			options: Object.entries(COMPANIES).map(([value, c]) => ({ value, label: c.name }))
		},
		onAccept: ({ email, choice }) => {
			const realmId = choice ?? Object.keys(COMPANIES)[0] ?? '';
			return {
				code: grants.code({
					clientId,
					user: email,
					scope: scopes.join(' '),
					redirectUri,
					extra: { realmId }
				}),
				realmId
			};
		}
	});
}

/** @param {import('../kit.js').Grant} grant @param {string | undefined} grantId */
async function tokenBody(grant, grantId) {
	const issued = grants.issue(grant, { refresh: true, grantId, refreshPrefix: 'AB11' });
	/** @type {Record<string, unknown>} */
	const body = {
		token_type: 'bearer',
		expires_in: issued.expiresIn,
		refresh_token: issued.refreshToken,
		x_refresh_token_expires_in: 8726400,
		access_token: issued.accessToken
	};
	if (!grantId && scopesOf(grant.scope).includes('openid'))
		body.id_token = await idTokens.sign({
			iss: ISSUER,
			aud: [grant.clientId],
			sub: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
			realmid: grant.extra?.realmId,
			auth_time: Math.floor(Date.now() / 1000)
		});
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || app.secret !== client.secret || client.method !== 'basic')
		return oauthError(x, 401, 'invalid_client');
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id || grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 400, 'invalid_grant');
		return x.json(200, await tokenBody(grant, undefined));
	}
	if (grantType === 'refresh_token') {
		// A new refresh token comes back; the one presented still works until it expires.
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id) return oauthError(x, 400, 'invalid_grant');
		x.log('refresh', { clientId: client.id });
		return x.json(200, await tokenBody(used.grant, used.grantId));
	}
	return oauthError(x, 400, 'unsupported_grant_type');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || app.secret !== client.secret || client.method !== 'basic')
		return oauthError(x, 401, 'invalid_client');
	if (!grants.revoke(params.get('token'))) return oauthError(x, 400, 'invalid_request');
	x.log('revoke', { clientId: client.id });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function discovery(x) {
	return x.json(200, {
		issuer: ISSUER,
		authorization_endpoint: 'https://appcenter.intuit.com/connect/oauth2',
		token_endpoint: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
		userinfo_endpoint: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
		revocation_endpoint: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
		jwks_uri: 'https://oauth.platform.intuit.com/op/v1/jwks',
		response_types_supported: ['code'],
		subject_types_supported: ['public'],
		id_token_signing_alg_values_supported: ['RS256'],
		scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
		token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
		claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub']
	});
}

/** @param {import('../kit.js').Exchange} x */
function userinfo(x) {
	if (cors(x, 'none')) return true;
	const grant = grants.access(x.bearer());
	if (!grant || !scopesOf(grant.scope).includes('openid'))
		return x.json(401, { error: 'invalid_token' });
	return x.json(200, {
		sub: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
		email: grant.user,
		emailVerified: true,
		givenName: 'Adele',
		familyName: 'Vance'
	});
}

/** QuickBooks Online: a realm on the host that serves it, with a token the realm granted. @param {import('../kit.js').Exchange} x */
function accounting(x) {
	if (cors(x, 'none')) return true;
	const grant = grants.access(x.bearer());
	const match = /^\/v3\/company\/(\d+)\/(.+)$/.exec(x.path);
	const realmId = match?.[1] ?? '';
	const company = COMPANIES[realmId];
	const fault = (
		/** @type {number} */ status,
		/** @type {string} */ code,
		/** @type {string} */ message,
		type = 'AUTHENTICATION'
	) =>
		x.json(status, {
			Fault: { Error: [{ Message: message, Detail: message, code }], type },
			time: new Date().toISOString()
		});
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant)
		return fault(401, '3200', 'message=AuthenticationFailed; errorCode=003200; statusCode=401');
	const sandboxHost = x.host.startsWith('sandbox-');
	if (!company || grant.extra?.realmId !== realmId || company.sandbox !== sandboxHost)
		return fault(
			403,
			'3100',
			'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
			'AUTHORIZATION'
		);
	if (match?.[2] === `companyinfo/${realmId}`)
		return x.json(200, {
			CompanyInfo: {
				CompanyName: company.name,
				LegalName: company.name,
				Country: 'US',
				Id: '1',
				domain: 'QBO'
			},
			time: new Date().toISOString()
		});
	if (
		match?.[2] === 'query' &&
		/^select \* from customer/i.test(x.url.searchParams.get('query') ?? '')
	)
		return x.json(200, {
			QueryResponse: {
				Customer: [{ Id: '1', DisplayName: "Amy's Bird Sanctuary" }],
				startPosition: 1,
				maxResults: 1
			},
			time: new Date().toISOString()
		});
	return fault(400, '2010', 'Unsupported Operation', 'ValidationFault');
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'intuit',
	name: 'Intuit',
	hosts: [
		'appcenter.intuit.com',
		'oauth.platform.intuit.com',
		'developer.api.intuit.com',
		'accounts.platform.intuit.com',
		'quickbooks.api.intuit.com',
		'sandbox-quickbooks.api.intuit.com'
	],
	sources: [
		'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0',
		'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/openid-connect',
		'https://developer.api.intuit.com/.well-known/openid_configuration',
		'https://developer.intuit.com/app/developer/qbo/docs/develop/sandboxes/manage-your-sandboxes',
		'https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/companyinfo',
		'https://github.com/intuit/oauth-jsclient/issues/3'
	],
	async handle(x) {
		if (x.host === 'appcenter.intuit.com') return x.is('GET', '/connect/oauth2') && authorize(x);
		if (x.host === 'oauth.platform.intuit.com') {
			if (x.is('GET', '/op/v1/jwks')) return x.json(200, await idTokens.jwks());
			if (x.path !== '/oauth2/v1/tokens/bearer') return false;
			if (cors(x, 'none')) return true;
			return x.method === 'POST' && token(x);
		}
		if (x.host === 'developer.api.intuit.com') {
			if (x.is('GET', '/.well-known/openid_configuration')) return discovery(x);
			if (x.path !== '/v2/oauth2/tokens/revoke') return false;
			if (cors(x, 'none')) return true;
			return x.method === 'POST' && revoke(x);
		}
		if (x.host === 'accounts.platform.intuit.com')
			return x.path === '/v1/openid_connect/userinfo' && userinfo(x);
		return accounting(x);
	}
};
