export { randomBytes } from './bytes';
export { deriveWrappingKey, KDF_ITERATIONS, SALT_BYTES, type KdfParams } from './kdf';
export { generateVaultKey, unwrapVaultKey, wrapVaultKey } from './keys';
export { open, seal, type Envelope } from './envelope';
export { digestHex } from './digest';
export { generateDPoPKeyPair } from './dpop';
export {
	b64u,
	fromB64u,
	generatePairingKeys,
	pairingCode,
	deriveBridgeKey,
	importBridgeKey,
	sealText,
	openText,
	requestId,
	type PairingKeys,
	type Sealed
} from './bridge';
