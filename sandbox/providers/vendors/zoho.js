/**
 * Zoho: the accounts server of each data center (accounts.zoho.{dc}) and the Desk, Mail and
 * Campaigns APIs of that data center.
 *
 * Sources:
 * - https://www.zoho.com/accounts/protocol/oauth/web-server-applications.html (authorize at
 *   /oauth/v2/auth with scope (comma-separated), client_id, response_type=code, redirect_uri,
 *   access_type offline|online, prompt=consent, state; POST /oauth/v2/token with code,
 *   client_id, client_secret, redirect_uri, grant_type; the answer carries access_token,
 *   refresh_token (only with access_type=offline), scope, api_domain, token_type Bearer and
 *   expires_in 3600; a refresh answers with a new access token and no refresh token; failures
 *   are a JSON `{ error }` such as invalid_code or invalid_client)
 * - https://zoho.com/accounts/protocol/oauth/multi-dc/client-authorization.html and
 *   https://www.zoho.com/accounts/protocol/oauth/multi-dc.html (the callback adds location and
 *   accounts-server; tokens come from the accounts server of the user's data center)
 * - https://www.zoho.com/accounts/protocol/oauth/revoke-refresh-token.html (POST
 *   /oauth/v2/token/revoke?token={refresh_token})
 * - https://www.zoho.com/mail/help/api/using-oauth-2.html and
 *   https://desk.zoho.com/DeskAPIDocument#OauthTokens (API calls carry
 *   `Authorization: Zoho-oauthtoken {access_token}`)
 * - https://desk.zoho.com/DeskAPIDocument#Agents#Agents_Getmyinformation (GET /api/v1/myinfo)
 * - https://www.zoho.com/mail/help/api/get-all-users-accounts.html (GET /api/accounts:
 *   `{ status: { code, description }, data: [{ accountId, incomingUserName, ... }] }`)
 * - https://zoho.com/campaigns/help/developers/data-centers.html (campaigns.zoho.{dc}/api/v1.1)
 * - The accounts server and the product APIs are not documented to answer cross-origin requests
 *   from other sites (only "client-based" JavaScript clients registered with their domain, an
 *   implicit-style flow the catalog does not use): no CORS headers here.
 */
import { clientOf, cors, Grants, REDIRECT_URIS, scopesOf, signInPage } from '../kit.js';

/** Data centers: the domain suffix and the `location` Zoho reports. */
const DCS = /** @type {Record<string, string>} */ ({
	com: 'us',
	eu: 'eu',
	in: 'in',
	'com.au': 'au',
	jp: 'jp',
	'com.cn': 'cn',
	sa: 'sa',
	uk: 'uk'
});
/** A server-based client registered in the US data center with multi-DC enabled. */
const CLIENTS = /** @type {Record<string, { secret: string }>} */ ({
	'1000.REPLICAZOHOCLIENT0123456789ABCD': { secret: 'replica-zoho-secret' }
});
/** The test user lives in the EU data center. */
const USER_DC = 'eu';

const grants = new Grants({ prefix: '1000.', accessTtl: 3600 });

/** The data center of a host such as accounts.zoho.eu. @param {string} host */
function dcOf(host) {
	const match = /^[a-z]+\.zoho\.(.+)$/.exec(host);
	return match?.[1] && DCS[match[1]] ? match[1] : undefined;
}

/** @param {import('../kit.js').Exchange} x @param {string} dc */
function authorize(x, dc) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!CLIENTS[clientId])
		return x.html(
			400,
			'<!doctype html><title>Zoho Accounts</title><p>Invalid Client: the client_id is not registered.</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Zoho Accounts</title><p>Invalid Redirect Uri: the redirect URI does not match the one registered.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => {
		const url = new URL(redirectUri);
		if (q.has('state')) url.searchParams.set('state', q.get('state') ?? '');
		for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
		return x.redirect(url.href);
	};
	if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
	// Scopes are comma-separated; a space-separated list is one unknown scope.
	const scopes = (q.get('scope') ?? '').split(',').filter(Boolean);
	if (
		!scopes.length ||
		scopes.some(
			(s) => !/^[A-Za-z]+\.[A-Za-z]+\.[A-Za-z]+$/.test(s) && !/^[A-Za-z]+\.[A-Za-z]+$/.test(s)
		)
	)
		return back({ error: 'invalid_scope' });
	const offline = q.get('access_type') === 'offline';
	x.log('authorize', { dc, clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Sign in to access Zoho (replica)',
		scopes,
		defaultEmail: 'adele@contoso.example',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({ clientId, user: email, scope: scopes.join(','), redirectUri, offline }),
			location: DCS[USER_DC] ?? 'us',
			'accounts-server': `https://accounts.zoho.${USER_DC}`
		})
	});
}

/** Zoho answers most OAuth failures with HTTP 200 and `{ error }`. @param {import('../kit.js').Exchange} x @param {string} error */
function zohoError(x, error) {
	return x.json(200, { error });
}

