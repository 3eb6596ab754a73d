/** The request console of one connection: send a request through it, or copy it as curl. */
import { parseHeaderLines, type RequestSpec } from '../auth';
import type { ApiResponse } from '../connections';
import { worker } from '../worker';
import { AsyncAction } from './action.svelte';
import { locale } from './locale.svelte';

export interface ConsoleInput {
	method: string;
	path: string;
	headerText: string;
	body: string;
}

export class RequestConsole {
	readonly action = new AsyncAction();
	readonly #connectionId: string;
	#response = $state.raw<ApiResponse | null>(null);
	#curl = $state('');
	#needsProof = $state(false);
	/** Checking the passphrase the user re-entered. */
	readonly proof = new AsyncAction();

	constructor(connectionId: string) {
		this.#connectionId = connectionId;
	}

	get response(): ApiResponse | null {
		return this.#response;
	}
	get curl(): string {
		return this.#curl;
	}
	/** The worker wants the passphrase again before it hands out a secret. */
	get needsProof(): boolean {
		return this.#needsProof;
	}

	async send(input: ConsoleInput): Promise<void> {
		this.#response = null;
		this.#response =
			(await this.action.run(() =>
				worker().connections.request(this.#connectionId, toSpec(input))
			)) ?? null;
	}

	/** Copies the request as curl; secrets are placeholders (in the UI's language) unless included. */
	async copyCurl(input: ConsoleInput, includeSecrets: boolean): Promise<void> {
		this.#needsProof = false;
		await this.action.run(async () => {
			this.#curl = await worker().connections.curl(this.#connectionId, toSpec(input), {
				includeSecrets,
				locale: locale.current
			});
			await navigator.clipboard.writeText(this.#curl);
		});
		if (this.action.error?.code === 'vault.proof-required') this.#needsProof = true;
	}

	/** Re-enters the passphrase, then copies with the secret included. */
	async proveAndCopy(passphrase: string, input: ConsoleInput): Promise<boolean> {
		await this.proof.run(() => worker().vault.confirm(passphrase));
		if (this.proof.error) return false;
		await this.copyCurl(input, true);
		return true;
	}
}

function toSpec(input: ConsoleInput): RequestSpec {
	const bodyless = input.method === 'GET' || input.method === 'HEAD';
	return {
		method: input.method,
		path: input.path,
		headers: parseHeaderLines(input.headerText),
		body: bodyless || !input.body ? undefined : input.body
	};
}
