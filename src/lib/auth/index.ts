/** Request signing for every auth type, API request building and "Copy as curl". */
export { applyAuth, oauthTokenHeader, type SignableRequest } from './apply';
export { basicCredentials } from './basic';
export { allProperties, propertyValue, sentProperties, type AuthContext } from './context';
export { toCurl, shellQuote, type CurlRequest, type SecretNames } from './curl';
export {
	buildRequest,
	parseHeaderLines,
	resolveApiUrl,
	type ApiRequest,
	type RequestSpec
} from './request';
export { describeSecrets, type SecretDescription, type SecretPlaceholder } from './secrets';
