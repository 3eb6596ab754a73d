/**
 * Which way one request travels. Straight from this browser when the host is documented to answer
 * browsers (or this browser's probe reached it) and the auth type has no limit of its own.
 * Through the bridge when it is paired and the host needs it (a documented refusal, a limited auth
 * type) or was granted to it. An undocumented host that was not granted is tried directly (it may
 * well answer, and connections made before pairing keep working); anything else fails at once with
 * what to install — nothing is sent.
 */
import type { CorsFact } from '../catalog';

export type Route = 'direct' | 'bridge' | 'required';

export interface RouteFacts {
	cors: CorsFact;
	/** This browser's probe reached the host directly. */
	reachable: boolean;
	/** The auth type works only without an Origin header or CORS (its `browserLimit`). */
	limited: boolean;
	/** The vault holds a pairing with the bridge extension. */
	paired: boolean;
	/** The host is granted to the bridge. */
	granted: boolean;
}

export function chooseRoute({ cors, reachable, limited, paired, granted }: RouteFacts): Route {
	if (!limited && (cors === 'documented' || reachable)) return 'direct';
	if (paired && (granted || limited || cors === 'refused')) return 'bridge';
	if (!limited && cors === 'unknown') return 'direct';
	return 'required';
}
