/**
 * Microsoft identity platform (v2.0 endpoints), Microsoft Graph and Dataverse (Dynamics 365).
 *
 * Sources:
 * - https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
 *   (authorize parameters, PKCE required for SPAs, token response shape, refresh tokens only with
 *   `offline_access`, refresh tokens replace themselves on every use, JSON error body with
 *   `error_codes`, `trace_id`, `correlation_id`)
 * - https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 *   (client credentials: `scope=<resource>/.default`, a real tenant, no refresh token)
 * - https://learn.microsoft.com/en-us/entra/identity-platform/reference-spa-cors-errors and
 *   https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/5196 (AADSTS9002326:
 *   cross-origin redemption only for redirect URIs of the Single-Page Application platform)
 * - https://github.com/MicrosoftDocs/azure-docs/issues/100859 (client credentials from a browser
 *   page end in a CORS error)
 * - https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference (id_token
 *   `iss` = https://login.microsoftonline.com/{tid}/v2.0, `tid`, `oid`, `preferred_username`)
 * - https://learn.microsoft.com/en-us/graph/api/user-get and
 *   https://learn.microsoft.com/en-us/graph/errors (Graph `/me`, error envelope; `/me` is
 *   `/users/{id | userPrincipalName}` of the signed-in user, so it needs a delegated token: an
 *   app-only token — client credentials — gets 400 BadRequest "/me request is only valid with
 *   delegated authentication flow." and names a user by id or userPrincipalName instead)
 * - https://learn.microsoft.com/en-us/power-apps/developer/data-platform/oauth-cross-origin-resource-sharing-connect-single-page-application
 *   and https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/reference/whoami
 *   (Dataverse accepts CORS with OAuth tokens; `WhoAmI`)
 * - https://learn.microsoft.com/en-us/power-platform/admin/manage-application-users and
 *   https://learn.microsoft.com/en-us/power-apps/developer/data-platform/use-single-tenant-server-server-authentication
 *   (an app-only token acts in Dataverse as the app's application user, a systemuser of its own:
 *   `WhoAmI` names that user, not a person)
 * - The identity platform has no RFC 7009 revocation endpoint (sign-out and
 *   `revokeSignInSessions` in Graph are the only ways): delete has nothing to revoke.
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

/** The test directory: one tenant, with a primary domain. */
const TENANT_ID = '5f3c1b2a-8d7e-4c6f-9a1b-2e3d4c5b6a79';
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
const USER = { oid: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d', name: 'Adele Vance' };
/** The delegated user Graph serves under `/users/{id | userPrincipalName}`. */
const USER_UPN = 'adele@contoso.example';
/** The grant's `user` of an app-only (client credentials) token: no one signed in. */
const APP_ONLY = 'app';
/** The Web app's application user in the test Dataverse environments (systemuserid). */
const APPLICATION_USER_ID = '3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4';

/**
 * App registrations of the test directory. `spa`: redirect URI on the Single-Page Application
 * platform, a public client. `web`: redirect URI on the Web platform, with a secret.
 * @type {Record<string, { platform: 'spa' | 'web', secret?: string }>}
 */
const APPS = {
	'11111111-2222-4333-8444-555555555555': { platform: 'spa' },
	'66666666-7777-4888-9999-000000000000': { platform: 'web', secret: 'replica-web-secret' }
};

const grants = new Grants({ accessTtl: 3599 });
const idTokens = new IdTokens('RS256');

/** A Microsoft identity platform error (HTTP 400 unless told). */
function aadError(
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {string} */ error,
	/** @type {number} */ code,
	/** @type {string} */ message,
	status = 400
) {
	const traceId = randomUUID();
	const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
	return x.json(status, {
		error,
		error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${timestamp}`,
		error_codes: [code],
		timestamp,
		trace_id: traceId,
		correlation_id: randomUUID(),
		error_uri: `https://login.microsoftonline.com/error?code=${code}`
	});
}

/** The tenant segment of the path: a GUID, a domain, or common/organizations/consumers. */
function tenantOf(/** @type {string} */ segment) {
	if (['common', 'organizations', 'consumers', TENANT_ID, TENANT_DOMAIN].includes(segment))
		return segment;
	return undefined;
}

/** @param {import('../kit.js').Exchange} x @param {string} tenant */
function authorize(x, tenant) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	if (!app)
		return x.html(
			400,
			`<!doctype html><title>Sign in</title><p>AADSTS700016: Application with identifier '${clientId.replace(/[^\w-]/g, '')}' was not found in the directory.</p>`
		);
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Sign in</title><p>AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({ error: 'unsupported_response_type', error_description: 'AADSTS700054' });
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length)
		return back({
			error: 'invalid_request',
			error_description:
				"AADSTS900144: The request body must contain the following parameter: 'scope'."
		});
	if (app.platform === 'spa' && !q.get('code_challenge'))
		return back({
			error: 'invalid_request',
			error_description:
				'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.'
		});
	x.log('authorize', { tenant, clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Sign in to your account — Microsoft (replica)',
		scopes,
		defaultEmail: `adele@${TENANT_DOMAIN.replace('.onmicrosoft.com', '.example')}`,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'plain',
				nonce: q.get('nonce') ?? undefined
			}),
			// The v2.0 endpoint adds the session state to every successful answer.
			session_state: randomUUID()
		})
	});
}

