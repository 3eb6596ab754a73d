// @ts-check
// The app shell budget (DESIGN.md "Performance budgets"): the initial JavaScript of every
// prerendered page in a production build, gzip-compressed, must be ≤ 100 KB (KB = 1,000 bytes,
// the stricter reading). Initial JavaScript = the files a page's HTML loads up front (module
// preloads and the boot imports) plus their static imports. Also reports the lazily loaded
// catalog chunk and the worker, which have no budget of their own.
// Usage: npm run size  (after npm run build)
//        node scripts/bench/size.js [build dir]   SIZE_BUDGET_BYTES=… overrides the budget.
// Exits 1 when a page is over budget or the build is missing or incomplete.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { printTable } from './table.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = resolve(root, process.argv[2] ?? 'build');
const budget = Number(process.env.SIZE_BUDGET_BYTES ?? 100_000);

/** @param {string} message @returns {never} */
function fail(message) {
	console.error(`size: ${message}`);
	process.exit(1);
}

if (!Number.isFinite(budget) || budget <= 0)
	fail(
		`SIZE_BUDGET_BYTES must be a positive number of bytes, not "${process.env.SIZE_BUDGET_BYTES}"`
	);
const shown = relative(root, dir) || dir;
if (!existsSync(dir) || !statSync(dir).isDirectory())
	fail(`no build in ${shown}/: run \`npm run build\` first`);
if (!existsSync(join(dir, '_app/immutable')))
	fail(`${shown}/ has no _app/immutable/: not a complete SvelteKit build; run \`npm run build\``);

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** @type {Map<string, Buffer>} */
const cache = new Map();
/** The contents of a build file, by its path from the build root. @param {string} file */
function read(file) {
	let data = cache.get(file);
	if (!data) {
		const path = join(dir, file);
		if (!existsSync(path)) fail(`${shown}/${file} is referenced but missing: rebuild`);
		data = readFileSync(path);
		cache.set(file, data);
	}
	return data;
}
/** @param {string} file */
const gz = (file) => gzipSync(read(file)).length;

/** The browser extension's builds (scripts/build-extension.js) sit beside the app, not in it. */
const NOT_THE_APP = new Set(['_app', 'extension', 'extension-test']);

/** Every .html file of the app under the build root, as paths from the root. */
function pages(/** @type {string} */ sub = '') {
	/** @type {string[]} */
	const found = [];
	for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
		const path = sub ? `${sub}/${entry.name}` : entry.name;
		if (entry.isDirectory() && !NOT_THE_APP.has(path)) found.push(...pages(path));
		else if (entry.isFile() && entry.name.endsWith('.html')) found.push(path);
	}
	return found.sort();
}

/** Static imports of a JavaScript file (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
/** @param {string} file */
function staticImports(file) {
	const code = read(file).toString('utf8');
	const specifiers = [...code.matchAll(/\b(?:from|import)\s*["']([^"']+\.js)["']/g)].map((m) => {
		const specifier = m[1];
		if (specifier === undefined) throw new Error(`unmatched import in ${file}: ${m[0]}`);
		return specifier;
	});
	return specifiers
		.filter((s) => s.startsWith('.') || s.startsWith('/'))
		.map((s) =>
			s.startsWith('/') ? s.slice(1) : posix.normalize(posix.join(posix.dirname(file), s))
		);
}

/**
 * The JavaScript a page loads up front: its module preloads and boot imports, and everything
 * they import statically (SvelteKit preloads all of it; following the imports makes sure).
 * @param {string} page
 */
function initialJs(page) {
	const html = read(page).toString('utf8');
	const queue = [...html.matchAll(/(_app\/immutable\/[^"'\s]+\.js)["']/g)].map((m) => m[1]);
	const listed = new Set(queue);
	const files = new Set();
	while (queue.length) {
		const file = /** @type {string} */ (queue.shift());
		if (files.has(file)) continue;
		files.add(file);
		queue.push(...staticImports(file));
	}
	const unlisted = [...files].filter((f) => !listed.has(f));
	return { files: [...files], unlisted };
}

const htmlPages = pages();
if (htmlPages.length === 0) fail(`no .html pages in ${shown}/: run \`npm run build\``);

/** @type {{ figure: string, value: string, budget: string, status: string }[]} */
const rows = [];
let over = false;
for (const page of htmlPages) {
	const { files, unlisted } = initialJs(page);
	if (files.length === 0) fail(`${shown}/${page} loads no JavaScript from _app/immutable/`);
	const total = files.reduce((sum, file) => sum + gz(file), 0);
	const ok = total <= budget;
	if (!ok) over = true;
	rows.push({
		figure: `initial JS of ${page} (${files.length} files${unlisted.length ? `, ${unlisted.length} not preloaded` : ''})`,
		value: `${kb(total)} gzip`,
		budget: `≤ ${kb(budget)}`,
		status: ok ? 'pass' : 'OVER'
	});
}

const chunkDir = '_app/immutable/chunks';
const catalog = readdirSync(join(dir, chunkDir))
	.map((f) => `${chunkDir}/${f}`)
	.find(
		(f) => f.endsWith('.js') && read(f).toString('utf8').includes('Salesforce Marketing Cloud')
	);
if (catalog)
	rows.push({
		figure: 'catalog chunk (lazy)',
		value: `${kb(gz(catalog))} gzip, ${kb(read(catalog).length)} raw`,
		budget: '—',
		status: 'info'
	});
const workerDir = '_app/immutable/workers';
if (existsSync(join(dir, workerDir)))
	for (const f of readdirSync(join(dir, workerDir)).filter((f) => f.endsWith('.js')))
		rows.push({
			figure: `worker ${f} (not counted in a page's initial JS)`,
			value: `${kb(gz(`${workerDir}/${f}`))} gzip`,
			budget: '—',
			status: 'info'
		});

console.log(
	`Bundle size of ${shown}/ (gzip level 6; KB = 1,000 bytes; budget ${budget.toLocaleString('en-US')} bytes per page${process.env.SIZE_BUDGET_BYTES ? ', from SIZE_BUDGET_BYTES' : ''})`
);
printTable([
	['figure', 'value', 'budget', 'result'],
	...rows.map((r) => [r.figure, r.value, r.budget, r.status])
]);
if (over) {
	console.error(`size: a page's initial JavaScript is over ${kb(budget)} gzip`);
	process.exitCode = 1;
}