/** @param {import('../kit.js').Exchange} x @param {string} dc */
async function token(x, dc) {
	// Parameters may come in the query string (as Zoho's examples send them) or in the form.
	const params = new URLSearchParams([...x.url.searchParams, ...(await x.params())]);
	const client = clientOf(x, params);
	const grantType = params.get('grant_type');
	x.log('token', { dc, grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	const registered = client.id ? CLIENTS[client.id] : undefined;
	if (!registered || registered.secret !== client.secret) return zohoError(x, 'invalid_client');
	if (dc !== USER_DC) return zohoError(x, 'invalid_code');
	const apiDomain = `https://www.zohoapis.${dc}`;
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id) return zohoError(x, 'invalid_code');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return zohoError(x, 'invalid_redirect_uri');
		const issued = grants.issue(grant, { refresh: grant.offline });
		/** @type {Record<string, unknown>} */
		const body = { access_token: issued.accessToken };
		if (issued.refreshToken) body.refresh_token = issued.refreshToken;
		Object.assign(body, {
			scope: grant.scope.replaceAll(',', ' '),
			api_domain: apiDomain,
			token_type: 'Bearer',
			expires_in: issued.expiresIn
		});
		return x.json(200, body);
	}
	if (grantType === 'refresh_token') {
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id) return zohoError(x, 'invalid_code');
		const issued = grants.issue(used.grant, { grantId: used.grantId });
		x.log('refresh', { clientId: client.id });
		return x.json(200, {
			access_token: issued.accessToken,
			scope: used.grant.scope.replaceAll(',', ' '),
			api_domain: apiDomain,
			token_type: 'Bearer',
			expires_in: issued.expiresIn
		});
	}
	return zohoError(x, 'unsupported_grant_type');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = new URLSearchParams([...x.url.searchParams, ...(await x.params())]);
	if (!grants.revoke(params.get('token')))
		return x.json(200, { status: 'failure', error: 'invalid_token' });
	x.log('revoke', {});
	return x.json(200, { status: 'success' });
}

/** The grant of a `Zoho-oauthtoken` header (Bearer is not what these APIs read). @param {import('../kit.js').Exchange} x */
function zohoGrant(x) {
	const match = /^Zoho-oauthtoken\s+(\S+)$/.exec(x.header('authorization') ?? '');
	return grants.access(match?.[1]);
}

/** @param {import('../kit.js').Exchange} x @param {string} product @param {string} dc */
function api(x, product, dc) {
	if (cors(x, 'none')) return true;
	const grant = dc === USER_DC ? zohoGrant(x) : undefined;
	x.log('api', { product, dc, path: x.path, authorized: Boolean(grant) });
	const scopes = scopesOf(grant?.scope);
	if (product === 'desk') {
		if (!grant)
			return x.json(401, {
				errorCode: 'INVALID_OAUTH',
				message: 'The OAuth Token you provided is invalid.'
			});
		if (x.is('GET', '/api/v1/myinfo'))
			return x.json(200, {
				id: '1892000000056007',
				emailId: grant.user,
				firstName: 'Adele',
				lastName: 'Vance',
				roleId: '1892000000056099',
				status: 'ACTIVE'
			});
		if (x.is('GET', '/api/v1/tickets') && scopes.includes('Desk.tickets.READ'))
			return x.json(200, {
				data: [
					{ id: '1892000000093117', ticketNumber: '101', subject: 'Cannot log in', status: 'Open' }
				]
			});
		return x.json(404, {
			errorCode: 'URL_NOT_FOUND',
			message: 'The URL you requested is not found.'
		});
	}
	if (product === 'mail') {
		if (!grant)
			return x.json(401, {
				status: { code: 401, description: 'Invalid Input' },
				data: { errorCode: 'INVALID_OAUTHTOKEN' }
			});
		if (x.is('GET', '/api/accounts'))
			return x.json(200, {
				status: { code: 200, description: 'success' },
				data: [
					{
						accountId: '2560000000001001',
						incomingUserName: grant.user,
						primaryEmailAddress: grant.user,
						displayName: 'Adele Vance'
					}
				]
			});
		return x.json(404, { status: { code: 404, description: 'Not Found' } });
	}
	if (!grant)
		return x.json(200, { code: '1007', message: 'Invalid OAuth token.', status: 'error' });
	if (x.is('GET', '/api/v1.1/getmailinglists'))
		return x.json(200, {
			status: 'success',
			code: '0',
			list_of_details: [
				{ listname: 'Newsletter subscribers', listkey: '3z7e1c0a9b8d', noofcontacts: '42' }
			]
		});
	return x.json(404, { code: '404', message: 'Not found', status: 'error' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'zoho',
	name: 'Zoho',
	hosts: Object.keys(DCS).flatMap((dc) =>
		['accounts', 'desk', 'mail', 'campaigns'].map((p) => `${p}.zoho.${dc}`)
	),
	sources: [
		'https://www.zoho.com/accounts/protocol/oauth/web-server-applications.html',
		'https://zoho.com/accounts/protocol/oauth/multi-dc/client-authorization.html',
		'https://www.zoho.com/accounts/protocol/oauth/revoke-refresh-token.html',
		'https://www.zoho.com/mail/help/api/using-oauth-2.html',
		'https://desk.zoho.com/DeskAPIDocument#OauthTokens',
		'https://www.zoho.com/mail/help/api/get-all-users-accounts.html',
		'https://zoho.com/campaigns/help/developers/data-centers.html'
	],
	async handle(x) {
		const dc = dcOf(x.host);
		if (!dc) return false;
		const product = x.host.split('.')[0] ?? '';
		if (product !== 'accounts') return api(x, product, dc);
		if (x.is('GET', '/oauth/v2/auth')) return authorize(x, dc);
		if (x.path === '/oauth/v2/token' || x.path === '/oauth/v2/token/revoke') {
			if (cors(x, 'none')) return true;
			if (x.method !== 'POST') return false;
			return x.path === '/oauth/v2/token' ? token(x, dc) : revoke(x);
		}
		return false;
	}
};
