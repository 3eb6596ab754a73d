/**
 * Vendor deviations at the token endpoint, handled at the fetch so that oauth4webapi's checks stay
 * as they are: a token request sent as JSON instead of a form, and a token answer without
 * `token_type` given the type the vendor documents.
 */
import type { OAuthConfig } from '../catalog';
import type { FetchLike } from '../platform';

export function withTokenQuirks(
	send: FetchLike,
	config: OAuthConfig,
	tokenEndpoints: ReadonlySet<string>
): FetchLike {
	if (config.tokenRequestBody !== 'json' && !config.defaultTokenType) return send;
	return async (url, init) => {
		if (!tokenEndpoints.has(url)) return send(url, init);
		let request = init;
		if (config.tokenRequestBody === 'json' && init.body instanceof URLSearchParams) {
			const headers = new Headers(init.headers);
			headers.set('content-type', 'application/json');
			request = { ...init, headers, body: JSON.stringify(Object.fromEntries(init.body)) };
		}
		const response = await send(url, request);
		return config.defaultTokenType ? typed(response, config.defaultTokenType) : response;
	};
}

/** The same answer with `token_type` added when a successful JSON body lacks it. */
async function typed(response: Response, tokenType: string): Promise<Response> {
	if (!response.ok) return response;
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	const patched =
		body && typeof body === 'object' && !Array.isArray(body) && !('token_type' in body)
			? JSON.stringify({ ...body, token_type: tokenType })
			: text;
	return new Response(patched, {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}
