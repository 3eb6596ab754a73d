/** The Switchboard Bridge: requests through the paired browser extension, and their routing. */
export {
	EXTENSION_ID,
	message,
	expectOk,
	type BridgeMessage,
	type BridgeReply,
	type Relay
} from './protocol';
export { chooseRoute, type Route, type RouteFacts } from './route';
export { BridgeLink, type Pairing } from './link';
export { PairingStore, type PairingInfo } from './pairing';
export { BridgeNetwork, type NetworkDeps } from './network';
