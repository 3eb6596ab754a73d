import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layer order of DESIGN.md ("Layout"), lowest first. A folder of src/lib imports only
 * folders of lower layers (same-layer folders are independent), always through their index.ts;
 * only state/ imports the worker; idb lives in db/ and crypto.subtle in crypto/.
 */
const LAYERS = [
	['platform', 'i18n', 'settings'],
	['crypto'],
	['db'],
	['vault'],
	['catalog'],
	['oauth'],
	['auth'],
	['connections', 'folders'],
	['refresh'],
	['sharing', 'solutions', 'builder', 'triggers', 'bridge'],
	['worker'],
	['state'],
	['ui']
];
const ALL = LAYERS.flat();
const layerOf = (folder) => LAYERS.findIndex((layer) => layer.includes(folder));
/** An import of lib folder `name` from anywhere in src: `$lib/name…` or `../…/name…`. */
const importOf = (names, rest = '(/|$)') =>
	`^(\\$lib/|(\\.\\./)+(lib/)?)(${names.join('|')})${rest}`;

/** The import rules for files in `folder` (a lib folder, or 'routes'). */
function importRules(folder) {
	const level = folder === 'routes' ? LAYERS.length : layerOf(folder);
	const above = ALL.filter((f) => f !== folder && layerOf(f) >= level);
	const patterns = [];
	if (above.length)
		patterns.push({
			regex: importOf(above),
			message: `Layer order (DESIGN.md Layout): ${folder} may import only lower layers.`
		});
	if (folder !== 'state' && level > layerOf('worker'))
		patterns.push({
			regex: importOf(['worker']),
			message: 'Only lib/state talks to the worker: call a state method instead.'
		});
	patterns.push({
		// Components are files (`ui/X.svelte`), and `catalog/load` is the catalog data's own entry
		// (a lazy chunk: the index must not pull it in); all else goes through the folder's index.
		regex:
			'^(?!.*/catalog/load$)' +
			importOf(
				ALL.filter((f) => f !== folder),
				'/(?!.*\\.svelte$).+'
			).slice(1),
		message: "No deep imports: use the other folder's index.ts."
	});
	const paths = folder === 'db' ? [] : [{ name: 'idb', message: 'Only lib/db imports idb.' }];
	return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const subtle = {
	selector: "MemberExpression[property.name='subtle']",
	message: 'Only lib/crypto calls crypto.subtle.'
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Type-aware rules: a promise nobody awaits hides its failure.
		files: ['**/*.ts'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		rules: {
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use crypto.getRandomValues.' }
			],
			'no-restricted-globals': [
				'error',
				{ name: 'localStorage', message: 'Secrets never go to Web Storage; use the vault.' },
				{ name: 'sessionStorage', message: 'Secrets never go to Web Storage; use the vault.' }
			],
			'no-console': ['error', { allow: ['warn', 'error'] }]
		}
	},
	{
		// The browser extension: plain modules run by the browser, with the WebExtension APIs.
		files: ['extension/**'],
		languageOptions: { globals: { ...globals.browser, ...globals.webextensions } }
	},
	{
		files: ['sandbox/**', 'scripts/**', 'tests/**'],
		rules: { 'no-console': 'off' }
	},
	...ALL.map((folder) => ({
		files: [`src/lib/${folder}/**`],
		rules: {
			...importRules(folder),
			'no-restricted-syntax': folder === 'crypto' ? 'off' : ['error', subtle]
		}
	})),
	{
		files: ['src/routes/**'],
		rules: { ...importRules('routes'), 'no-restricted-syntax': ['error', subtle] }
	},
	{
		files: ['src/lib/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'idb', message: 'Only lib/db imports idb.' }],
					patterns: [{ regex: importOf(ALL), message: 'errors.ts is the lowest layer.' }]
				}
			],
			'no-restricted-syntax': ['error', subtle]
		}
	},
	{
		ignores: [
			'build/',
			'build-bench/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'test-results-providers/',
			'playwright-report/'
		]
	}
);
