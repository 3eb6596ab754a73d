/**
 * HubSpot: OAuth for public and private apps (app.hubspot.com, api.hubapi.com) and the CRM and
 * account-information APIs.
 *
 * Sources:
 * - https://developers.hubspot.com/docs/api/oauth-quickstart-guide and
 *   https://developers.hubspot.com/docs/api/working-with-oauth (authorize at
 *   app.hubspot.com/oauth/authorize with client_id, redirect_uri, space-separated scope, optional
 *   optional_scope and state; the callback carries code and state; POST
 *   api.hubapi.com/oauth/v1/token as a form with grant_type, client_id, client_secret,
 *   redirect_uri and code, or refresh_token; the answer is JSON with token_type bearer,
 *   refresh_token, access_token and expires_in of 1800 seconds; refreshing keeps the refresh
 *   token; errors are JSON with status, message and correlationId; a refresh token is deleted
 *   with DELETE /oauth/v1/refresh-tokens/{token}, and GET /oauth/v1/access-tokens/{token} tells
 *   whose token it is)
 * - https://developers.hubspot.com/docs/faq/do-hubspot-apis-support-ajax-request (authenticated
 *   APIs, the token endpoint included, do not support cross-origin requests: no CORS headers)
 * - https://developers.hubspot.com/docs/api/settings/account-information-api (GET
 *   /account-info/v3/details: portalId, accountType, timeZone, companyCurrency, uiDomain,
 *   dataHostingLocation)
 * - https://developers.hubspot.com/docs/api/private-apps (a private app's access token is sent
 *   as `Authorization: Bearer`)
 */
import { randomUUID } from 'node:crypto';
import { clientOf, cors, Grants, REDIRECT_URIS, scopesOf, signInPage } from '../kit.js';

const PORTAL_ID = 24681357;
/** A public app of the test developer account: its scopes are the ones it may ask for. */
const APPS = /** @type {Record<string, { secret: string, scopes: Set<string> }>} */ ({
	'5f0c8e2a-1b3d-4e6f-8a9b-0c1d2e3f4a5b': {
		secret: 'replica-hubspot-secret',
		scopes: new Set([
			'oauth',
			'crm.objects.contacts.read',
			'crm.objects.companies.read',
			'crm.objects.deals.read',
			'crm.lists.read',
			'forms',
			'content'
		])
	}
});
/** Private app access tokens of the test portal. */
const PRIVATE_APP_TOKENS = new Set(['pat-na1-11111111-2222-4333-8444-555555555555']);

const grants = new Grants({ prefix: 'CKD', accessTtl: 1800 });

/** HubSpot's error body. @param {import('../kit.js').Exchange} x @param {number} status @param {string} code @param {string} message */
function hubError(x, status, code, message) {
	return x.json(status, {
		status: code,
		message,
		correlationId: randomUUID(),
		requestId: randomUUID()
	});
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!app)
		return x.html(
			400,
			'<!doctype html><title>HubSpot</title><p>Authorization failed because this application is misconfigured: unknown client_id.</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>HubSpot</title><p>Authorization failed because the redirect URL does not match the app settings.</p>'
		);
	const scopes = scopesOf(q.get('scope'));
	const optional = scopesOf(q.get('optional_scope'));
	const unknown = [...scopes, ...optional].filter((s) => !app.scopes.has(s));
	if (!scopes.length || unknown.length)
		return x.html(
			400,
			`<!doctype html><title>HubSpot</title><p>Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes${unknown.length ? ` (${unknown.join(', ').replace(/[<>&"]/g, '')})` : ''}.</p>`
		);
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Choose an account — HubSpot (replica)',
		scopes: [...scopes, ...optional],
		defaultEmail: 'adele@contoso.example',
		redirectUri,
		state: q.get('state'),
		choices: {
			name: 'portal',
			label: 'Account',
			options: [{ value: String(PORTAL_ID), label: `Contoso (${PORTAL_ID})` }]
		},
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: [...scopes, ...optional].join(' '),
				redirectUri
			})
		})
	});
}