/**
 * The token response: `scope` lists what was granted (without openid/offline_access, which are
 * not resource scopes), a refresh token only with `offline_access`, an id_token only with
 * `openid`, signed for the tenant the user belongs to.
 * @param {import('../kit.js').Grant} grant
 * @param {string | undefined} grantId
 */
async function tokenResponse(grant, grantId) {
	const scopes = scopesOf(grant.scope);
	const offline = scopes.includes('offline_access');
	const issued = grants.issue(grant, { refresh: offline, grantId });
	/** @type {Record<string, unknown>} */
	const body = {
		token_type: 'Bearer',
		scope: scopes.filter((s) => !['openid', 'offline_access'].includes(s)).join(' '),
		expires_in: issued.expiresIn,
		ext_expires_in: issued.expiresIn,
		access_token: issued.accessToken
	};
	if (issued.refreshToken) body.refresh_token = issued.refreshToken;
	if (scopes.includes('openid'))
		body.id_token = await idTokens.sign({
			iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
			aud: grant.clientId,
			sub: `sub-${USER.oid}`,
			oid: USER.oid,
			tid: TENANT_ID,
			ver: '2.0',
			...(grant.nonce ? { nonce: grant.nonce } : {}),
			...(scopes.includes('profile') ? { name: USER.name, preferred_username: grant.user } : {})
		});
	return body;
}

