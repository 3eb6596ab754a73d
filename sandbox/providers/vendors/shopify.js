/**
 * Shopify stores ({shop}.myshopify.com): the authorization code grant of the Admin API and the
 * Admin REST API.
 *
 * Sources:
 * - https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant
 *   (authorize at /admin/oauth/authorize with client_id, comma-separated scope, redirect_uri,
 *   state and optional grant_options[]=per-user; the callback carries code, hmac, host, shop,
 *   state and timestamp; POST /admin/oauth/access_token with client_id, client_secret and code;
 *   an offline token answers `{ access_token, scope }` with no expiry and no refresh token; an
 *   online token adds expires_in and the associated user)
 * - https://shopify.dev/docs/api/admin-rest (every request carries the token in the
 *   X-Shopify-Access-Token header; errors are `{ errors: ... }`)
 * - https://shopify.dev/docs/api/admin-rest/latest/resources/shop (GET /admin/api/{version}/shop.json)
 * - https://shopify.dev/docs/api/admin-rest/latest/resources/product (GET .../products.json)
 * - https://github.com/lpinca/shopify-token/issues/9 and
 *   https://github.com/MONEI/Shopify-api-node/issues/120 (no CORS on /admin/oauth/access_token
 *   nor on the Admin API: the preflight fails)
 * - https://shopify.dev/docs/apps/build/authentication-authorization/app-installation/uninstall-app-api-request
 *   (an app is uninstalled, its token revoked, with DELETE /admin/api_permissions/current.json)
 */
import { createHmac, randomUUID } from 'node:crypto';
import { clientOf, cors, Grants, REDIRECT_URIS, signInPage } from '../kit.js';

const SHOPS = /** @type {Record<string, { name: string, email: string }>} */ ({
	acme: { name: 'Acme Outfitters', email: 'owner@acme.example' }
});
const APPS = /** @type {Record<string, { secret: string }>} */ ({
	'2f7d4e1c9b8a4c3d8e2f1a0b9c8d7e6f': { secret: 'shpss_replicashopifysecret0123456789' }
});
/** Admin API access tokens of custom apps created in the test store's admin. */
const CUSTOM_APP_TOKENS = new Map([['shpat_replica0123456789abcdef0123456789', 'acme']]);
const SCOPE = /^(unauthenticated_)?(read|write)_[a-z_]+$/;

const grants = new Grants({ prefix: 'shpua_', accessTtl: 86399 });

/** @param {import('../kit.js').Exchange} x */
function authorize(x, /** @type {string} */ shop) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!app)
		return x.html(
			400,
			'<!doctype html><title>Shopify</title><p>Oauth error invalid_request: The client_id is invalid.</p>'
		);
	if (!REDIRECT_URIS.includes(redirectUri))
		return x.html(
			400,
			'<!doctype html><title>Shopify</title><p>Oauth error invalid_request: The redirect_uri is not whitelisted.</p>'
		);
	const scopes = (q.get('scope') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (scopes.some((s) => !SCOPE.test(s)))
		return x.html(
			400,
			'<!doctype html><title>Shopify</title><p>Oauth error invalid_scope: The access scope is invalid.</p>'
		);
	const online = q.getAll('grant_options[]').includes('per-user');
	x.log('authorize', { shop, clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: `Install app — ${SHOPS[shop]?.name ?? shop} (replica)`,
		scopes,
		defaultEmail: SHOPS[shop]?.email ?? '',
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => {
			const params = {
				code: grants.code({
					clientId,
					user: email,
					scope: scopes.join(','),
					redirectUri,
					offline: !online,
					extra: { shop }
				}),
				host: Buffer.from(`admin.shopify.com/store/${shop}`).toString('base64url'),
				shop: `${shop}.myshopify.com`,
				timestamp: String(Math.floor(Date.now() / 1000)),
				...(q.has('state') ? { state: q.get('state') ?? '' } : {})
			};
			// hmac: SHA-256 over the other parameters, sorted, with the app's secret.
			const message = Object.entries(params)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([k, v]) => `${k}=${v}`)
				.join('&');
			return { ...params, hmac: createHmac('sha256', app.secret).update(message).digest('hex') };
		}
	});
}

