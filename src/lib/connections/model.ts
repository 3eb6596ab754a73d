/**
 * The connection model (DESIGN.md "Domain model"). Metadata and secrets are separate sealed
 * records: the page may see metadata; secrets are opened only inside the worker.
 */
import type { ErrorCode } from '../errors';
import type { AuthType, Localized } from '../catalog';
import type { TokenSet } from '../oauth';

export const CONNECTION_STATUSES = [
	'connected',
	'expiring',
	'needs-reconnect',
	'error',
	'pending-authentication'
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** One value the provider offered for a learned property (see learned.ts). */
export interface LearnedChoice {
	value: string;
	label: string;
}

export interface LastError {
	code: ErrorCode;
	/** Non-secret context: an HTTP status, a provider error code. */
	detail?: string;
	at: number;
}

export interface ConnectionMeta {
	id: string;
	folderId: string;
	connectorId: string;
	authType: AuthType;
	name: string;
	description: string;
	isDefault: boolean;
	status: ConnectionStatus;
	/** Who authenticated; "System" until someone has (client credentials, API keys). */
	account: string | null;
	requestedScopes: string[];
	grantedScopes: string[];
	/** Values of the non-secret properties the user entered or defaults (tenant, client id…). */
	properties: Record<string, string>;
	/** Fingerprint of the connector's auth config when connected; a change means reconnect. */
	authConfigHash: string;
	expiresAt: number | null;
	lastRefreshAt: number | null;
	/** A refresh token is stored (the token itself stays in the secrets record). */
	refreshable: boolean;
	/** Outcome of the last refresh attempt. */
	lastRefreshOutcome: 'ok' | 'failed' | null;
	nextRefreshAt: number | null;
	lastCheckedAt: number | null;
	lastError: LastError | null;
	/** Minutes between polls for triggers (kept for parity with the reference; default 5). */
	pollingInterval: number;
	/**
	 * Values learned by request that the provider offered more than one of (Atlassian sites), by
	 * property name; the chosen one is in `properties`.
	 */
	choices?: Record<string, LearnedChoice[]>;
	createdAt: number;
	updatedAt: number;
}

export interface ConnectionSecrets {
	id: string;
	/** Values of secret properties: client_secret, password, API key, token… */
	values: Record<string, string>;
	tokens?: TokenSet;
}

/** What the connection screen hands over to make a connection. */
export interface ConnectionDraft {
	connectorId: string;
	authType: AuthType;
	folderId: string;
	name: string;
	/** Values typed by the user, by property name; anything not asked is taken from defaults. */
	values: Record<string, string>;
}

/** A connection as the page shows it: metadata plus what is derived from the catalog. */
export interface ConnectionView extends ConnectionMeta {
	connectorName: string;
	/** Mandatory scopes of the connector that were not granted. */
	missingScopes: string[];
}

/** A connection on its own page: also whether it can become its connector's default. */
export interface ConnectionDetailView extends ConnectionView {
	canSetDefault: boolean;
	/** Values the provider handed over (instance, site, company…), with any alternatives it offered. */
	learned: LearnedView[];
}

export interface LearnedView {
	name: string;
	displayName: Localized;
	value: string;
	choices: LearnedChoice[];
}

/** What starting a connection (or reconnecting one) leads to. */
export type ConnectStart =
	/** A redirect flow: open this URL (popup or the whole tab); the callback completes it. */
	| { kind: 'redirect'; url: string }
	/** Connected without a redirect. */
	| { kind: 'connected'; connection: ConnectionView };

export interface CheckResult {
	status: number | null;
	checkedAt: number;
}

export type Revocation = 'done' | 'failed' | 'not-applicable';

export interface DeleteResult {
	/** `failed`: deleted here, but the provider could not be told (the user should revoke there). */
	revocation: Revocation;
}
