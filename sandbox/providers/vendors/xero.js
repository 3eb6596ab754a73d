/**
 * Xero: the identity service (login.xero.com, identity.xero.com) and the API (api.xero.com).
 *
 * Sources:
 * - https://developer.xero.com/documentation/guides/oauth2/auth-flow (authorize at
 *   login.xero.com/identity/connect/authorize with response_type=code, client_id, redirect_uri,
 *   space-separated scope, state; the callback carries code, scope, state and session_state;
 *   POST identity.xero.com/connect/token with Basic client authentication; the answer carries
 *   id_token (with openid), access_token, expires_in 1800, token_type Bearer, refresh_token
 *   (only with offline_access) and scope; refresh tokens are single-use: every refresh answers
 *   with a new one; GET api.xero.com/connections lists the connected tenants; revocation at
 *   identity.xero.com/connect/revocation with the refresh token and Basic authentication)
 * - https://developer.xero.com/documentation/guides/oauth2/pkce-flow (apps of the "Auth Code
 *   with PKCE" type have no secret and send client_id and code_verifier in the form; single page
 *   apps are not supported: the identity service sends no CORS headers)
 * - https://developer.xero.com/documentation/guides/oauth2/custom-connections (client
 *   credentials grant for custom connections only, scopes of the connection, from a server)
 * - https://developer.xero.com/documentation/guides/oauth2/tenants (each API call needs the
 *   xero-tenant-id header of a connection's tenantId)
 * - https://developer.xero.com/documentation/api/accounting/organisation (GET
 *   /api.xro/2.0/Organisation: `{ Organisations: [{ Name, ... }] }`)
 * - https://github.com/XeroAPI/xero-node/issues/138 (the API cannot be called from a browser
 *   page: no CORS)
 */
