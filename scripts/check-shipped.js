// @ts-check
// `npm run check:shipped`: builds the shipped flavour (`vite build`, production mode) into a
// temporary folder and fails if any emitted file carries what only the local sandbox build may:
// a sandbox connector (its id or name), a sandbox credential, or `http://localhost` (the CSP of
// the shipped build allows no plain-http origin). Usage: node scripts/check-shipped.js [dir]
// (with a dir, builds there and keeps it; without, builds into a temp folder and removes it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv[2];
const out = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'switchboard-shipped-'));
const connectors = join(root, 'src/lib/catalog/connectors');

/** Every sandbox connector's id and name, and every credential a sandbox file or account holds. */
function needles() {
	/** @type {Set<string>} */
	const found = new Set([
		'http://localhost',
		'localhost:9400',
		'localhost:9401',
		'alice-password',
		'bob-password',
		'sandbox-byoa-secret',
		'sandbox-service-secret',
		'sandbox-password-secret',
		'sandbox-confidential-secret',
		'sandbox-confidential-post-secret',
		'sandbox-api-key-123',
		'sandbox-pat-456',
		'sandbox-custom-789'
	]);
	for (const file of readdirSync(connectors)) {
		if (!file.endsWith('.json')) continue;
		/** @type {{ id: string, name: string, sandbox?: boolean, authTypes?: { properties?: { default?: unknown, secret?: boolean }[] }[] }} */
		const raw = JSON.parse(readFileSync(join(connectors, file), 'utf8'));
		if (!raw.sandbox) continue;
		found.add(raw.id);
		found.add(raw.name);
		for (const auth of raw.authTypes ?? [])
			for (const p of auth.properties ?? [])
				if (p.secret && typeof p.default === 'string' && p.default) found.add(p.default);
	}
	return [...found];
}

/** @param {string} dir @returns {string[]} */
function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/** @param {string} cmd @param {string[]} args */
function run(cmd, args) {
	const r = spawnSync(cmd, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, SWITCHBOARD_OUT: out }
	});
	if (r.status !== 0) throw new Error(`check:shipped: ${cmd} ${args.join(' ')} failed`);
}

let failed = false;
try {
	console.log(`check:shipped: building the shipped flavour into ${out}`);
	run('npx', ['vite', 'build', '--mode', 'production']);
	run('node', ['scripts/build-sw.js']);
	const list = needles();
	const files = walk(out);
	for (const file of files) {
		const text = readFileSync(file, 'latin1');
		const utf8 = readFileSync(file, 'utf8');
		const hits = list.filter((n) => text.includes(n) || utf8.includes(n));
		if (hits.length) {
			failed = true;
			console.error(`  ${relative(out, file)}: ${hits.map((h) => JSON.stringify(h)).join(', ')}`);
		}
	}
	if (failed)
		console.error(
			'check:shipped: FAILED: the shipped build carries sandbox connectors, credentials or http://localhost (above)'
		);
	else
		console.log(
			`check:shipped: ok: ${files.length} files, none holds any of ${list.length} sandbox strings or http://localhost`
		);
} finally {
	if (!keep) rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
