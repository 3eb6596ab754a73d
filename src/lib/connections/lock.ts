/**
 * One refresh per connection across tabs: a Web Lock per connection id. Where Web Locks do not
 * exist (unit tests in Node), a per-context queue gives the same guarantee within the context.
 */
const local = new Map<string, Promise<unknown>>();

export function withConnectionLock<T>(id: string, task: () => Promise<T>): Promise<T> {
	const name = `switchboard:connection:${id}`;
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (locks) return locks.request(name, task) as Promise<T>;
	const previous = local.get(name) ?? Promise.resolve();
	const run = previous.then(task, task);
	local.set(
		name,
		run.catch(() => undefined)
	);
	return run;
}