/** No CORS headers on any authenticated endpoint, the token endpoint included. @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	if (!String(x.header('content-type')).includes('application/x-www-form-urlencoded'))
		return hubError(
			x,
			400,
			'BAD_GRANT_TYPE',
			'The request body must be application/x-www-form-urlencoded.'
		);
	const app = client.id ? APPS[client.id] : undefined;
	if (!app) return hubError(x, 400, 'BAD_CLIENT_ID', 'missing or unknown client id');
	if (app.secret !== client.secret || client.method !== 'body')
		return hubError(x, 400, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
	if (grantType === 'authorization_code') {
		if (params.get('redirect_uri') && !REDIRECT_URIS.includes(params.get('redirect_uri') ?? ''))
			return hubError(x, 400, 'BAD_REDIRECT_URI', 'redirect_uri does not match the app settings');
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id || grant.redirectUri !== params.get('redirect_uri'))
			return hubError(x, 400, 'BAD_AUTH_CODE', 'missing or unknown auth code');
		const issued = grants.issue(grant, { refresh: true, refreshPrefix: 'na1-' });
		return x.json(200, {
			token_type: 'bearer',
			refresh_token: issued.refreshToken,
			access_token: issued.accessToken,
			expires_in: issued.expiresIn
		});
	}
	if (grantType === 'refresh_token') {
		const presented = params.get('refresh_token');
		const used = grants.useRefresh(presented);
		if (!used || used.grant.clientId !== client.id)
			return hubError(x, 400, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
		const issued = grants.issue(used.grant, { grantId: used.grantId });
		x.log('refresh', { clientId: client.id });
		// The refresh token does not change.
		return x.json(200, {
			token_type: 'bearer',
			refresh_token: presented,
			access_token: issued.accessToken,
			expires_in: issued.expiresIn
		});
	}
	return hubError(x, 400, 'BAD_GRANT_TYPE', 'unsupported grant_type');
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	if (cors(x, 'none')) return true;
	const bearer = x.bearer();
	const grant = grants.access(bearer);
	const privateApp = Boolean(bearer && PRIVATE_APP_TOKENS.has(bearer));
	x.log('api', { path: x.path, authorized: Boolean(grant || privateApp) });
	if (!grant && !privateApp)
		return x.json(401, {
			status: 'error',
			message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
			correlationId: randomUUID(),
			category: 'INVALID_AUTHENTICATION'
		});
	if (x.is('GET', '/account-info/v3/details'))
		return x.json(200, {
			portalId: PORTAL_ID,
			accountType: 'STANDARD',
			timeZone: 'Europe/Berlin',
			companyCurrency: 'EUR',
			additionalCurrencies: [],
			utcOffset: '+01:00',
			utcOffsetMilliseconds: 3600000,
			uiDomain: 'app-eu1.hubspot.com',
			dataHostingLocation: 'eu1'
		});
	if (x.is('GET', '/crm/v3/objects/contacts'))
		return x.json(200, {
			results: [
				{
					id: '151',
					properties: { email: 'bh@hubspot.com', firstname: 'Brian', lastname: 'Halligan' },
					archived: false
				}
			]
		});
	return x.json(404, {
		status: 'error',
		message: 'Resource not found',
		correlationId: randomUUID(),
		category: 'OBJECT_NOT_FOUND'
	});
}

/** @param {import('../kit.js').Exchange} x */
function oauthInfo(x) {
	if (cors(x, 'none')) return true;
	const access = /^\/oauth\/v1\/access-tokens\/(.+)$/.exec(x.path);
	if (access && x.method === 'GET') {
		const grant = grants.access(decodeURIComponent(access[1] ?? ''));
		if (!grant) return hubError(x, 404, 'error', 'access token not found');
		return x.json(200, {
			token: access[1],
			user: grant.user,
			hub_id: PORTAL_ID,
			app_id: 1234567,
			scopes: scopesOf(grant.scope),
			token_type: 'access',
			expires_in: 1700
		});
	}
	const refresh = /^\/oauth\/v1\/refresh-tokens\/(.+)$/.exec(x.path);
	if (refresh && x.method === 'DELETE') {
		if (!grants.revoke(decodeURIComponent(refresh[1] ?? '')))
			return hubError(x, 404, 'error', 'refresh token not found');
		x.log('revoke', { via: 'DELETE refresh-tokens' });
		return x.empty(204);
	}
	return false;
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'hubspot',
	name: 'HubSpot',
	hosts: ['app.hubspot.com', 'api.hubapi.com'],
	sources: [
		'https://developers.hubspot.com/docs/api/oauth-quickstart-guide',
		'https://developers.hubspot.com/docs/api/working-with-oauth',
		'https://developers.hubspot.com/docs/faq/do-hubspot-apis-support-ajax-request',
		'https://developers.hubspot.com/docs/api/settings/account-information-api',
		'https://developers.hubspot.com/docs/api/private-apps'
	],
	async handle(x) {
		if (x.host === 'app.hubspot.com') return x.is('GET', '/oauth/authorize') && authorize(x);
		if (x.path === '/oauth/v1/token') {
			if (cors(x, 'none')) return true;
			return x.method === 'POST' && token(x);
		}
		if (x.path.startsWith('/oauth/v1/')) return oauthInfo(x);
		return api(x);
	}
};
