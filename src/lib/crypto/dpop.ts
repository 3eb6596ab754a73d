/**
 * DPoP key pairs (RFC 9449): ES256 (ECDSA P-256). The private key is generated non-extractable,
 * so it can sign proofs but its material never leaves the browser's key store; the public key is
 * extractable (WebCrypto always makes it so), as the proof carries it as a JWK.
 */
export function generateDPoPKeyPair(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
		'sign',
		'verify'
	]);
}
