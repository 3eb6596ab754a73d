import { hex, utf8 } from './bytes';

/** SHA-256 of a text, hex-encoded: a fingerprint (e.g. of an auth config), not a secret. */
export async function digestHex(text: string): Promise<string> {
	return hex(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}
