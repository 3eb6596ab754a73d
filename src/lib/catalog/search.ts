/**
 * Catalog search: as-you-type, over name, vendor, aliases and category, tolerant of case,
 * accents and small typos. Pure and synchronous: 170 connectors search well under a millisecond.
 */
import { reachOf, type HostFacts } from './cors';
import type { Category, Connector, Reach } from './schema';

export interface CatalogQuery {
	text: string;
	category: Category | 'all';
	/** Only connectors with this reach (catalog/cors.ts). */
	reach: 'all' | Reach;
}

/** What the reach filter needs: the host facts and the hosts a probe in this browser reached. */
export interface ReachContext {
	facts: HostFacts;
	reachable?: ReadonlySet<string>;
}

const fold = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
const words = (s: string) =>
	fold(s)
		.split(/[^a-z0-9]+/)
		.filter(Boolean);

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	// The matrix as one flat array of (a.length + 1) × (b.length + 1) cells, row by row.
	const width = b.length + 1;
	const d = new Array<number>((a.length + 1) * width).fill(0);
	const at = (i: number, j: number) => d[i * width + j] ?? 0;
	for (let i = 0; i <= a.length; i++) d[i * width] = i;
	for (let j = 0; j <= b.length; j++) d[j] = j;
	for (let i = 1; i <= a.length; i++) {
		let rowMin = Infinity;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				value = Math.min(value, at(i - 2, j - 2) + 1);
			d[i * width + j] = value;
			rowMin = Math.min(rowMin, value);
		}
		if (rowMin > max) return max + 1;
	}
	return at(a.length, b.length);
}

const allowedTypos = (term: string) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0);

/** How well one query term matches a list of words; higher is better, 0 is no match. */
function termScore(term: string, targets: string[], weight: number): number {
	let best = 0;
	for (const word of targets) {
		if (word === term) best = Math.max(best, 4 * weight);
		else if (word.startsWith(term)) best = Math.max(best, 3 * weight);
		else if (word.includes(term) && term.length >= 3) best = Math.max(best, 2 * weight);
		else {
			const max = allowedTypos(term);
			// Compare with the word's start too, so "salesforse" still finds "salesforce".
			if (max && editDistance(term, word.slice(0, term.length + 1), max) <= max)
				best = Math.max(best, weight);
			else if (max && editDistance(term, word, max) <= max) best = Math.max(best, weight);
		}
	}
	return best;
}

export function scoreConnector(
	connector: Connector,
	terms: string[],
	categoryLabel: string
): number {
	const name = words(connector.name);
	const others = [...words(connector.vendor), ...connector.aliases.flatMap(words)];
	const category = words(categoryLabel);
	let total = 0;
	for (const term of terms) {
		const score = Math.max(
			termScore(term, name, 3),
			termScore(term, others, 2),
			termScore(term, category, 1)
		);
		if (score === 0) return 0;
		total += score;
	}
	// Prefer names that start with the query.
	if (fold(connector.name).startsWith(terms.join(' '))) total += 5;
	return total;
}

export function searchCatalog(
	connectors: readonly Connector[],
	query: CatalogQuery,
	categoryLabel: (c: Category) => string,
	context: ReachContext = { facts: new Map() }
): Connector[] {
	const terms = words(query.text);
	const pool = connectors.filter(
		(c) =>
			(query.category === 'all' || c.category === query.category) &&
			(query.reach === 'all' || reachOf(c, context.facts, context.reachable).reach === query.reach)
	);
	const byName = (a: Connector, b: Connector) =>
		Number(b.sandbox) - Number(a.sandbox) ||
		a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
	if (terms.length === 0) return pool.sort(byName);
	return pool
		.map((c) => ({ c, score: scoreConnector(c, terms, categoryLabel(c.category)) }))
		.filter((x) => x.score > 0)
		.sort((a, b) => b.score - a.score || byName(a.c, b.c))
		.map((x) => x.c);
}
