/**
 * Dropbox: the OAuth 2 endpoints (www.dropbox.com/oauth2/authorize, api.dropboxapi.com/oauth2/token),
 * token revocation, and a few RPC endpoints of the user and team (Business) API.
 *
 * Sources:
 * - https://developers.dropbox.com/oauth-guide (authorize parameters, exact redirect URI match,
 *   scopes chosen in the App Console, PKCE with `code_challenge`/`code_verifier` for apps that
 *   cannot keep the app secret, `client_id` alone at the token endpoint for PKCE)
 * - https://dropbox.tech/developers/using-oauth-2-0-with-offline-access (short-lived access
 *   tokens; a refresh token only with `token_access_type=offline`; the refresh answer carries no
 *   new refresh token: the refresh token stays the same)
 * - https://www.dropbox.com/developers/documentation/http/documentation (RPC endpoints: POST with
 *   JSON arguments on api.dropboxapi.com; browser requests and CORS pre-flights; 400 answers are
 *   plain text, 401 answers JSON with `error_summary`; `auth/token/revoke` takes the access token
 *   as Bearer and no arguments, and ends the refresh token it came from as well)
 * - https://github.com/remotestorage/remotestorage.js/issues/1048 and
 *   https://github.com/n8n-io/n8n/pull/27685 (RPC endpoints refuse any Content-Type but JSON or
 *   `text/plain; charset=dropbox-cors-hack`: "Bad HTTP Content-Type header")
 * - https://github.com/dropbox/dropbox-sdk-js/issues/111 (api.dropboxapi.com answers browsers;
 *   the SDK runs PKCE in the page)
 * - Token response fields (`access_token`, `expires_in` 14400, `token_type` bearer, `scope`,
 *   `account_id`, `uid`; `team_id` for a team-linked app), as the offline-access post shows them.
 */
import {
	backToApp,
	clientOf,
	cors,
	Grants,
	pkceMatches,
	random,
	REDIRECT_URIS,
	scopesOf,
	signInPage
} from '../kit.js';

/**
 * Apps of the App Console. `scopes`: the permissions ticked on the Permissions tab; `team`: a
 * team-linked (Business) app whose tokens act for the whole team.
 * @type {Record<string, { secret: string, scopes: string[], team: boolean }>}
 */
const APPS = {
	'replica-dropbox-app': {
		secret: 'replica-dropbox-secret',
		scopes: [
			'account_info.read',
			'files.metadata.read',
			'files.content.read',
			'files.content.write'
		],
		team: false
	},
	'replica-dropbox-team-app': {
		secret: 'replica-dropbox-team-secret',
		scopes: ['team_info.read', 'members.read', 'team_data.member', 'files.metadata.read'],
		team: true
	}
};

const ACCOUNT = {
	account_id: 'dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc',
	uid: '12345678',
	given: 'Franz',
	surname: 'Ferdinand',
	email: 'franz@dropbox-replica.example'
};
const TEAM = { team_id: 'dbtid:AAFdgehTzw7WlXhZJsbGCLePe8RvQGYDr-I', name: 'Replica Team' };

/**
 * An access token generated in the App Console (Settings > Generated access token): it acts for
 * the app's owner, with the app's permissions.
 */
const GENERATED = new Map([
	['sl.replica-generated-user-token', 'replica-dropbox-app'],
	['sl.replica-generated-team-token', 'replica-dropbox-team-app']
]);

// Access tokens live four hours; they start with `sl.` ("short-lived").
const grants = new Grants({ prefix: 'sl.', accessTtl: 14400 });

/** The OAuth error body of the token endpoint. @param {import('../kit.js').Exchange} x */
function oauthError(
	x,
	/** @type {string} */ error,
	/** @type {string} */ description,
	status = 400
) {
	return x.json(status, { error, error_description: description });
}

/** A plain-text 400, as the API answers malformed calls. @param {import('../kit.js').Exchange} x */
function badInput(x, /** @type {string} */ message) {
	x.res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
	x.res.end(`Error in call to API function "${x.path.replace(/^\/2\//, '')}": ${message}`);
	return true;
}

