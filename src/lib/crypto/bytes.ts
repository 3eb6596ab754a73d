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
