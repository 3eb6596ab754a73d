/**
 * Google: the Google connectors against the Google Identity replica
 * (sandbox/providers/vendors/google.js). The test project has one OAuth client of the "Web
 * application" type (Google requires its secret at the token endpoint, PKCE or not) and one API
 * key for the Cloud APIs that accept keys.
 */
import { providerTests, type AuthPlan } from './flow';

const CLIENT_ID = 'replica-web-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'replica-web-secret';
const ACCOUNT = 'jordan@northwind.example';

/** The two OAuth types every Google connector offers. */
function googleTypes(request: AuthPlan['request']): AuthPlan[] {
	const values = { 'Client ID': CLIENT_ID, 'Client secret': CLIENT_SECRET };
	return [
		{
			type: 'OAuth 2.0 Authorization code',
			values,
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		},
		{
			type: 'Bring your own OAuth 2.0 app',
			values,
			signIn: true,
			account: ACCOUNT,
			refresh: true,
			request,
			revoke: true
		}
	];
}

for (const [id, search, name, request] of [
	['gmail', 'gmail', 'Gmail', { path: '/users/me/labels', expect: /Invoices/ }],
	['google-drive', 'google drive', 'Google Drive', { path: '/files', expect: /Quarterly plan/ }],
	[
		'google-sheets',
		'google sheets',
		'Google Sheets',
		{ path: '/spreadsheets/replica-sheet', expect: /Budget 2025/ }
	],
	[
		'google-docs',
		'google docs',
		'Google Docs',
		{ path: '/documents/replica-doc', expect: /Meeting notes/ }
	],
	[
		'google-tasks',
		'google tasks',
		'Google Tasks',
		{ path: '/users/@me/lists', expect: /My Tasks/ }
	],
	[
		'google-workspace',
		'google workspace',
		/^Google Workspace/,
		{ path: '/users?customer=my_customer', expect: /Jordan Blake/ }
	],
	[
		'google-cloud-platform',
		'google cloud',
		/^Google Cloud/,
		{ path: '/projects:search', expect: /replica-project/ }
	],
	[
		'google-forms',
		'google forms',
		'Google Forms',
		{ path: '/forms/replica-form', expect: /Customer survey/ }
	]
] as const)
	providerTests({ id, vendor: 'google', search, name, types: googleTypes(request) });

/** Cloud APIs that also take an API key (`key` query parameter) instead of a user's token. */
for (const [id, search, name, request, key] of [
	[
		'google-vision',
		'google vision',
		'Google Vision',
		{
			method: 'POST',
			path: '/images:annotate',
			body: '{"requests":[{"image":{"source":{"imageUri":"gs://replica/cat.jpg"}},"features":[{"type":"LABEL_DETECTION"}]}]}',
			expect: /Cat/
		},
		false
	],
	[
		'google-text-to-speech',
		'text-to-speech',
		'Google Text-to-Speech',
		{ path: '/voices', expect: /en-US-Standard-A/ },
		true
	],
	[
		'google-speech-to-text',
		'speech-to-text',
		'Google Speech-to-Text',
		{
			method: 'POST',
			path: '/speech:recognize',
			body: '{"config":{"languageCode":"en-US"},"audio":{"uri":"gs://replica/hello.flac"}}',
			expect: /hello replica/
		},
		true
	]
] as const) {
	const types = googleTypes(request);
	if (key)
		types.push({
			type: 'API key',
			values: { 'API key': 'replica-api-key' },
			signIn: false,
			account: /.*/,
			refresh: 'an API key does not expire and has nothing to refresh',
			request,
			revoke: 'an API key is deleted in the Google Cloud console, not revoked by the app'
		});
	providerTests({ id, vendor: 'google', search, name, types });
}
