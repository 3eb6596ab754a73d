/**
 * In-memory storage adapter for oidc-provider, one store per sandbox instance (so several
 * sandboxes can run in one process) and enumerable (so the test hooks can revoke every grant of
 * an account). Nothing is written to disk.
 */

/** Models whose entries belong to a grant and go when the grant is revoked. */
const GRANTABLE = new Set([
	'AccessToken',
	'AuthorizationCode',
	'RefreshToken',
	'ClientCredentials',
	'DeviceCode',
	'BackchannelAuthenticationRequest',
	'PreAuthorizedCode'
]);

/**
 * @typedef {Record<string, any>} Payload
 * @typedef {{ payload: Payload, expiresAt: number }} Entry
 */

export function createStore() {
	/** @type {Map<string, Entry>} `${model}:${id}` → entry */
	const entries = new Map();
	/** @type {Map<string, Set<string>>} grantId → keys of its tokens */
	const byGrant = new Map();
	/** @type {Map<string, string>} `${model}:${uid|userCode}` → id */
	const secondary = new Map();
	let writes = 0;

	/** @param {string} key */
	function get(key) {
		const entry = entries.get(key);
		if (!entry) return undefined;
		if (entry.expiresAt <= Date.now()) {
			remove(key);
			return undefined;
		}
		return entry;
	}

	/** @param {string} key */
	function remove(key) {
		const entry = entries.get(key);
		if (!entry) return;
		entries.delete(key);
		const { grantId } = entry.payload;
		if (grantId) byGrant.get(grantId)?.delete(key);
	}

	function sweep() {
		const now = Date.now();
		for (const [key, entry] of entries) if (entry.expiresAt <= now) remove(key);
		for (const [grantId, keys] of byGrant) if (keys.size === 0) byGrant.delete(grantId);
		for (const [key, id] of secondary) {
			const model = key.slice(0, key.indexOf(':'));
			if (!entries.has(`${model}:${id}`)) secondary.delete(key);
		}
	}

	/** Removes the tokens issued under a grant (not the grant itself). @param {string} grantId */
	function revokeTokens(grantId) {
		for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
		byGrant.delete(grantId);
	}

	/** Removes a grant and every token issued under it. @param {string} grantId */
	function revokeGrant(grantId) {
		revokeTokens(grantId);
		entries.delete(`Grant:${grantId}`);
	}

	/** Grant ids of one account (live grants only). @param {string} accountId */
	function grantsOf(accountId) {
		/** @type {string[]} */
		const ids = [];
		for (const [key, entry] of entries) {
			if (!key.startsWith('Grant:') || entry.expiresAt <= Date.now()) continue;
			if (entry.payload.accountId === accountId) ids.push(key.slice('Grant:'.length));
		}
		return ids;
	}

	/** The adapter class oidc-provider instantiates once per model name. */
	class Adapter {
		/** @param {string} model */
		constructor(model) {
			this.model = model;
		}

		/** @param {string} id */
		key(id) {
			return `${this.model}:${id}`;
		}

		/** @param {string} id @param {Payload} payload @param {number} [expiresIn] */
		async upsert(id, payload, expiresIn) {
			if (++writes % 500 === 0) sweep();
			const key = this.key(id);
			const expiresAt =
				typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
			entries.set(key, { payload: structuredClone(payload), expiresAt });
			if (GRANTABLE.has(this.model) && payload.grantId) {
				let keys = byGrant.get(payload.grantId);
				if (!keys) byGrant.set(payload.grantId, (keys = new Set()));
				keys.add(key);
			}
			if (payload.uid) secondary.set(`${this.model}:uid:${payload.uid}`, id);
			if (payload.userCode) secondary.set(`${this.model}:userCode:${payload.userCode}`, id);
		}

		/** @param {string} id */
		async find(id) {
			const entry = get(this.key(id));
			return entry ? structuredClone(entry.payload) : undefined;
		}

		/** @param {string} uid */
		async findByUid(uid) {
			const id = secondary.get(`${this.model}:uid:${uid}`);
			return id === undefined ? undefined : this.find(id);
		}

		/** @param {string} userCode */
		async findByUserCode(userCode) {
			const id = secondary.get(`${this.model}:userCode:${userCode}`);
			return id === undefined ? undefined : this.find(id);
		}

		/** @param {string} id */
		async consume(id) {
			const entry = get(this.key(id));
			if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
		}

		/** @param {string} id */
		async destroy(id) {
			remove(this.key(id));
		}

		/** @param {string} grantId */
		async revokeByGrantId(grantId) {
			revokeTokens(grantId);
		}
	}

	return {
		Adapter,
		revokeGrant,
		grantsOf,
		clear() {
			entries.clear();
			byGrant.clear();
			secondary.clear();
		}
	};
}
