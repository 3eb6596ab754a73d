/** A connection remembers which auth config it was made with; when the connector's changes, it needs reconnecting. */
import type { AuthConfig, Connector } from '../catalog';
import { digestHex } from '../crypto';

/** Fingerprints by config, kept for one unlocked session (a list of 10,000 hashes a few configs). */
export class Fingerprints {
	readonly #cache = new Map<string, Promise<string>>();

	of(connector: Connector, auth: AuthConfig): Promise<string> {
		const material = JSON.stringify({
			connector: connector.properties,
			auth,
			api: connector.apiBaseUrl
		});
		let hash = this.#cache.get(material);
		if (!hash) {
			hash = digestHex(material);
			this.#cache.set(material, hash);
		}
		return hash;
	}
}
