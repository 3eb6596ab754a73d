/**
 * Atlassian Cloud: OAuth 2.0 (3LO) at auth.atlassian.com, the sites a grant reaches
 * (accessible-resources), and the Jira and Confluence REST APIs behind the api.atlassian.com
 * gateway, with OAuth tokens and with scoped API tokens (HTTP Basic).
 *
 * Sources:
 * - https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ and
 *   https://developer.atlassian.com/cloud/confluence/oauth-2-3lo-apps/ (authorize parameters:
 *   `audience=api.atlassian.com`, `client_id`, `scope`, `redirect_uri`, `state`,
 *   `response_type=code`, `prompt=consent`; the token request carries `client_id` and
 *   `client_secret` (required) with `code` and `redirect_uri`; the answer `access_token`,
 *   `expires_in`, `scope`, and `refresh_token` with `offline_access`; the cloud id comes from
 *   `GET https://api.atlassian.com/oauth/token/accessible-resources` (`id`, `url`, `name`,
 *   `scopes`, `avatarUrl`); API calls go to `https://api.atlassian.com/ex/jira/{cloudid}/...`
 *   and `https://api.atlassian.com/ex/confluence/{cloudId}/...`)
 * - https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens (rotating
 *   refresh tokens: every refresh returns a new refresh token; `client_secret` required)
 * - https://developer.atlassian.com/cloud/oauth/getting-started/faq (one grant per app and
 *   account: a site granted later joins the same grant; CORS is supported for api.atlassian.com;
 *   a refresh token lives 90 days and every new one invalidates the one used)
 * - https://community.atlassian.com/t5/Jira-Software-questions/Exchange-authorization-code-for-access-token-gt-403-error/qaq-p/1442839
 *   (an invalid code is answered 403 with `error_description: "Invalid authorization code"`)
 * - https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/
 *   and https://jira.atlassian.com/browse/CLOUD-12617 (a scoped API token is used with HTTP Basic
 *   (email:token) against `https://api.atlassian.com/ex/{jira|confluence}/{cloudId}`)
 * - https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/ and
 *   https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-current-get
 *   (`/myself`, `/user/current`)
 *
 * CORS of auth.atlassian.com: the FAQ documents CORS for api.atlassian.com only, and the token
 * request needs the client secret; the replica's token endpoint sends no CORS headers.
 * Not documented and therefore not reproduced: PKCE (the authorize endpoint ignores
 * `code_challenge`), a revocation endpoint (users remove an app under Connected apps).
 */
import { backToApp, clientOf, cors, Grants, REDIRECT_URIS, scopesOf, signInPage } from '../kit.js';

/** The test account and its two sites. */
const ACCOUNT = {
	accountId: '557058:5f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b',
	email: 'mia@replica.example',
	name: 'Mia Krystof'
};
const SITES = [
	{
		id: '1324a887-45db-1bf4-1e99-ef0ff456d421',
		name: 'replica-one',
		url: 'https://replica-one.atlassian.net'
	},
	{
		id: '8d6f2c1b-7a3e-4b59-9c0d-2e1f3a4b5c6d',
		name: 'replica-two',
		url: 'https://replica-two.atlassian.net'
	}
];
/** Scoped API tokens of the account (id.atlassian.com › Security › API tokens). */
const API_TOKENS = { ATATT3xReplicaScopedApiToken0001: ACCOUNT.email };

const APPS = { 'replica-atlassian-client-id': { secret: 'replica-atlassian-secret' } };

const grants = new Grants({ accessTtl: 3600 });
/** The sites each account granted each app (one grant per app and account). */
const grantedSites = new Map();

