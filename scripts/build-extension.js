// Builds the Switchboard Bridge extension after the app (the app's build empties build/ first):
//   build/extension/          the unpacked extension (chrome://extensions → Load unpacked)
//   build/switchboard-bridge.zip   the same, zipped for a store or a policy-hosted install
//   build/extension-test/     a TEST build: identical, but its hosts are granted at install,
//                             because headless Chromium cannot answer a permission prompt
// The app's service worker does not precache these (scripts/build-sw.js ignores them).
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'extension/src');
const out = resolve(root, process.env.SWITCHBOARD_OUT ?? 'build');
const unpacked = join(out, 'extension');
const test = join(out, 'extension-test');
const zip = join(out, 'switchboard-bridge.zip');

/** @param {string} dir @returns {string[]} */
function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

for (const path of [unpacked, test, zip]) rmSync(path, { recursive: true, force: true });
cpSync(source, unpacked, { recursive: true });
cpSync(source, test, { recursive: true });

/** @type {Record<string, Uint8Array>} */
const entries = {};
for (const file of walk(unpacked).sort()) {
	entries[relative(unpacked, file).split('\\').join('/')] = readFileSync(file);
}
// A fixed time, so the same sources give the same zip.
writeFileSync(zip, zipSync(entries, { level: 9, mtime: new Date('2025-01-01T00:00:00Z') }));

const manifestPath = join(test, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
manifest.name = '__MSG_extNameTest__';
manifest.host_permissions = manifest.optional_host_permissions;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, '\t')}\n`);

console.log(
	`extension: ${relative(root, unpacked)}, ${relative(root, zip)} (${Object.keys(entries).length} files), ${relative(root, test)}`
);