/** @param {import('../kit.js').Exchange} x @param {string} tenant */
async function token(x, tenant) {
	const origin = x.header('origin');
	if (!String(x.header('content-type')).includes('application/x-www-form-urlencoded'))
		return aadError(
			x,
			'invalid_request',
			900144,
			"The request body must contain the following parameter: 'grant_type'."
		);
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: origin ?? null });
	if (grantType === 'client_credentials') {
		// No CORS for this grant: the browser sees a network error (azure-docs#100859).
		if (origin)
			return aadError(
				x,
				'invalid_request',
				9002326,
				`Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`
			);
		if (['common', 'organizations', 'consumers'].includes(tenant))
			return aadError(x, 'invalid_request', 90002, 'Client credentials need a specific tenant.');
		if (!app || app.secret !== client.secret)
			return aadError(x, 'invalid_client', 7000215, 'Invalid client secret provided.', 401);
		const scopes = scopesOf(params.get('scope'));
		if (scopes.length !== 1 || !scopes[0]?.endsWith('/.default'))
			return aadError(
				x,
				'invalid_scope',
				1002012,
				'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.'
			);
		const issued = grants.issue({
			clientId: client.id ?? '',
			user: APP_ONLY,
			scope: scopes[0] ?? ''
		});
		return x.json(200, {
			token_type: 'Bearer',
			expires_in: issued.expiresIn,
			ext_expires_in: issued.expiresIn,
			access_token: issued.accessToken
		});
	}
	// The token endpoint answers browsers for the code and refresh grants (MSAL.js reads its errors).
	cors(x, 'any');
	if (!app)
		return aadError(
			x,
			'unauthorized_client',
			700016,
			`Application with identifier '${client.id ?? ''}' was not found in the directory.`
		);
	if (origin && app.platform !== 'spa')
		return aadError(
			x,
			'invalid_request',
			9002326,
			`Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`
		);
	if (app.platform === 'spa' && client.secret)
		return aadError(
			x,
			'invalid_request',
			700025,
			"Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
			401
		);
	if (app.platform === 'web' && client.secret !== app.secret)
		return aadError(x, 'invalid_client', 7000215, 'Invalid client secret provided.', 401);

	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return aadError(
				x,
				'invalid_grant',
				70008,
				'The provided authorization code or refresh token has expired due to inactivity.'
			);
		if (grant.redirectUri !== params.get('redirect_uri'))
			return aadError(
				x,
				'invalid_grant',
				50148,
				'The redirect_uri does not match the one of the authorization request.'
			);
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return aadError(
				x,
				'invalid_grant',
				50148,
				'The code_verifier provided does not match the code_challenge supplied in the authorization request for PKCE.'
			);
		return x.json(200, await tokenResponse(grant, undefined));
	}
	if (grantType === 'refresh_token') {
		// Refresh tokens replace themselves: the old one is used up.
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: true });
		if (!used || used.grant.clientId !== client.id)
			return aadError(
				x,
				'invalid_grant',
				70000,
				'The provided value for the input parameter refresh_token or assertion is not valid.'
			);
		x.log('refresh', { clientId: client.id });
		return x.json(200, await tokenResponse(used.grant, used.grantId));
	}
	return aadError(
		x,
		'unsupported_grant_type',
		70003,
		'The app requested an unsupported grant type.'
	);
}

/** @param {import('../kit.js').Exchange} x @param {string} message */
function graphUnauthorized(x, message) {
	return x.json(
		401,
		{
			error: {
				code: 'InvalidAuthenticationToken',
				message,
				innerError: { date: new Date().toISOString(), 'request-id': randomUUID() }
			}
		},
		{
			'WWW-Authenticate':
				'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"'
		}
	);
}

/** A few Graph resources, enough for the connectors' check and a console request. */
function graphResource(/** @type {string} */ path, /** @type {string} */ user) {
	const me = {
		'@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
		id: USER.oid,
		displayName: USER.name,
		givenName: 'Adele',
		surname: 'Vance',
		mail: user,
		userPrincipalName: user,
		jobTitle: 'Product Marketing Manager'
	};
	/** @type {Record<string, unknown>} */
	const resources = {
		'/v1.0/me': me,
		'/v1.0/me/messages': { value: [{ id: 'AAMk1', subject: 'Quarterly report', isRead: false }] },
		'/v1.0/me/joinedTeams': { value: [{ id: 'team-1', displayName: 'Marketing' }] },
		'/v1.0/me/drive': {
			id: 'b!drive',
			driveType: 'business',
			owner: { user: { displayName: USER.name } }
		},
		'/v1.0/organization': { value: [{ id: TENANT_ID, displayName: 'Contoso' }] }
	};
	return resources[path];
}

