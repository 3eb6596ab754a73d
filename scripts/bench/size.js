// Reports the app shell's initial JavaScript (what index.html loads before anything lazy) and
// the lazily loaded catalog chunk, both gzip-compressed, from a production build in build/.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = 'build';
/** @param {string} file */
const gz = (file) => gzipSync(readFileSync(join(dir, file))).length;
/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The JavaScript a page loads up front: its module preloads and the boot imports. */
/** @param {string} page */
function initialJs(page) {
	const html = readFileSync(join(dir, page), 'utf8');
	const files = [...html.matchAll(/(_app\/immutable\/[^"]+\.js)"/g)].map((m) => m[1]);
	return [...new Set(files)];
}

for (const page of ['200.html', 'connections.html']) {
	const files = initialJs(page);
	const total = files.reduce((sum, file) => sum + gz(file), 0);
	console.log(`initial JS of ${page}: ${files.length} files, ${kib(total)} gzip (budget 100 KiB)`);
}

const chunks = readdirSync(join(dir, '_app/immutable/chunks')).map(
	(f) => `_app/immutable/chunks/${f}`
);
const catalog = chunks.find((f) =>
	readFileSync(join(dir, f), 'utf8').includes('Salesforce Marketing Cloud')
);
if (catalog)
	console.log(
		`catalog chunk (lazy): ${kib(gz(catalog))} gzip, ${kib(readFileSync(join(dir, catalog)).length)} raw`
	);
const workers = readdirSync(join(dir, '_app/immutable/workers')).filter((f) => f.endsWith('.js'));
for (const f of workers)
	console.log(
		`worker ${f}: ${kib(gz(`_app/immutable/workers/${f}`))} gzip (loaded beside the shell)`
	);
