export { fromHex, hex, randomBytes, utf8 } from './bytes';
export { deriveWrappingKey, pbkdf2Bits, KDF_ITERATIONS, SALT_BYTES, type KdfParams } from './kdf';
export { generateVaultKey, unwrapVaultKey, wrapVaultKey } from './keys';
export {
	open,
	openBytes,
	seal,
	sealBytes,
	envelopeAad,
	ENVELOPE_VERSION,
	type Envelope
} from './envelope';
export { digestHex } from './digest';
