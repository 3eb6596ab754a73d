/**
 * The worker's gate. comlink carries out GET, SET, APPLY and CONSTRUCT on any property path of an
 * exposed object, so script in the page (an XSS, a compromised dependency — it can reach the
 * Worker object and speak comlink's protocol itself) could otherwise write the worker's
 * prototypes or build a Function from its own text. The gate lets through only APPLY of an
 * allow-listed `group.method` with plain data arguments, and RELEASE; anything else is answered
 * with an error and never reaches comlink. The façade itself is frozen, with null prototypes.
 */
import { transferHandlers, type Endpoint } from 'comlink';
import { AppError } from '../errors';

type Methods = Record<string, (...args: never[]) => unknown>;

/** A frozen copy of the façade without inherited properties, and the paths it allows. */
export function harden<T extends Record<string, Methods | Methods[string]>>(
	api: T
): { facade: T; allowed: ReadonlySet<string> } {
	const allowed = new Set<string>();
	const facade = Object.create(null) as Record<string, unknown>;
	for (const [name, value] of Object.entries(api)) {
		if (typeof value === 'function') {
			facade[name] = value;
			allowed.add(name);
			continue;
		}
		const group = Object.create(null) as Record<string, unknown>;
		for (const [method, fn] of Object.entries(value)) {
			if (typeof fn !== 'function') continue;
			group[method] = fn;
			allowed.add(`${name}.${method}`);
		}
		facade[name] = Object.freeze(group);
	}
	return { facade: Object.freeze(facade) as T, allowed };
}

interface Message {
	id?: unknown;
	type?: unknown;
	path?: unknown;
	argumentList?: unknown;
}

/** Whether a message is a call the façade offers, with plain data only. */
export function isAllowedCall(data: unknown, allowed: ReadonlySet<string>): boolean {
	if (typeof data !== 'object' || data === null) return false;
	const { id, type, path, argumentList } = data as Message;
	if (typeof id !== 'string') return false;
	if (type === 'RELEASE') return true;
	if (type !== 'APPLY') return false;
	// Segments are names: a dot inside one would fake a two-segment path.
	if (!Array.isArray(path) || !path.every((p) => typeof p === 'string' && !p.includes('.')))
		return false;
	if (!allowed.has(path.join('.'))) return false;
	// Arguments must be plain values: a comlink "proxy" argument would hand the worker a
	// function of the page's to call.
	const args = argumentList ?? [];
	return (
		Array.isArray(args) &&
		args.every(
			(a) => typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'RAW'
		)
	);
}

/** `scope` as comlink sees it, with every message that is not an allowed call refused. */
export function guardedEndpoint(scope: Endpoint, allowed: ReadonlySet<string>): Endpoint {
	const wrapped = new Map<EventListenerOrEventListenerObject, EventListener>();
	return {
		postMessage: (message, transfer) => scope.postMessage(message, transfer),
		addEventListener(type, listener) {
			const filtered: EventListener = (event) => {
				const data = (event as MessageEvent).data as unknown;
				if (isAllowedCall(data, allowed)) {
					if (typeof listener === 'function') listener(event);
					else listener.handleEvent(event);
					return;
				}
				refuse(scope, data);
			};
			wrapped.set(listener, filtered);
			scope.addEventListener(type, filtered);
		},
		removeEventListener(type, listener) {
			const filtered = wrapped.get(listener);
			if (filtered) scope.removeEventListener(type, filtered);
			wrapped.delete(listener);
		}
	};
}

/** Answers a refused message with an error, so a caller waiting for it does not hang. */
function refuse(scope: Endpoint, data: unknown): void {
	const id = (data as Message | null)?.id;
	if (typeof id !== 'string') return;
	const handler = transferHandlers.get('throw');
	if (!handler) return;
	const [value] = handler.serialize({
		value: new AppError('input.invalid', { detail: 'call refused' })
	});
	scope.postMessage({ id, type: 'HANDLER', name: 'throw', value });
}
