export {
	MAX_KDF_ITERATIONS,
	MIN_KDF_ITERATIONS,
	Vault,
	type RecordRef,
	type RecordWrite,
	type UnlockTiming
} from './vault';
export { MIN_PASSPHRASE_LENGTH, passphraseStrength, type Strength } from './passphrase';