/** @param {import('../kit.js').Exchange} x */
function authorize(x) {
	const q = x.url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const app = APPS[clientId];
	const page = (/** @type {string} */ text) =>
		x.html(400, `<!doctype html><title>Dropbox</title><p>${text}</p>`);
	if (!app) return page('Invalid client_id. The app key is not known.');
	const redirectUri = q.get('redirect_uri') ?? '';
	if (!REDIRECT_URIS.includes(redirectUri))
		return page(
			'Invalid redirect_uri. It must exactly match one of the redirect URIs registered in the App Console.'
		);
	const back = (/** @type {Record<string, string>} */ params) => backToApp(x, redirectUri, params);
	if (q.get('response_type') !== 'code')
		return back({
			error: 'unsupported_response_type',
			error_description: 'response_type must be code'
		});
	const accessType = q.get('token_access_type') ?? 'legacy';
	if (!['online', 'offline', 'legacy'].includes(accessType))
		return back({
			error: 'invalid_request',
			error_description: `unknown token_access_type "${accessType}"`
		});
	const method = q.get('code_challenge_method') ?? (q.get('code_challenge') ? 'plain' : undefined);
	if (method && !['S256', 'plain'].includes(method))
		return back({
			error: 'invalid_request',
			error_description: 'code_challenge_method must be S256 or plain'
		});
	// Without `scope`, the token gets every permission of the app.
	const requested = q.get('scope') ? scopesOf(q.get('scope')) : app.scopes;
	const unknown = requested.filter((s) => !app.scopes.includes(s));
	if (unknown.length)
		return back({
			error: 'invalid_scope',
			error_description: `The app is not permitted to request: ${unknown.join(', ')}`
		});
	x.log('authorize', { clientId, scope: q.get('scope'), params: Object.fromEntries(q) });
	return signInPage(x, {
		title: 'Dropbox — allow access (replica)',
		scopes: requested,
		defaultEmail: ACCOUNT.email,
		redirectUri,
		state: q.get('state'),
		onAccept: ({ email }) => ({
			code: grants.code({
				clientId,
				user: email,
				scope: requested.join(' '),
				redirectUri,
				codeChallenge: q.get('code_challenge') ?? undefined,
				codeChallengeMethod: method,
				// Only offline access brings a refresh token.
				offline: accessType === 'offline'
			})
		})
	});
}

/** @param {import('../kit.js').Grant} grant @param {{ refresh: boolean, grantId?: string }} options */
function tokenBody(grant, options) {
	const app = APPS[grant.clientId];
	const issued = grants.issue(grant, { refresh: options.refresh, grantId: options.grantId });
	/** @type {Record<string, unknown>} */
	const body = {
		access_token: issued.accessToken,
		token_type: 'bearer',
		expires_in: issued.expiresIn,
		scope: grant.scope
	};
	if (issued.refreshToken) body.refresh_token = issued.refreshToken;
	if (app?.team) body.team_id = TEAM.team_id;
	else Object.assign(body, { account_id: ACCOUNT.account_id, uid: ACCOUNT.uid });
	return body;
}

