/** HTTP Basic credentials (RFC 7617), UTF-8 encoded as every current browser and server expects. */
import { AppError } from '../errors';

export function basicCredentials(username: string, password: string): string {
	// RFC 7617 §2: the user-id cannot contain a colon; the server would split there.
	if (username.includes(':')) throw new AppError('input.invalid', { detail: 'username' });
	const bytes = new TextEncoder().encode(`${username}:${password}`);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return `Basic ${btoa(binary)}`;
}
