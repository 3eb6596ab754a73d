/**
 * Zoho Desk, Mail and Campaigns against the Zoho replica (sandbox/providers/vendors/zoho.js),
 * with the test user in the EU data center. Zoho's accounts server sends no CORS headers, so
 * the code exchange is refused in a browser (the sign-in itself works).
 */
import { providerTests, type AuthPlan } from './flow';

const VALUES = {
	'Data center domain': 'eu',
	'Client ID': '1000.REPLICAZOHOCLIENT0123456789ABCD',
	'Client secret': 'replica-zoho-secret'
};
const REFUSED = {
	reason:
		'Zoho sends no CORS headers on accounts.zoho.{dc}/oauth/v2/token; needs the bridge extension'
};

function zohoTypes(
	request: AuthPlan['request'],
	account: string = 'adele@contoso.example',
	noCheck?: string
): AuthPlan[] {
	return ['OAuth 2.0 Authorization code', 'Bring your own OAuth 2.0 app'].map((type) => ({
		type,
		values: VALUES,
		signIn: true,
		account,
		noCheck,
		refused: REFUSED,
		refresh: true,
		request,
		revoke: true
	}));
}

providerTests({
	id: 'zoho-desk',
	vendor: 'zoho',
	search: 'zoho desk',
	name: 'Zoho Desk',
	types: zohoTypes({ path: '/tickets', expect: /Cannot log in/ })
});

providerTests({
	id: 'zoho-mail',
	vendor: 'zoho',
	search: 'zoho mail',
	name: 'Zoho Mail',
	types: zohoTypes({ path: '/accounts', expect: /Adele Vance/ })
});

providerTests({
	id: 'zoho-campaigns',
	vendor: 'zoho',
	search: 'zoho campaigns',
	name: 'Zoho Campaigns',
	// The catalog has no check request for Campaigns (unconfirmed) and asks for no id_token: the
	// app learns no account, and shows a signed-in user it cannot name as "Unknown".
	types: zohoTypes(
		{ path: '/getmailinglists?resfmt=JSON', expect: /Newsletter subscribers/ },
		'Unknown',
		'the catalog has no check request for Zoho Campaigns (no endpoint confirmed from its docs)'
	)
});