/** @param {import('../kit.js').Exchange} x */
async function token(x) {
	// The token endpoint answers any origin: the JavaScript SDK redeems PKCE codes in the page.
	if (cors(x, 'any', { methods: 'POST, OPTIONS' })) return true;
	const params = await x.params();
	const client = clientOf(x, params);
	const app = client.id ? APPS[client.id] : undefined;
	const grantType = params.get('grant_type');
	x.log('token', { grantType, clientAuth: client.method, origin: x.header('origin') ?? null });
	if (!app) return oauthError(x, 'invalid_client', 'Invalid client_id or client_secret', 400);
	if (client.secret !== undefined && client.secret !== app.secret)
		return oauthError(x, 'invalid_client', 'Invalid client_id or client_secret', 400);

	if (grantType === 'authorization_code') {
		const grant = grants.takeCode(params.get('code'));
		if (!grant || grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', "code doesn't exist or has expired");
		if (grant.redirectUri !== params.get('redirect_uri'))
			return oauthError(x, 'invalid_grant', 'redirect_uri mismatch');
		// Without the app secret, only PKCE proves the client.
		if (!client.secret && !grant.codeChallenge)
			return oauthError(
				x,
				'invalid_client',
				'No client_secret given and the code was not issued with a code_challenge'
			);
		if (
			!pkceMatches(
				grant.codeChallenge,
				grant.codeChallengeMethod,
				params.get('code_verifier') ?? undefined
			)
		)
			return oauthError(x, 'invalid_grant', 'invalid code verifier');
		return x.json(200, tokenBody(grant, { refresh: Boolean(grant.offline) }));
	}
	if (grantType === 'refresh_token') {
		// The refresh token is not used up: it stays the same, and the answer carries none.
		const used = grants.useRefresh(params.get('refresh_token'));
		if (!used || used.grant.clientId !== client.id)
			return oauthError(x, 'invalid_grant', 'refresh token is invalid or revoked');
		if (!client.secret && !used.grant.codeChallenge)
			return oauthError(
				x,
				'invalid_client',
				'No client_secret given for a grant made without PKCE'
			);
		x.log('refresh', { clientId: client.id });
		return x.json(200, tokenBody(used.grant, { refresh: false, grantId: used.grantId }));
	}
	return oauthError(
		x,
		'unsupported_grant_type',
		`grant_type "${grantType ?? ''}" is not supported`
	);
}

/** The caller of an RPC call: a token from the flow or one generated in the App Console. */
function callerOf(/** @type {string | undefined} */ bearer) {
	const generated = bearer ? GENERATED.get(bearer) : undefined;
	if (generated) {
		const app = APPS[generated];
		return {
			clientId: generated,
			scopes: app?.scopes ?? [],
			team: Boolean(app?.team),
			token: bearer
		};
	}
	const grant = grants.access(bearer);
	if (!grant) return undefined;
	return {
		clientId: grant.clientId,
		scopes: scopesOf(grant.scope),
		team: Boolean(APPS[grant.clientId]?.team),
		token: bearer
	};
}

/**
 * RPC endpoints: what each needs (a user or a team token, a scope) and answers.
 * @type {Record<string, { team: boolean, scope: string | null, answer: () => unknown }>}
 */
const RPC = {
	'/2/users/get_current_account': {
		team: false,
		scope: 'account_info.read',
		answer: () => ({
			account_id: ACCOUNT.account_id,
			name: {
				given_name: ACCOUNT.given,
				surname: ACCOUNT.surname,
				familiar_name: ACCOUNT.given,
				display_name: `${ACCOUNT.given} ${ACCOUNT.surname}`,
				abbreviated_name: 'FF'
			},
			email: ACCOUNT.email,
			email_verified: true,
			disabled: false,
			locale: 'en',
			country: 'US',
			is_paired: false,
			account_type: { '.tag': 'basic' },
			root_info: { '.tag': 'user', root_namespace_id: '3235641', home_namespace_id: '3235641' }
		})
	},
	'/2/users/get_space_usage': {
		team: false,
		scope: 'account_info.read',
		answer: () => ({ used: 314159265, allocation: { '.tag': 'individual', allocated: 2147483648 } })
	},
	'/2/files/list_folder': {
		team: false,
		scope: 'files.metadata.read',
		answer: () => ({
			entries: [
				{
					'.tag': 'folder',
					name: 'Quarterly reports',
					path_display: '/Quarterly reports',
					id: 'id:a4ayc_80_OEAAAAAAAAAXw'
				}
			],
			cursor: 'ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu',
			has_more: false
		})
	},
	'/2/team/get_info': {
		team: true,
		scope: 'team_info.read',
		answer: () => ({
			name: TEAM.name,
			team_id: TEAM.team_id,
			num_licensed_users: 5,
			num_provisioned_users: 2,
			policies: { sharing: { shared_link_create_policy: { '.tag': 'team_only' } } }
		})
	},
	'/2/team/members/list_v2': {
		team: true,
		scope: 'members.read',
		answer: () => ({
			members: [
				{
					profile: {
						team_member_id: 'dbmid:FDFSVF-DFSDF',
						email: ACCOUNT.email,
						status: { '.tag': 'active' },
						name: { display_name: `${ACCOUNT.given} ${ACCOUNT.surname}` }
					},
					roles: []
				}
			],
			cursor: 'ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu',
			has_more: false
		})
	}
};

/** Content types an RPC call may carry (JSON, or the documented CORS workaround). */
const RPC_CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'text/plain; charset=dropbox-cors-hack'
];

