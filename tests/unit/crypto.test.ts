import { describe, expect, it } from 'vitest';
import {
	deriveWrappingKey,
	fromHex,
	hex,
	open,
	pbkdf2Bits,
	seal,
	unwrapVaultKey,
	wrapVaultKey,
	generateVaultKey,
	type Envelope
} from '../../src/lib/crypto';
import { AppError } from '../../src/lib/errors';

const code = async (promise: Promise<unknown>) => {
	try {
		await promise;
	} catch (e) {
		return (e as AppError).code;
	}
	return 'no error';
};

describe('PBKDF2-HMAC-SHA256 known answers (RFC 7914 §11)', () => {
	it('passwd / salt / 1 iteration', async () => {
		const bits = await pbkdf2Bits('passwd', new TextEncoder().encode('salt'), 1, 512);
		expect(hex(bits)).toBe(
			'55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
				'49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'
		);
	});
	it('Password / NaCl / 80000 iterations', async () => {
		const bits = await pbkdf2Bits('Password', new TextEncoder().encode('NaCl'), 80000, 512);
		expect(hex(bits)).toBe(
			'4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56' +
				'a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d'
		);
	});
});

describe('AES-256-GCM known answer (McGrew–Viega test case 16)', () => {
	it('encrypts with AAD to the published ciphertext and tag', async () => {
		const key = await crypto.subtle.importKey(
			'raw',
			fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
			'AES-GCM',
			false,
			['encrypt', 'decrypt']
		);
		const out = await crypto.subtle.encrypt(
			{
				name: 'AES-GCM',
				iv: fromHex('cafebabefacedbaddecaf888'),
				additionalData: fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2')
			},
			key,
			fromHex(
				'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
					'1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'
			)
		);
		expect(hex(out)).toBe(
			'522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
				'8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
				'76fc6ece0f4e1768cddf8853bb2d551b'
		);
	});
});

describe('AES-KW known answer (RFC 3394 §4.6)', () => {
	const kek = () =>
		crypto.subtle.importKey(
			'raw',
			fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
			'AES-KW',
			false,
			['wrapKey', 'unwrapKey']
		);
	const keyData = fromHex('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f');
	const wrapped =
		'28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21';

	it('wraps 256-bit key data with a 256-bit KEK', async () => {
		const data = await crypto.subtle.importKey('raw', keyData, 'AES-GCM', true, ['encrypt']);
		expect(hex(await wrapVaultKey(data, await kek()))).toBe(wrapped);
	});
	it('unwraps it back, and a flipped bit fails as a wrong passphrase', async () => {
		const key = await unwrapVaultKey(fromHex(wrapped), await kek(), true);
		expect(hex(await crypto.subtle.exportKey('raw', key))).toBe(hex(keyData));
		const bad = fromHex(wrapped);
		bad[5] ^= 1;
		expect(await code(unwrapVaultKey(bad, await kek()))).toBe('vault.wrong-passphrase');
	});
});

describe('record envelope', () => {
	it('round-trips and binds the record id', async () => {
		const key = await generateVaultKey();
		const env = await seal(key, 'connections', 'c1', { name: 'Slack' });
		expect(env.v).toBe(1);
		expect(env.iv).toHaveLength(12);
		expect(await open(key, 'connections', 'c1', env)).toEqual({ name: 'Slack' });
	});

	it('uses a fresh IV every time', async () => {
		const key = await generateVaultKey();
		const a = await seal(key, 's', 'x', 1);
		const b = await seal(key, 's', 'x', 1);
		expect(hex(a.iv)).not.toBe(hex(b.iv));
	});

	it('rejects a tampered tag', async () => {
		const key = await generateVaultKey();
		const env = await seal(key, 'secrets', 'c1', { token: 't' });
		env.ct[env.ct.length - 1] ^= 0x80;
		expect(await code(open(key, 'secrets', 'c1', env))).toBe('crypto.tampered');
	});

	it('rejects the wrong key', async () => {
		const env = await seal(await generateVaultKey(), 'secrets', 'c1', 1);
		expect(await code(open(await generateVaultKey(), 'secrets', 'c1', env))).toBe(
			'crypto.tampered'
		);
	});

	it('rejects an unknown version', async () => {
		const key = await generateVaultKey();
		const env: Envelope = { ...(await seal(key, 'secrets', 'c1', 1)), v: 2 };
		expect(await code(open(key, 'secrets', 'c1', env))).toBe('crypto.unknown-version');
	});

	it('rejects a ciphertext swapped between records or stores', async () => {
		const key = await generateVaultKey();
		const env = await seal(key, 'secrets', 'c1', { token: 'one' });
		expect(await code(open(key, 'secrets', 'c2', env))).toBe('crypto.tampered');
		expect(await code(open(key, 'connections', 'c1', env))).toBe('crypto.tampered');
	});

	it('rejects a truncated record', async () => {
		const key = await generateVaultKey();
		const env = await seal(key, 'secrets', 'c1', 1);
		expect(await code(open(key, 'secrets', 'c1', { ...env, ct: env.ct.slice(0, 10) }))).toBe(
			'crypto.tampered'
		);
		expect(await code(open(key, 'secrets', 'c1', { ...env, iv: env.iv.slice(0, 8) }))).toBe(
			'crypto.tampered'
		);
	});

	it('derives a non-extractable wrapping key from a passphrase', async () => {
		const params = {
			name: 'PBKDF2',
			hash: 'SHA-256',
			iterations: 1000,
			salt: new Uint8Array(16)
		} as const;
		const k = await deriveWrappingKey('correct horse', params);
		expect(k.extractable).toBe(false);
		expect(k.algorithm.name).toBe('AES-KW');
	});
});
