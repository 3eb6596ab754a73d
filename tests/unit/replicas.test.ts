/**
 * The vendor replicas' plumbing: every vendor cites its sources and owns its hostnames alone,
 * the resolver rules send exactly those names to the replica port, and the run's certificate
 * is the one whose key hash the test browser is told to accept.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	hostResolverRules,
	replicaHostPatterns,
	vendorForHost
} from '../../sandbox/providers/hosts.js';
import { ensureCertificate } from '../../sandbox/providers/tls.js';
import { vendors } from '../../sandbox/providers/vendors.js';

describe('vendor replicas', () => {
	it('each cites the vendor’s documentation and answers for its own hosts only', () => {
		expect(vendors.length).toBeGreaterThanOrEqual(12);
		const owners = new Map<string, string>();
		for (const vendor of vendors) {
			expect(vendor.sources.length, vendor.id).toBeGreaterThan(0);
			for (const source of vendor.sources) expect(new URL(source).protocol).toBe('https:');
			for (const host of vendor.hosts) {
				expect(owners.get(host), `${host} claimed twice`).toBeUndefined();
				owners.set(host, vendor.id);
			}
		}
	});

	it('maps vendor hosts, wildcards included, and nothing else', () => {
		expect(vendorForHost('login.microsoftonline.com')?.id).toBe('microsoft');
		expect(vendorForHost('contoso.crm4.dynamics.com')?.id).toBe('microsoft');
		expect(vendorForHost('acme.my.salesforce.com')?.id).toBe('salesforce');
		expect(vendorForHost('crm4.dynamics.com')).toBeUndefined();
		expect(vendorForHost('localhost')).toBeUndefined();
		expect(vendorForHost('evil-login.microsoftonline.com.example')).toBeUndefined();
		const rules = hostResolverRules(9443).split(', ');
		expect(rules).toContain('MAP login.microsoftonline.com 127.0.0.1:9443');
		expect(rules).toContain('MAP *.my.salesforce.com 127.0.0.1:9443');
		expect(rules.every((rule) => !/localhost/.test(rule))).toBe(true);
	});

	it('the run certificate names every host, and the browser’s pin is its key', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'replica-tls-'));
		const { certFile, spki } = await ensureCertificate(dir);
		const cert = new X509Certificate(readFileSync(certFile));
		for (const host of replicaHostPatterns()) expect(cert.subjectAltName).toContain(`DNS:${host}`);
		const der = cert.publicKey.export({ type: 'spki', format: 'der' });
		expect(createHash('sha256').update(der).digest('base64')).toBe(spki);
		expect(cert.checkHost('graph.microsoft.com')).toBe('graph.microsoft.com');
		// The same host list keeps the same certificate (a second config load in a worker).
		expect((await ensureCertificate(dir)).spki).toBe(spki);
	});
});
