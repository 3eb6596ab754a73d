/**
 * A certificate for one test run of the vendor replicas. The test browser accepts it by the hash
 * of its public key (`--ignore-certificate-errors-spki-list`), so no other browser and no other
 * key is trusted, and nothing is installed on the machine. The private key never leaves the
 * run's directory.
 *
 * `node sandbox/providers/tls.js <dir> <port>` writes key.pem, cert.pem and spki.txt there (unless
 * a certificate for the same host list is already there) and prints `{ spki, rules }`: what the
 * test browser is launched with.
 */
import { createHash, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { hostResolverRules, replicaHostPatterns } from './hosts.js';

x509.cryptoProvider.set(/** @type {Crypto} */ (/** @type {unknown} */ (webcrypto)));

/** @param {ArrayBuffer} der @param {string} label */
function pem(der, label) {
	const base64 = Buffer.from(der).toString('base64');
	return `-----BEGIN ${label}-----\n${base64.replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
}

/**
 * @param {string} dir
 * @returns {Promise<{ keyFile: string, certFile: string, spki: string }>}
 */
export async function ensureCertificate(dir) {
	const hosts = replicaHostPatterns();
	const files = {
		keyFile: join(dir, 'key.pem'),
		certFile: join(dir, 'cert.pem'),
		spkiFile: join(dir, 'spki.txt'),
		hostsFile: join(dir, 'hosts.txt')
	};
	const hostList = hosts.join('\n');
	if (
		existsSync(files.spkiFile) &&
		existsSync(files.hostsFile) &&
		readFileSync(files.hostsFile, 'utf8') === hostList
	)
		return { ...files, spki: readFileSync(files.spkiFile, 'utf8').trim() };

	mkdirSync(dir, { recursive: true });
	const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
	const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const now = Date.now();
	const cert = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex'),
		name: 'CN=Switchboard vendor replicas (test run)',
		notBefore: new Date(now - 60_000),
		notAfter: new Date(now + 7 * 24 * 3600_000),
		signingAlgorithm: algorithm,
		keys,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
			new x509.SubjectAlternativeNameExtension(
				hosts.map((value) => ({ type: /** @type {const} */ ('dns'), value }))
			)
		]
	});
	const spkiDer = await webcrypto.subtle.exportKey('spki', keys.publicKey);
	const spki = createHash('sha256').update(Buffer.from(spkiDer)).digest('base64');
	const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
	writeFileSync(files.keyFile, pem(pkcs8, 'PRIVATE KEY'), { mode: 0o600 });
	writeFileSync(files.certFile, cert.toString('pem'));
	writeFileSync(files.spkiFile, spki);
	writeFileSync(files.hostsFile, hostList);
	return { ...files, spki };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const dir = process.argv[2];
	const port = Number(process.argv[3]);
	if (!dir || !port) throw new Error('usage: node sandbox/providers/tls.js <dir> <port>');
	const { spki } = await ensureCertificate(dir);
	process.stdout.write(JSON.stringify({ spki, rules: hostResolverRules(port) }));
}
