/**
 * Zoom: OAuth for General (user-managed) apps at zoom.us/oauth/* and the REST API at
 * api.zoom.us/v2.
 *
 * Sources:
 * - https://developers.zoom.us/docs/integrations/oauth/ (authorize with `response_type=code`,
 *   `client_id`, `redirect_uri` matching the app's redirect URL, optional `state`; the scopes are
 *   the ones configured for the app; `POST https://zoom.us/oauth/token` with
 *   `Authorization: Basic base64(client_id:client_secret)` and `grant_type`, `code`,
 *   `redirect_uri`; the answer `access_token`, `token_type: bearer`, `refresh_token`,
 *   `expires_in` 3599, `scope`, `api_url`; refresh with `grant_type=refresh_token`: a new refresh
 *   token each time, the used one stops working)
 * - https://developers.zoom.us/docs/integrations/PKCE/ (`code_challenge`, `code_challenge_method`
 *   defaulting to plain; `code_verifier` at the token endpoint; a mismatch is `invalid_grant`)
 * - https://developers.qodex.ai/zoom-public/get-started-fast-with-zoom-apis/f/api-authorization-authentication-legacy-applications-oauth-app-oauth-2-0-with-pkce
 *   (Zoom's published API collection: `POST https://zoom.us/oauth/revoke` with Basic client
 *   credentials and `token`, answering `{ "status": "success" }`)
 * - https://developers.zoom.us/docs/api/using-zoom-apis/ and
 *   https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId} (`/v2/users/me`;
 *   errors `{ code, message }`, e.g. 124 "Invalid access token.")
 * - https://support.zoom.us/hc/en-us/articles/201764829-REST-API-Basics (API calls are made from a
 *   server, not from a web page: no CORS headers on zoom.us/oauth/* or api.zoom.us)
 */
import { cors, Grants, pkceMatches, REDIRECT_URIS, signInPage } from '../kit.js';

const USER = {
	id: 'KDcuGIm1QgePTO8WbOqwIQ',
	first_name: 'Jill',
	last_name: 'Chill',
	display_name: 'Jill Chill',
	email: 'jill@replica.example',
	type: 1,
	pmi: 3542471135,
	timezone: 'Europe/Berlin',
	account_id: 'q6gBJVO5TzexKYTb_I2rpg',
	status: 'active'
};

/** Apps of the test account: client id → secret and the scopes configured for the app. */
const APPS = {
	replicaZoomClient01: {
		secret: 'replica-zoom-secret',
		scopes: ['user:read:user', 'meeting:read:list_meetings']
	}
};

const grants = new Grants({ accessTtl: 3599 });

/** Zoom's token-endpoint error: `reason` and `error`. */
const oauthError = (
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {number} */ status,
	/** @type {string} */ error,
	/** @type {string} */ reason
) => x.json(status, { reason, error });

/** Client credentials: HTTP Basic only. @param {import('../kit.js').Exchange} x */
function basicClient(x) {
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	if (!basic?.[1]) return undefined;
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	const id = decodeURIComponent(decoded.slice(0, at));
	const app = APPS[/** @type {keyof typeof APPS} */ (id)];
	return app && app.secret === decodeURIComponent(decoded.slice(at + 1)) ? { id, app } : undefined;
}

