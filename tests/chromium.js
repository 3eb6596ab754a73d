// How tests and benchmarks launch Chromium here: Playwright cannot download browsers, so use
// CHROMIUM_PATH, else Debian's chromium; the flags keep it off this machine's closed network.
import { existsSync } from 'node:fs';

export const chromiumLaunchOptions = {
	executablePath:
		process.env.CHROMIUM_PATH ||
		(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-quic'
	]
};
