// @ts-check
/** Prints rows as aligned columns, the first row as the header with a rule under it. */
/** @param {string[][]} table */
export function printTable(table) {
	const [header] = table;
	if (!header) throw new Error('printTable: empty table');
	const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
	for (const [i, r] of table.entries()) {
		console.log(
			r
				.map((c, j) => c.padEnd(widths[j] ?? 0))
				.join('  ')
				.trimEnd()
		);
		if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	}
}
