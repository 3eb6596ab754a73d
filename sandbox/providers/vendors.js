/**
 * The vendor replicas: every module in `vendors/` is one provider family. Each default-exports a
 * Vendor (see kit.js); adding a family is adding a file.
 */
import { readdirSync } from 'node:fs';

/** @typedef {import('./kit.js').Vendor} Vendor */

const dir = new URL('./vendors/', import.meta.url);
const files = readdirSync(dir)
	.filter((name) => name.endsWith('.js'))
	.sort();

/** @type {Vendor[]} */
export const vendors = await Promise.all(
	files.map(
		async (name) =>
			/** @type {{ default: Vendor }} */ (await import(new URL(name, dir).href)).default
	)
);
