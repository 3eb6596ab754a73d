/** Browser plumbing every domain uses: URL policy, online state, fetch failures, locks, channels. */
export { isAllowedUrl, isLocalHttp, parseUrl } from './url';
export { isOnline, onOnline, setOnline } from './online';
export {
	directFetch,
	fetchFailure,
	isTimeout,
	networkFetch,
	NetworkFailure,
	type FetchLike
} from './network';
export { holdLock, withLock, type HeldLock } from './locks';
export { createChannel, type Channel } from './channel';
export { randomFraction, randomId } from './random';