/** @param {import('../kit.js').Exchange} x */
function graph(x) {
	// Graph answers CORS for any origin; tokens travel in the Authorization header.
	if (
		cors(x, 'reflect', {
			methods: 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type',
			expose: 'request-id, client-request-id'
		})
	)
		return true;
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant) return graphUnauthorized(x, 'Access token is empty or invalid.');
	const appOnly = grant.user === APP_ONLY;
	if (appOnly && /^\/v1\.0\/me(\/|$)/.test(x.path))
		return x.json(
			400,
			{
				error: {
					code: 'BadRequest',
					message: '/me request is only valid with delegated authentication flow.',
					innerError: { date: new Date().toISOString(), 'request-id': randomUUID() }
				}
			},
			{ 'request-id': randomUUID() }
		);
	// `/users/{id | userPrincipalName}…` is what `/me…` stands for; an app names the user.
	const named = /^\/v1\.0\/users\/([^/]+)(\/.*)?$/.exec(x.path);
	const userKey = decodeURIComponent(named?.[1] ?? '').toLowerCase();
	const path =
		named && [USER.oid, USER_UPN].includes(userKey) ? `/v1.0/me${named[2] ?? ''}` : x.path;
	const body = graphResource(path, appOnly ? USER_UPN : grant.user);
	if (!body)
		return x.json(404, {
			error: { code: 'Request_ResourceNotFound', message: `Resource '${x.path}' does not exist.` }
		});
	return x.json(200, body, { 'request-id': randomUUID() });
}

/** Dataverse Web API of an environment (`{org}.crm*.dynamics.com`). */
function dataverse(/** @type {import('../kit.js').Exchange} */ x) {
	if (
		cors(x, 'reflect', {
			methods: 'GET, POST, PATCH, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type, OData-Version, OData-MaxVersion, Accept'
		})
	)
		return true;
	const grant = grants.access(x.bearer());
	// The token must be for this environment: its scope names the environment's URL.
	const forHost = grant && scopesOf(grant.scope).some((s) => s.startsWith(`https://${x.host}/`));
	x.log('api', { path: x.path, authorized: Boolean(forHost) });
	if (!forHost)
		return x.json(
			401,
			{
				error: {
					code: '0x80072182',
					message: 'The user is not authenticated for this environment.'
				}
			},
			{
				'WWW-Authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/${TENANT_ID}/oauth2/authorize`
			}
		);
	if (x.path === '/api/data/v9.2/WhoAmI')
		return x.json(200, {
			'@odata.context': `https://${x.host}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
			BusinessUnitId: '0e8a6c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
			UserId: grant?.user === APP_ONLY ? APPLICATION_USER_ID : USER.oid,
			OrganizationId: '2f1e0d9c-8b7a-4c6d-9e8f-7a6b5c4d3e2f'
		});
	if (x.path === '/api/data/v9.2/accounts')
		return x.json(200, { value: [{ accountid: 'acc-1', name: 'Fourth Coffee' }] });
	return x.json(404, {
		error: {
			code: '0x8006088a',
			message: `Resource not found for the segment '${x.path.split('/').pop()}'.`
		}
	});
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'microsoft',
	name: 'Microsoft',
	hosts: [
		'login.microsoftonline.com',
		'graph.microsoft.com',
		'*.crm.dynamics.com',
		'*.crm4.dynamics.com'
	],
	sources: [
		'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow',
		'https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow',
		'https://learn.microsoft.com/en-us/entra/identity-platform/reference-spa-cors-errors',
		'https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference',
		'https://learn.microsoft.com/en-us/graph/errors',
		'https://learn.microsoft.com/en-us/power-apps/developer/data-platform/oauth-cross-origin-resource-sharing-connect-single-page-application'
	],
	async handle(x) {
		if (x.host === 'graph.microsoft.com') return graph(x);
		if (x.host.endsWith('.dynamics.com')) return dataverse(x);
		const match = /^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(x.path);
		const tenant = match?.[1] && tenantOf(match[1]);
		if (!match) return false;
		if (!tenant) return aadError(x, 'invalid_tenant', 90002, `Tenant '${match[1]}' not found.`);
		if (match[2] === 'authorize' && x.method === 'GET') return authorize(x, tenant);
		if (match[2] === 'token' && (x.method === 'POST' || x.method === 'OPTIONS')) {
			if (x.method === 'OPTIONS') return cors(x, 'any', { methods: 'POST, OPTIONS' });
			return token(x, tenant);
		}
		return false;
	}
};
