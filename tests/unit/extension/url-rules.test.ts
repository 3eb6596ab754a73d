// The bridge extension's URL and host rules (extension/PROTOCOL.md, `bridge.url` and "Hosts").
import { describe, expect, it } from 'vitest';
import {
	checkUrl,
	checkUserOrigin,
	hostPattern,
	isValidHost
} from '../../../extension/src/lib/url-rules.js';

describe('bridge URL rules', () => {
	it('takes https anywhere and the host as URL.host writes it', () => {
		expect(checkUrl('https://API.Example.com/v1?q=1')).toMatchObject({
			ok: true,
			host: 'api.example.com'
		});
		expect(checkUrl('https://api.example.com:443/')).toMatchObject({ host: 'api.example.com' });
		expect(checkUrl('https://api.example.com:8443/')).toMatchObject({
			host: 'api.example.com:8443'
		});
		expect(checkUrl('https://bücher.example/')).toMatchObject({ host: 'xn--bcher-kva.example' });
	});

	it('takes plain http only for localhost and 127.0.0.1', () => {
		expect(checkUrl('http://localhost:9401/api')).toMatchObject({
			ok: true,
			host: 'localhost:9401'
		});
		expect(checkUrl('http://127.0.0.1/')).toMatchObject({ ok: true, host: '127.0.0.1' });
		expect(checkUrl('http://example.com/')).toEqual({ ok: false });
		expect(checkUrl('http://localhost.example.com/')).toEqual({ ok: false });
		expect(checkUrl('http://127.0.0.2/')).toEqual({ ok: false });
	});

	it('refuses credentials in the URL, other schemes and bad URLs', () => {
		for (const url of [
			'https://user:pass@example.com/',
			'https://user@example.com/',
			'https://:pass@example.com/',
			'ftp://example.com/',
			'file:///etc/passwd',
			'data:text/plain,hi',
			'javascript:alert(1)',
			'chrome-extension://abc/',
			'example.com',
			'https://',
			'',
			42
		]) {
			expect(checkUrl(url), String(url)).toEqual({ ok: false });
		}
	});

	it('knows a host name from anything else', () => {
		for (const host of [
			'api.example.com',
			'localhost:4173',
			'127.0.0.1',
			'xn--bcher-kva.example'
		]) {
			expect(isValidHost(host), host).toBe(true);
		}
		for (const host of [
			'API.example.com',
			'*.example.com',
			'example.com/',
			'example.com:443',
			'localhost:80',
			'user@example.com',
			'exa mple.com',
			'bücher.example',
			'.example.com',
			'example..com',
			'-a.example.com',
			'',
			7
		]) {
			expect(isValidHost(host), String(host)).toBe(false);
		}
	});

	it('asks the browser for exactly the host, over http only for localhost', () => {
		expect(hostPattern('api.example.com')).toBe('https://api.example.com/*');
		expect(hostPattern('api.example.com:8443')).toBe('https://api.example.com:8443/*');
		expect(hostPattern('localhost:9401')).toBe('http://localhost:9401/*');
		expect(hostPattern('127.0.0.1')).toBe('http://127.0.0.1/*');
	});

	it('takes an origin for a self-hosted copy: https, or http on localhost, nothing more', () => {
		expect(checkUserOrigin(' https://Switchboard.Example.com ')).toBe(
			'https://switchboard.example.com'
		);
		expect(checkUserOrigin('https://sb.example.com:8443/')).toBe('https://sb.example.com:8443');
		expect(checkUserOrigin('http://localhost:5000')).toBe('http://localhost:5000');
		expect(checkUserOrigin('http://sb.example.com')).toBeNull();
		expect(checkUserOrigin('https://sb.example.com/app')).toBeNull();
		expect(checkUserOrigin('https://u@sb.example.com')).toBeNull();
		expect(checkUserOrigin('https://*.example.com')).toBeNull();
		expect(checkUserOrigin('sb.example.com')).toBeNull();
	});
});