/** @param {import('../kit.js').Exchange} x */
async function rpc(x) {
	if (
		cors(x, 'any', {
			methods: 'POST, OPTIONS',
			headers:
				'Authorization, Content-Type, Dropbox-API-Arg, Dropbox-API-Select-User, Dropbox-API-Path-Root',
			expose: 'X-Dropbox-Request-Id, Dropbox-API-Result'
		})
	)
		return true;
	x.res.setHeader('X-Dropbox-Request-Id', random(12));
	if (x.method !== 'POST') return badInput(x, `Expected POST, got ${x.method}.`);
	const body = await x.body();
	const type = x.header('content-type');
	if (body.length > 0 || type !== undefined) {
		if (!type || !RPC_CONTENT_TYPES.includes(type.toLowerCase().trim()))
			return badInput(
				x,
				`Bad HTTP "Content-Type" header: "${type ?? ''}".  Expecting one of "application/json", "application/json; charset=utf-8", "text/plain; charset=dropbox-cors-hack".`
			);
		if (body.trim()) {
			try {
				JSON.parse(body);
			} catch {
				return badInput(x, 'request body: could not decode input as JSON');
			}
		}
	}
	const caller = callerOf(x.bearer());
	x.log('api', { path: x.path, authorized: Boolean(caller) });
	if (!caller)
		return x.json(
			401,
			{ error_summary: 'invalid_access_token/...', error: { '.tag': 'invalid_access_token' } },
			{ 'WWW-Authenticate': 'Bearer realm="Dropbox-API"' }
		);

	if (x.path === '/2/auth/token/revoke') {
		// Ends the access token used for the call, and its refresh token with it.
		if (caller.token && !GENERATED.has(caller.token)) grants.revoke(caller.token);
		x.log('revoke', { clientId: caller.clientId });
		return x.json(200, null);
	}
	const endpoint = RPC[x.path];
	if (!endpoint) return badInput(x, 'Unknown API function.');
	if (endpoint.team !== caller.team)
		return badInput(
			x,
			endpoint.team
				? 'This API function operates on a team, but the OAuth 2 access token you provided is for a single Dropbox account.'
				: 'This API function operates on a single Dropbox account, but the OAuth 2 access token you provided is for an entire Dropbox Business team.'
		);
	if (endpoint.scope && !caller.scopes.includes(endpoint.scope))
		return x.json(401, {
			error_summary: 'missing_scope/..',
			error: { '.tag': 'missing_scope', required_scope: endpoint.scope }
		});
	return x.json(200, endpoint.answer());
}

/** @type {import('../kit.js').Vendor} */
export default {
	id: 'dropbox',
	name: 'Dropbox',
	hosts: ['www.dropbox.com', 'api.dropboxapi.com'],
	sources: [
		'https://developers.dropbox.com/oauth-guide',
		'https://dropbox.tech/developers/using-oauth-2-0-with-offline-access',
		'https://www.dropbox.com/developers/documentation/http/documentation',
		'https://github.com/remotestorage/remotestorage.js/issues/1048',
		'https://github.com/dropbox/dropbox-sdk-js/issues/111'
	],
	async handle(x) {
		if (x.host === 'www.dropbox.com') {
			if (x.is('GET', '/oauth2/authorize')) return authorize(x);
			return false;
		}
		if (x.path === '/oauth2/token') return token(x);
		if (x.path.startsWith('/2/')) return rpc(x);
		return false;
	}
};
