/**
 * HubSpot against its replica (sandbox/providers/vendors/hubspot.js): no authenticated HubSpot
 * endpoint, the token endpoint included, answers cross-origin requests, so every type is
 * refused in a browser; the replica is complete for the bridge extension.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT = {
	'Client ID': '5f0c8e2a-1b3d-4e6f-8a9b-0c1d2e3f4a5b',
	'Client secret': 'replica-hubspot-secret'
};
const NO_CORS = (what: string) => ({
	reason: `HubSpot sends no CORS headers on ${what}; needs the bridge extension`
});
const NO_REVOKE =
	'HubSpot deletes a refresh token with DELETE /oauth/v1/refresh-tokens/{token}, which no revoke style expresses';

function hubspotTypes(request: AuthPlan['request']): AuthPlan[] {
	return [
		{
			type: 'OAuth 2.0 Authorization code',
			values: CLIENT,
			signIn: true,
			account: '24681357',
			refused: NO_CORS('its token endpoint'),
			refresh: true,
			request,
			revoke: NO_REVOKE
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values: CLIENT,
			signIn: true,
			account: '24681357',
			refused: NO_CORS('its token endpoint'),
			refresh: true,
			request,
			revoke: NO_REVOKE
		},
		{
			type: 'Personal Access Token (PAT)',
			values: { 'Private app access token': 'pat-na1-11111111-2222-4333-8444-555555555555' },
			signIn: false,
			account: '24681357',
			refused: NO_CORS('its APIs'),
			refresh: 'a private app token does not expire',
			request,
			revoke: 'a private app token is rotated or deleted in the HubSpot settings'
		}
	];
}

providerTests({
	id: 'hubspot-crm',
	vendor: 'hubspot',
	search: 'hubspot crm',
	name: 'Hubspot CRM',
	types: hubspotTypes({ path: '/crm/v3/objects/contacts', expect: /Halligan/ })
});

providerTests({
	id: 'hubspot-marketing',
	vendor: 'hubspot',
	search: 'hubspot marketing',
	name: 'HubSpot Marketing',
	types: hubspotTypes({ path: '/account-info/v3/details', expect: /24681357/ })
});
