/**
 * The Switchboard Bridge as Settings and the connection screen see it: whether the extension is
 * there and paired with this vault, pairing with a code both sides show, a test request, the
 * hosts granted to it, and the grant a new connection needs before it starts.
 */
import { expectOk, message, type BridgeMessage } from '../bridge';
import type { ConnectionDraft } from '../connections';
import { AppError } from '../errors';
import { relayBridgeWith, worker } from '../worker';
import { AsyncAction } from './action.svelte';
import { sendToExtension } from './bridge-transport';

export type BridgeStatus = 'unknown' | 'not-installed' | 'installed' | 'paired';

export interface GrantedHost {
	host: string;
	grantedAt: number;
}

/** How often the page asks whether the user answered in the extension's window. */
const POLL_MS = 400;
/** The extension gives up on a pending pairing or grant after 5 minutes; so does the page. */
const ANSWER_WAIT_MS = 5 * 60_000;

// The worker's sealed requests go out through this page.
relayBridgeWith(sendToExtension);

async function ask(type: string, fields: Record<string, unknown> = {}) {
	return expectOk(await sendToExtension(message(type, fields)));
}

/** Polls `type` until the answer is no longer `pending`. */
async function answerOf(type: string, requestId: unknown): Promise<Record<string, unknown>> {
	const until = Date.now() + ANSWER_WAIT_MS;
	for (;;) {
		const reply = await ask(type, { requestId });
		if (reply.status !== 'pending') return reply;
		if (Date.now() > until) throw new AppError('bridge.pair-denied', { detail: 'timed out' });
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

class BridgeState {
	#status = $state<BridgeStatus>('unknown');
	#pairedAt = $state<number | null>(null);
	#pairingId: string | null = null;
	#code = $state<string | null>(null);
	#hosts = $state.raw<GrantedHost[]>([]);
	#test = $state.raw<{ ms: number; version: string } | null>(null);
	readonly action = new AsyncAction();

	get status(): BridgeStatus {
		return this.#status;
	}
	get pairedAt(): number | null {
		return this.#pairedAt;
	}
	/** The code to compare with the extension's window while pairing. */
	get code(): string | null {
		return this.#code;
	}
	get hosts(): GrantedHost[] {
		return this.#hosts;
	}
	get test(): { ms: number; version: string } | null {
		return this.#test;
	}

	/** Asks the extension and the vault; paired only when both name the same pairing. */
	async refresh(): Promise<void> {
		const hello = await sendToExtension(message('hello'));
		if (!hello.ok) {
			this.#status = 'not-installed';
			this.#hosts = [];
			return;
		}
		const vault = await worker().bridge.status();
		const paired = vault.paired && hello.paired === true && hello.pairingId === vault.pairingId;
		this.#pairingId = paired ? vault.pairingId : null;
		this.#pairedAt = paired ? vault.pairedAt : null;
		this.#status = paired ? 'paired' : 'installed';
		this.#hosts = paired ? await this.#grantedHosts() : [];
	}

	async #grantedHosts(): Promise<GrantedHost[]> {
		const reply = await ask('hosts', { pairingId: this.#pairingId });
		return Array.isArray(reply.hosts)
			? reply.hosts.filter(
					(h): h is GrantedHost => typeof h?.host === 'string' && typeof h.grantedAt === 'number'
				)
			: [];
	}

	/** Pairs this vault with the extension: the user confirms the same code in its window. */
	pair(): Promise<void> {
		return this.#run(async () => {
			this.#test = null;
			const publicKey = await worker().bridge.beginPairing();
			const started = await ask('pair', { publicKey });
			const extensionKey = String(started.publicKey);
			this.#code = await worker().bridge.pairingCode(extensionKey);
			try {
				const answer = await answerOf('pair-status', started.requestId);
				await worker().bridge.completePairing(String(answer.pairingId), extensionKey);
			} finally {
				this.#code = null;
			}
			await this.refresh();
		});
	}

	/** A sealed round trip through the extension. */
	runTest(): Promise<void> {
		return this.#run(async () => {
			this.#test = null;
			const answer = await worker().bridge.test();
			this.#test = { ms: answer.ms, version: answer.version };
		});
	}

	removeHost(host: string): Promise<void> {
		return this.#run(async () => {
			await ask('remove-host', { pairingId: this.#pairingId, host });
			this.#hosts = await this.#grantedHosts();
			// The worker routes by what is granted: it asks the extension again.
			await worker().bridge.test();
		});
	}

	unpair(): Promise<void> {
		return this.#run(async () => {
			// The extension forgets first: a vault without the pairing is the safe side to fail on.
			if (this.#pairingId) await ask('unpair', { pairingId: this.#pairingId });
			await worker().bridge.forget();
			this.#test = null;
			await this.refresh();
		});
	}

	/**
	 * Before a new connection starts: the hosts it will reach through the bridge are granted (the
	 * extension asks the user, naming them), or the connection does not start and nothing is
	 * stored. Throws `bridge.required` when a host needs the bridge and none is paired.
	 */
	async prepare(draft: ConnectionDraft, label: string): Promise<void> {
		await this.#grant(await worker().bridge.plan(draft), label);
	}

	/** The same before a stored connection signs in again (a host may have been removed). */
	async prepareFor(connectionId: string, label: string): Promise<void> {
		await this.#grant(await worker().bridge.planConnection(connectionId), label);
	}

	async #grant(plan: { hosts: string[]; required: boolean }, label: string): Promise<void> {
		if (plan.required) throw new AppError('bridge.required');
		if (plan.hosts.length === 0) return;
		const status = await worker().bridge.status();
		if (!status.paired) throw new AppError('bridge.required');
		const grant: BridgeMessage = message('grant', {
			pairingId: status.pairingId,
			hosts: plan.hosts,
			label
		});
		const reply = expectOk(await sendToExtension(grant));
		if (reply.status !== 'granted') await answerOf('grant-status', reply.requestId);
		await worker().bridge.test();
	}

	async #run(task: () => Promise<void>): Promise<void> {
		await this.action.run(task);
	}
}

export const bridge = new BridgeState();