import { randomUUID } from 'node:crypto';
import {
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

const ISSUER = 'https://identity.xero.com';
/** Apps of the test developer: a web app (secret), a PKCE app (no secret), a custom connection. */
const APPS = /** @type {Record<string, { kind: 'web' | 'pkce' | 'custom', secret?: string }>} */ ({
	'0A1B2C3D4E5F40718293A4B5C6D7E8F9': { kind: 'web', secret: 'replica-xero-secret' },
	'9F8E7D6C5B4A40392817F6E5D4C3B2A1': { kind: 'pkce' },
	'5C5C5C5C5C5C45C5A5C5C5C5C5C5C5C5': { kind: 'custom', secret: 'replica-xero-custom-secret' }
});
const TENANT = {
	tenantId: 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
	tenantName: 'Demo Company (Global)'
};
const CONNECTION_ID = 'e1eede29-f875-4a5d-8470-17f6a29a88b1';

const grants = new Grants({ accessTtl: 1800 });
const idTokens = new IdTokens('RS256');

/** @param {import('../kit.js').Exchange} x @param {number} status @param {string} error */
function oauthError(x, status, error) {
	return x.json(status, { error });
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!app || app.kind === 'custom')
		return x.html(
			400,
			'<!doctype html><title>Xero</title><p>Error: unauthorized_client. Invalid client_id.</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Xero</title><p>Error: unauthorized_client. Invalid redirect_uri.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length) return back({ error: 'invalid_scope' });
	if (
		app.kind === 'pkce' &&
		(!q.get('code_challenge') || q.get('code_challenge_method') !== 'S256')
	)
		return back({ error: 'invalid_request', error_description: 'code_challenge required' });
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Log in to Xero (replica)',
		scopes,
		defaultEmail: 'adele@contoso.example',
		redirectUri,
		state: q.get('state'),
		choices: {
			name: 'organisation',
			label: 'Organisation',
			options: [{ value: TENANT.tenantId, label: TENANT.tenantName }]
		},
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? undefined,
				nonce: q.get('nonce') ?? undefined
			}),
			scope: scopes.join(' '),
			session_state: randomUUID()
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {string | undefined} grantId */
async function tokenBody(grant, grantId) {
	const scopes = scopesOf(grant.scope);
	const issued = grants.issue(grant, { refresh: scopes.includes('offline_access'), grantId });
	/** @type {Record<string, unknown>} */
	const body = {};
	if (scopes.includes('openid'))
		body.id_token = await idTokens.sign(
			{
				iss: ISSUER,
				aud: grant.clientId,
				sub: 'b1c2d3e4f5a64b7c8d9e0f1a2b3c4d5e',
				xero_userid: '0d3a1e4f-8c7b-4a2d-9e6f-5b1c0a9d8e7f',
				...(grant.nonce ? { nonce: grant.nonce } : {}),
				...(scopes.includes('email') ? { email: grant.user } : {}),
				...(scopes.includes('profile') ? { given_name: 'Adele', family_name: 'Vance' } : {})
			},
			300
		);
	Object.assign(body, {
		access_token: issued.accessToken,
		expires_in: issued.expiresIn,
		token_type: 'Bearer'
	});
	if (issued.refreshToken) body.refresh_token = issued.refreshToken;
	body.scope = grant.scope;
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const app = client.id ? APPS[client.id] : undefined;
	const authenticated =
		app && (app.kind === 'pkce' ? client.method === 'none' : app.secret === client.secret);
	if (!app || !authenticated) return oauthError(x, 400, 'invalid_client');
	if (grantType === 'client_credentials') {
		if (app.kind !== 'custom') return oauthError(x, 400, 'unauthorized_client');
		const grant = {
			clientId: client.id ?? '',
			user: 'custom-connection',
			scope: params.get('scope') ?? 'accounting.transactions'
		};
		const issued = grants.issue(grant);
		return x.json(200, {
			access_token: issued.accessToken,
			expires_in: issued.expiresIn,
			token_type: 'Bearer',
			scope: grant.scope
		});
	}
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id || grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 400, 'invalid_grant');
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 400, 'invalid_grant');
		return x.json(200, await tokenBody(grant, undefined));
	}
	if (grantType === 'refresh_token') {
		// Single-use refresh tokens: every refresh answers with a new one.
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: true });
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
	if (!app || (app.kind !== 'pkce' && app.secret !== client.secret))
		return oauthError(x, 400, 'invalid_client');
	if (!grants.revoke(params.get('token'))) return oauthError(x, 400, 'invalid_grant');
	x.log('revoke', { clientId: client.id });
	return x.empty(200);
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	if (cors(x, 'none')) return true;
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant)
		return x.json(
			401,
			{
				Type: null,
				Title: 'Unauthorized',
				Status: 401,
				Detail: 'AuthenticationUnsuccessful',
				Instance: randomUUID()
			},
			{ 'WWW-Authenticate': 'Bearer' }
		);
	if (x.is('GET', '/connections'))
		return x.json(200, [
			{
				id: CONNECTION_ID,
				authEventId: randomUUID(),
				...TENANT,
				tenantType: 'ORGANISATION',
				createdDateUtc: '2025-01-01T00:00:00.0000000',
				updatedDateUtc: '2025-01-01T00:00:00.0000000'
			}
		]);
	if (x.path.startsWith('/api.xro/2.0/')) {
		const tenant = x.header('xero-tenant-id');
		if (grant.user !== 'custom-connection' && tenant !== TENANT.tenantId)
			return x.json(403, {
				Type: null,
				Title: 'Forbidden',
				Status: 403,
				Detail: 'AuthenticationUnsuccessful',
				Instance: randomUUID()
			});
		if (x.path === '/api.xro/2.0/Organisation')
			return x.json(200, {
				Id: randomUUID(),
				Status: 'OK',
				ProviderName: 'Switchboard',
				Organisations: [
					{ Name: TENANT.tenantName, OrganisationType: 'COMPANY', BaseCurrency: 'USD' }
				]
			});
		if (x.path === '/api.xro/2.0/Contacts')
			return x.json(200, {
				Id: randomUUID(),
				Status: 'OK',
				Contacts: [{ ContactID: randomUUID(), Name: 'Bayside Club' }]
			});
	}
	return x.json(404, {
		Type: null,
		Title: 'NotFound',
		Status: 404,
		Detail: 'The resource was not found'
	});
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'xero',
	name: 'Xero',
	hosts: ['login.xero.com', 'identity.xero.com', 'api.xero.com'],
	sources: [
		'https://developer.xero.com/documentation/guides/oauth2/auth-flow',
		'https://developer.xero.com/documentation/guides/oauth2/pkce-flow',
		'https://developer.xero.com/documentation/guides/oauth2/custom-connections',
		'https://developer.xero.com/documentation/guides/oauth2/tenants',
		'https://github.com/XeroAPI/xero-node/issues/138'
	],
	async handle(x) {
		if (x.host === 'login.xero.com')
			return x.is('GET', '/identity/connect/authorize') && authorize(x);
		if (x.host === 'identity.xero.com') {
			// The identity service sends no CORS headers: discovery, JWKS, token and revocation alike.
			if (cors(x, 'none')) return true;
			if (x.is('GET', '/.well-known/openid-configuration'))
				return x.json(200, {
					issuer: ISSUER,
					authorization_endpoint: 'https://login.xero.com/identity/connect/authorize',
					token_endpoint: 'https://identity.xero.com/connect/token',
					revocation_endpoint: 'https://identity.xero.com/connect/revocation',
					jwks_uri: 'https://identity.xero.com/.well-known/openid-configuration/jwks',
					response_types_supported: ['code'],
					id_token_signing_alg_values_supported: ['RS256'],
					code_challenge_methods_supported: ['plain', 'S256']
				});
			if (x.is('GET', '/.well-known/openid-configuration/jwks'))
				return x.json(200, await idTokens.jwks());
			if (x.is('POST', '/connect/token')) return token(x);
			if (x.is('POST', '/connect/revocation')) return revoke(x);
			return false;
		}
		return api(x);
	}
};