/** Parameters from the query string and the form body (Zoom reads both). */
async function allParams(/** @type {import('../kit.js').Exchange} */ x) {
	const params = new URLSearchParams(x.url.searchParams);
	for (const [k, v] of await x.params()) params.set(k, v);
	return params;
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[/** @type {keyof typeof APPS} */ (clientId)];
	if (!app) return x.html(400, '<!doctype html><title>Zoom</title><p>Invalid client_id: 4,700</p>');
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(400, '<!doctype html><title>Zoom</title><p>Invalid redirect: 4,700</p>');
	if (q.get('response_type') !== 'code') {
		const url = new URL(redirectUri);
		url.searchParams.set('error', 'unsupported_response_type');
		if (q.get('state')) url.searchParams.set('state', q.get('state') ?? '');
		return x.redirect(url.href);
	}
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Allow this app to use your Zoom account? (replica)',
		scopes: app.scopes,
		defaultEmail: USER.email,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: app.scopes.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: q.get('code_challenge_method') ?? 'plain'
			})
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {string | undefined} grantId */
function tokenResponse(grant, grantId) {
	const issued = grants.issue(grant, { refresh: true, grantId });
	return {
		access_token: issued.accessToken,
		token_type: 'bearer',
		refresh_token: issued.refreshToken,
		expires_in: issued.expiresIn,
		scope: grant.scope,
		api_url: 'https://api.zoom.us'
	};
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await allParams(x);
	const client = basicClient(x);
	const grantType = params.get('grant_type');
	x.log('token', { grantType, origin: x.header('origin') ?? null });
	if (!client) return oauthError(x, 401, 'invalid_client', 'Invalid client_id or client_secret');
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'Invalid authorization code');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 400, 'invalid_request', 'Invalid redirect uri');
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 400, 'invalid_grant', 'Invalid code verifier');
		return x.json(200, tokenResponse(grant, undefined));
	}
	if (grantType === 'refresh_token') {
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: true });
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 400, 'invalid_grant', 'Invalid Token!');
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenResponse(used.grant, used.grantId));
	}
	return oauthError(x, 400, 'unsupported_grant_type', 'Unsupported grant type');
}

/** @param {import('../kit.js').Exchange} x */
async function revoke(x) {
	const params = await allParams(x);
	const client = basicClient(x);
	if (!client) return oauthError(x, 401, 'invalid_client', 'Invalid client_id or client_secret');
	const tokenValue = params.get('token');
	const owner = grants.access(tokenValue ?? undefined);
	if (!tokenValue || (owner && owner.clientId !== client.id) || !grants.revoke(tokenValue))
		return oauthError(x, 400, 'invalid_request', 'Invalid Token!');
	x.log('revoke', { clientId: client.id });
	return x.json(200, { status: 'success' });
}

/** @param {import('../kit.js').Exchange} x */
function api(x) {
	// No CORS: the API is for servers.
	if (cors(x, 'none')) return true;
	const grant = grants.access(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(grant) });
	if (!grant) return x.json(401, { code: 124, message: 'Invalid access token.' });
	const scopes = grant.scope.split(' ');
	if (x.is('GET', '/v2/users/me'))
		return scopes.includes('user:read:user')
			? x.json(200, { ...USER, email: grant.user })
			: x.json(400, {
					code: 4711,
					message: 'Invalid access token, does not contain scopes:[user:read:user].'
				});
	if (x.is('GET', '/v2/users/me/meetings'))
		return scopes.includes('meeting:read:list_meetings')
			? x.json(200, {
					page_size: 30,
					total_records: 1,
					next_page_token: '',
					meetings: [
						{
							id: 85746065432,
							topic: 'Replica weekly sync',
							type: 8,
							duration: 30,
							timezone: USER.timezone
						}
					]
				})
			: x.json(400, {
					code: 4711,
					message: 'Invalid access token, does not contain scopes:[meeting:read:list_meetings].'
				});
	return x.json(404, { code: 300, message: 'The requested resource does not exist.' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'zoom',
	name: 'Zoom',
	hosts: ['zoom.us', 'api.zoom.us'],
	sources: [
		'https://developers.zoom.us/docs/integrations/oauth/',
		'https://developers.zoom.us/docs/integrations/PKCE/',
		'https://developers.zoom.us/docs/api/using-zoom-apis/',
		'https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}',
		'https://support.zoom.us/hc/en-us/articles/201764829-REST-API-Basics'
	],
	async handle(x) {
		if (x.host === 'api.zoom.us') return api(x);
		if (x.is('GET', '/oauth/authorize')) return authorize(x);
		if (x.path === '/oauth/token' || x.path === '/oauth/revoke') {
			if (x.method === 'OPTIONS') return cors(x, 'none');
			if (x.method !== 'POST') return false;
			return x.path === '/oauth/token' ? token(x) : revoke(x);
		}
		return false;
	}
};
