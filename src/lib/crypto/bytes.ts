/** Byte helpers shared by the crypto code. */

export const utf8 = {
	encode: (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text),
	decode: (bytes: BufferSource): string => new TextDecoder().decode(bytes)
};

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(length));
}

export function hex(bytes: ArrayBuffer | Uint8Array): string {
	return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text: string): Uint8Array<ArrayBuffer> {
	const clean = text.replace(/\s+/g, '');
	if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new TypeError('not hex');
	const out = new Uint8Array(clean.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
	return out;
}
