import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
		files: ['sandbox/**', 'scripts/**', 'tests/**'],
		rules: { 'no-console': 'off' }
	},
	{
		ignores: [
			'build/',
			'build-bench/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	}
);