const authError = (
	/** @type {import('../kit.js').Exchange} */ x,
	/** @type {number} */ status,
	/** @type {string} */ error,
	/** @type {string} */ description
) => x.json(status, { error, error_description: description });

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	if (!(clientId in APPS))
		return x.html(400, '<!doctype html><title>Atlassian</title><p>Invalid client_id.</p>');
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Atlassian</title><p>The redirect_uri does not match a callback URL of this app.</p>'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code'
		});
	// Without the audience the token would not be for the API gateway.
	if (q.get('audience') !== 'api.atlassian.com')
		return back({
			error: 'access_denied',
			error_description: 'Service not found: ' + (q.get('audience') ?? '')
		});
	const scopes = scopesOf(q.get('scope'));
	if (!scopes.length)
		return back({ error: 'invalid_scope', error_description: 'scope is required' });
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Authorize access to your Atlassian account (replica)',
		scopes,
		defaultEmail: ACCOUNT.email,
		choices: {
			name: 'site',
			label: 'Use app on',
			options: SITES.map((s) => ({ value: s.id, label: s.name }))
		},
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email, choice }) => {
			const key = `${clientId} ${email}`;
			const sites = grantedSites.get(key) ?? new Set();
			sites.add(choice ?? SITES[0]?.id);
			grantedSites.set(key, sites);
			return {
				code: grants.code({ clientId, user: email, scope: scopes.join(' '), redirectUri })
			};
		}
	});
}

/** @param {import('../kit.js').Grant} grant @param {string | undefined} grantId */
function tokenResponse(grant, grantId) {
	const scopes = scopesOf(grant.scope);
	const issued = grants.issue(grant, { refresh: scopes.includes('offline_access'), grantId });
	return {
		access_token: issued.accessToken,
		expires_in: issued.expiresIn,
		token_type: 'Bearer',
		...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
		scope: grant.scope
	};
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[/** @type {keyof typeof APPS} */ (client.id)] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', {
		grantType,
		clientAuth: client.method,
		contentType: x.header('content-type') ?? null,
		origin: x.header('origin') ?? null
	});
	if (!app || app.secret !== client.secret)
		return authError(x, 401, 'access_denied', 'Unauthorized');
	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return authError(x, 403, 'invalid_grant', 'Invalid authorization code');
		if (grant.redirectUri !== params.get('redirect_uri'))
			return authError(x, 403, 'invalid_grant', 'Invalid redirect_uri');
		return x.json(200, tokenResponse(grant, undefined));
	}
	if (grantType === 'refresh_token') {
		// Rotating refresh tokens: the one used is invalid from now on.
		const used = grants.useRefresh(params.get('refresh_token'), { rotate: true });
		if (!used || used.grant.clientId !== client.id)
			return authError(x, 403, 'invalid_grant', 'Unknown or invalid refresh token.');
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenResponse(used.grant, used.grantId));
	}
	return authError(
		x,
		400,
		'unsupported_grant_type',
		'Unsupported grant type: ' + (grantType ?? '')
	);
}

/**
 * Who calls the gateway: an OAuth grant (its scopes and sites) or a scoped API token (Basic).
 * @param {import('../kit.js').Exchange} x
 * @returns {{ kind: 'oauth', scopes: string[], sites: string[] } | { kind: 'basic', sites: string[] } | undefined}
 */
function caller(x) {
	const grant = grants.access(x.bearer());
	if (grant) {
		const sites = [...(grantedSites.get(`${grant.clientId} ${grant.user}`) ?? [])];
		return { kind: 'oauth', scopes: scopesOf(grant.scope), sites };
	}
	const basic = /^Basic\s+(\S+)$/i.exec(x.header('authorization') ?? '');
	if (basic?.[1]) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const at = decoded.indexOf(':');
		const [email, apiToken] = [decoded.slice(0, at), decoded.slice(at + 1)];
		if (API_TOKENS[/** @type {keyof typeof API_TOKENS} */ (apiToken)] === email)
			return { kind: 'basic', sites: SITES.map((s) => s.id) };
	}
	return undefined;
}

const unauthorized = (/** @type {import('../kit.js').Exchange} */ x, message = 'Unauthorized') =>
	x.json(401, { code: 401, message });

