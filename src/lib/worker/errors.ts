/**
 * How errors cross the worker boundary: comlink's default "throw" handler would send any Error's
 * message and stack (which could quote a secret). This one sends only AppError codes; anything
 * else becomes `internal`. Both sides install it.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { AppError, toAppError, type SerializedAppError } from '../errors';

type Thrown = { value: unknown };

export function installErrorTransfer(): void {
	const original = transferHandlers.get('throw') as TransferHandler<Thrown, unknown>;
	transferHandlers.set('throw', {
		canHandle: original.canHandle,
		serialize: ({ value }: Thrown) => [toAppError(value).toJSON(), []],
		deserialize: (serialized: unknown) => {
			throw AppError.fromJSON(serialized as SerializedAppError);
		}
	} satisfies TransferHandler<Thrown, unknown>);
}
