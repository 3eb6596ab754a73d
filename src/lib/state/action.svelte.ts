/**
 * The busy / error bookkeeping every action shares: one run at a time shows as busy, a failure
 * becomes an AppError to show, and a new run clears the old error.
 */
import { toAppError, type AppError } from '../errors';

export class AsyncAction {
	#busy = $state(false);
	#error = $state.raw<AppError | null>(null);

	get busy(): boolean {
		return this.#busy;
	}

	get error(): AppError | null {
		return this.#error;
	}

	/** Runs `task`; resolves with its result, or undefined when it failed (the error is kept). */
	async run<T>(task: () => Promise<T>): Promise<T | undefined> {
		this.#busy = true;
		this.#error = null;
		try {
			return await task();
		} catch (error) {
			this.#error = toAppError(error);
			return undefined;
		} finally {
			this.#busy = false;
		}
	}

	fail(error: unknown): void {
		this.#error = toAppError(error);
	}

	clear(): void {
		this.#error = null;
	}
}
