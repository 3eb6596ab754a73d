/**
 * The in-process sandbox the unit tests share: started on free ports, and the sandbox
 * connectors pointed at it (their definitions name the fixed dev ports 9400/9401).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/index.js';
import { validateConnector, type Connector } from '../../src/lib/catalog';
import {
	startConnection,
	type ConnectionContext,
	type ConnectionDraft
} from '../../src/lib/connections';
import { Browser, signIn } from './browser';

export const APP = 'http://localhost:4173';

export interface TestSandbox {
	issuer: string;
	apiUrl: string;
	close(): Promise<void>;
}

export function startTestSandbox(options: { accessTokenTtl?: number } = {}): Promise<TestSandbox> {
	return startSandbox({
		issuerPort: 0,
		apiPort: 0,
		accessTokenTtl: options.accessTokenTtl ?? 60,
		appOrigins: [APP],
		quiet: true
	});
}

/** A connector definition's text with the dev ports replaced by this sandbox's. */
export function pointAt(text: string, sandbox: Pick<TestSandbox, 'issuer' | 'apiUrl'>): string {
	return text
		.replaceAll('http://localhost:9400', sandbox.issuer)
		.replaceAll('http://localhost:9401', sandbox.apiUrl);
}

/** The sandbox connectors, pointed at `sandbox`. */
export function sandboxCatalog(sandbox: TestSandbox): Map<string, Connector> {
	const dir = join(import.meta.dirname, '../../src/lib/catalog/connectors');
	const map = new Map<string, Connector>();
	for (const file of readdirSync(dir).filter((f) => f.startsWith('sandbox-'))) {
		const text = pointAt(readFileSync(join(dir, file), 'utf8'), sandbox);
		const connector = validateConnector(JSON.parse(text));
		map.set(connector.id, connector);
	}
	return map;
}

/** Starts a redirect flow and signs in at the sandbox as alice; resolves with the callback URL. */
export async function signInFor(ctx: ConnectionContext, draft: ConnectionDraft): Promise<URL> {
	const started = await startConnection(ctx, draft);
	if (started.kind !== 'redirect') throw new Error('expected a redirect');
	return signIn(started.url, new Browser([ctx.redirectUri]));
}