/** @param {import('../kit.js').Exchange} x */
function gateway(x) {
	// api.atlassian.com answers CORS (faq), for the gateway and the token-info resources.
	if (
		cors(x, 'reflect', {
			methods: 'GET, POST, PUT, DELETE, OPTIONS',
			headers: 'Authorization, Content-Type, Accept, X-Atlassian-Token'
		})
	)
		return true;
	const who = caller(x);
	x.log('api', { path: x.path, authorized: Boolean(who), credential: who?.kind ?? null });
	if (!who) return unauthorized(x);
	const has = (/** @type {string} */ scope) => who.kind === 'basic' || who.scopes.includes(scope);

	if (x.is('GET', '/oauth/token/accessible-resources')) {
		if (who.kind !== 'oauth') return unauthorized(x);
		return x.json(
			200,
			SITES.filter((s) => who.sites.includes(s.id)).map((s) => ({
				id: s.id,
				url: s.url,
				name: s.name,
				scopes: who.scopes.filter((sc) => sc !== 'offline_access'),
				avatarUrl: 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png'
			}))
		);
	}
	if (x.is('GET', '/me')) {
		if (!has('read:me')) return unauthorized(x, 'Unauthorized; scope does not match');
		return x.json(200, {
			account_type: 'atlassian',
			account_id: ACCOUNT.accountId,
			email: ACCOUNT.email,
			name: ACCOUNT.name,
			account_status: 'active'
		});
	}

	const match = /^\/ex\/(jira|confluence)\/([^/]+)(\/.*)$/.exec(x.path);
	if (!match) return x.json(404, { code: 404, message: 'Not Found' });
	const [, product, cloudId = '', rest = ''] = match;
	const site = SITES.find((s) => s.id === cloudId);
	if (!site) return x.json(404, { code: 404, message: 'Cloud id not found' });
	if (!who.sites.includes(site.id)) return unauthorized(x);
	const user = {
		accountId: ACCOUNT.accountId,
		accountType: 'atlassian',
		emailAddress: ACCOUNT.email,
		displayName: ACCOUNT.name,
		active: true,
		timeZone: 'Australia/Sydney',
		self: `https://api.atlassian.com/ex/jira/${site.id}/rest/api/3/user?accountId=${ACCOUNT.accountId}`
	};
	if (product === 'jira') {
		if (x.method === 'GET' && rest === '/rest/api/3/myself')
			return has('read:jira-user')
				? x.json(200, user)
				: unauthorized(x, 'Unauthorized; scope does not match');
		if (x.method === 'GET' && rest === '/rest/api/3/project')
			return has('read:jira-work')
				? x.json(200, [{ id: '10000', key: 'REP', name: `Replica project (${site.name})` }])
				: unauthorized(x, 'Unauthorized; scope does not match');
		return x.json(404, {
			errorMessages: ['The requested resource could not be found.'],
			errors: {}
		});
	}
	if (x.method === 'GET' && rest === '/wiki/rest/api/user/current')
		return has('read:confluence-user')
			? x.json(200, {
					type: 'known',
					accountId: ACCOUNT.accountId,
					accountType: 'atlassian',
					email: ACCOUNT.email,
					publicName: ACCOUNT.name,
					displayName: ACCOUNT.name
				})
			: unauthorized(x, 'Unauthorized; scope does not match');
	if (x.method === 'GET' && rest === '/wiki/rest/api/space')
		return has('read:confluence-space.summary')
			? x.json(200, {
					results: [
						{ id: 98305, key: 'REP', name: `Replica space (${site.name})`, type: 'global' }
					],
					start: 0,
					limit: 25,
					size: 1
				})
			: unauthorized(x, 'Unauthorized; scope does not match');
	return x.json(404, { statusCode: 404, message: 'No message available' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'atlassian',
	name: 'Atlassian',
	hosts: ['auth.atlassian.com', 'api.atlassian.com'],
	sources: [
		'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
		'https://developer.atlassian.com/cloud/confluence/oauth-2-3lo-apps/',
		'https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens',
		'https://developer.atlassian.com/cloud/oauth/getting-started/faq',
		'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
		'https://jira.atlassian.com/browse/CLOUD-12617'
	],
	async handle(x) {
		if (x.host === 'api.atlassian.com') return gateway(x);
		if (x.is('GET', '/authorize')) return authorize(x);
		if (x.path === '/oauth/token') {
			if (x.method === 'OPTIONS') return cors(x, 'none');
			if (x.method === 'POST') return token(x);
		}
		return false;
	}
};
