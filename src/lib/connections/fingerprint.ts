/** A connection remembers which auth config it was made with; when the connector's changes, it needs reconnecting. */
import type { AuthConfig, Connector } from '../catalog/schema';
import { digestHex } from '../crypto';

const cache = new Map<string, Promise<string>>();

export function authFingerprint(connector: Connector, auth: AuthConfig): Promise<string> {
	const material = JSON.stringify({
		connector: connector.properties,
		auth,
		api: connector.apiBaseUrl
	});
	let hash = cache.get(material);
	if (!hash) {
		hash = digestHex(material);
		cache.set(material, hash);
	}
	return hash;
}
