// `npm start`: everything a newcomer needs in one command. Installs the dependencies if they are
// missing, builds the app's local sandbox flavour (the sandbox connectors, labelled "Local sandbox
// build"), then serves it with the local sandbox provider and prints the URLs.
// Uses only Node's own modules until the install is done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** @param {string} command @param {string[]} args */
function run(command, args) {
	const result = spawnSync(command, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync('node_modules/.package-lock.json')) run('npm', ['ci', '--no-audit', '--no-fund']);
run('npm', ['run', 'build:sandbox']);

const children = [
	spawn('node', ['sandbox/index.js'], { stdio: 'inherit' }),
	spawn('node', ['scripts/serve.js'], { stdio: 'inherit', env: { ...process.env, PORT: '4173' } })
];
setTimeout(() => {
	console.log(`
Switchboard is running.
  App:      http://localhost:4173
  Sandbox:  http://localhost:9400 (sign in as alice / alice-password)
  API:      http://localhost:9401
Create a vault, then Connectors → search "sandbox" → pick an authentication type → Connect.
Stop with Ctrl-C.`);
}, 1500);
const stop = () => {
	for (const child of children) child.kill('SIGTERM');
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
