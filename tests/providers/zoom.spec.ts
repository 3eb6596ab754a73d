/**
 * Zoom: the connector against the Zoom replica (sandbox/providers/vendors/zoom.js). The test
 * account has one General app (client secret, Basic client authentication at the token
 * endpoint, rotating refresh tokens, revocation at zoom.us/oauth/revoke).
 *
 * Neither zoom.us/oauth/* nor api.zoom.us sends CORS headers: both OAuth types need the bridge
 * extension in a browser.
 */
import { providerTests, type AuthPlan } from './flow';

const REFUSED = {
	reason:
		'zoom.us/oauth/token sends no CORS headers (Zoom APIs are for servers); needs the bridge extension'
};

const types: AuthPlan[] = ['OAuth 2.0 Authorization code', 'Bring your own OAuth 2.0 app'].map(
	(type) => ({
		type,
		values: { 'Client ID': 'replicaZoomClient01', 'Client secret': 'replica-zoom-secret' },
		signIn: true,
		account: 'jill@replica.example',
		refused: REFUSED,
		refresh: true,
		request: { path: '/users/me/meetings', expect: /Replica weekly sync/ },
		revoke: true
	})
);

providerTests({ id: 'zoom', vendor: 'zoom', search: 'zoom', name: 'Zoom', types });