/** @param {import('../kit.js').Exchange} x @param {string} shop */
async function accessToken(x, shop) {
	const params = await x.params();
	const client = clientOf(x, params);
	x.log('token', { shop, clientAuth: client.method, origin: x.header('origin') ?? null });
	const app = client.id ? APPS[client.id] : undefined;
	if (!app || app.secret !== client.secret)
		return x.json(400, {
			error: 'invalid_request',
			error_description: 'The client credentials are invalid.'
		});
	const grant = grants.takeCode(params.get('code'));
	if (!grant || grant.clientId !== client.id || grant.extra?.shop !== shop)
		return x.json(400, {
			error: 'invalid_request',
			error_description: 'The authorization code was not found or was already used'
		});
	if (grant.offline) {
		const issued = grants.issue(grant, { accessTtl: 10 * 365 * 24 * 3600 });
		return x.json(200, {
			access_token: issued.accessToken.replace(/^shpua_/, 'shpat_'),
			scope: grant.scope
		});
	}
	const issued = grants.issue(grant);
	return x.json(200, {
		access_token: issued.accessToken,
		scope: grant.scope,
		expires_in: issued.expiresIn,
		associated_user_scope: grant.scope,
		associated_user: {
			id: 902541635,
			first_name: 'Adele',
			last_name: 'Vance',
			email: grant.user,
			account_owner: true
		}
	});
}

/** The shop an Admin API token belongs to. @param {string | undefined} token */
function shopOfToken(token) {
	if (!token) return undefined;
	const custom = CUSTOM_APP_TOKENS.get(token);
	if (custom) return custom;
	return grants.access(token.replace(/^shpat_/, 'shpua_'))?.extra?.shop;
}

/** @param {import('../kit.js').Exchange} x @param {string} shop */
function admin(x, shop) {
	if (cors(x, 'none')) return true;
	const token = x.header('x-shopify-access-token');
	const authorized = shopOfToken(token) === shop;
	x.log('api', { shop, path: x.path, authorized });
	if (!authorized)
		return x.json(401, {
			errors: '[API] Invalid API key or access token (unrecognized login or wrong password)'
		});
	const store = SHOPS[shop];
	if (x.is('DELETE', '/admin/api_permissions/current.json')) {
		grants.revoke(token?.replace(/^shpat_/, 'shpua_'));
		x.log('revoke', { shop });
		return x.json(200, {});
	}
	const match = /^\/admin\/api\/(\d{4}-\d{2})\/(.+)$/.exec(x.path);
	if (match?.[2] === 'shop.json')
		return x.json(
			200,
			{
				shop: {
					id: 548380009,
					name: store?.name,
					email: store?.email,
					domain: `${shop}.myshopify.com`,
					myshopify_domain: `${shop}.myshopify.com`,
					currency: 'USD',
					plan_name: 'basic'
				}
			},
			{ 'X-Request-Id': randomUUID() }
		);
	if (match?.[2] === 'products.json')
		return x.json(200, {
			products: [{ id: 632910392, title: 'IPod Nano - 8GB', vendor: 'Apple', status: 'active' }]
		});
	return x.json(404, { errors: 'Not Found' });
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'shopify',
	name: 'Shopify',
	hosts: ['*.myshopify.com'],
	sources: [
		'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant',
		'https://shopify.dev/docs/api/admin-rest',
		'https://shopify.dev/docs/api/admin-rest/latest/resources/shop',
		'https://github.com/lpinca/shopify-token/issues/9',
		'https://github.com/MONEI/Shopify-api-node/issues/120'
	],
	async handle(x) {
		const shop = x.host.replace(/\.myshopify\.com$/, '');
		if (!SHOPS[shop])
			return x.html(
				404,
				'<!doctype html><title>Sorry, this shop is currently unavailable.</title><p>Sorry, this shop is currently unavailable.</p>'
			);
		if (x.is('GET', '/admin/oauth/authorize')) return authorize(x, shop);
		if (x.path === '/admin/oauth/access_token') {
			if (cors(x, 'none')) return true;
			return x.method === 'POST' && accessToken(x, shop);
		}
		if (x.path.startsWith('/admin/')) return admin(x, shop);
		return false;
	}
};
