/**
 * Prints the provider table after the suite: connector × auth type × step, from the steps each
 * test ran (flow.ts) and its annotations (`n/a:<step>` with the reason, `refused:<step>` when the
 * vendor turns browsers away for that type). The `bridge` project's run of those types through
 * the Switchboard Bridge extension fills the last column. Also writes it as Markdown for the README.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { STEPS } from './flow';

type Cell = 'pass' | 'FAIL' | 'n/a' | 'refused' | '—';

interface Row {
	connector: string;
	type: string;
	cells: Cell[];
	notes: string[];
}

/** A type the vendor refuses to browsers, run end to end through the bridge: every step, or not. */
type BridgeCell = 'pass' | 'FAIL' | '—';

export default class TableReporter implements Reporter {
	readonly #rows = new Map<string, Row>();
	/** By test title: the bridge project's outcome. */
	readonly #bridged = new Map<string, BridgeCell>();
	readonly #output: string;

	/** @param options.output where the Markdown table is written */
	constructor(options: { output: string }) {
		this.#output = options.output;
	}

	onTestEnd(test: TestCase, result: TestResult): void {
		// Only the connector × auth type tests of flow.ts make rows; other provider tests do not.
		if (!test.title.includes(' · ')) return;
		if (test.parent.project()?.name === 'bridge') {
			if (result.status !== 'skipped')
				this.#bridged.set(test.title, result.status === 'passed' ? 'pass' : 'FAIL');
			return;
		}
		const [connector = test.title, type = ''] = test.title.split(' · ');
		const notes: string[] = [];
		const refused = test.annotations.find((a) => a.type.startsWith('refused:'));
		const refusedAt = refused?.type.slice('refused:'.length);
		const cells = STEPS.map((step): Cell => {
			const na = test.annotations.find((a) => a.type === `n/a:${step}`);
			if (na) {
				notes.push(`${step}: ${na.description ?? ''}`);
				return 'n/a';
			}
			const ran = result.steps.find((s) => s.title === step);
			if (step === refusedAt && !ran?.error) return 'refused';
			if (!ran) return '—';
			return ran.error ? 'FAIL' : 'pass';
		});
		if (refused) notes.unshift(`refused: ${refused.description ?? ''}`);
		if (result.status !== 'passed' && !cells.includes('FAIL')) cells[0] = 'FAIL';
		// A retry replaces the earlier attempt.
		this.#rows.set(test.title, { connector, type, cells, notes });
	}

	onEnd(): void {
		const rows = [...this.#rows.values()].sort(
			(a, b) => a.connector.localeCompare(b.connector) || a.type.localeCompare(b.type)
		);
		if (!rows.length) return;
		const bridge = (r: Row): BridgeCell => this.#bridged.get(`${r.connector} · ${r.type}`) ?? '—';
		const header = ['connector', 'auth type', ...STEPS, 'with bridge'];
		const body = rows.map((r) => [r.connector, r.type, ...r.cells, bridge(r)]);
		const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
		const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
		const byConnector = new Map<string, Row[]>();
		for (const row of rows)
			byConnector.set(row.connector, [...(byConnector.get(row.connector) ?? []), row]);
		// A connector passes when every auth type passes every step the vendor has, except types
		// the vendor refuses to browsers (the test proved the app says so; the catalog marks them).
		const complete = (r: Row) => r.cells.every((c) => c === 'pass' || c === 'n/a');
		const refusedOnly = (r: Row) =>
			r.cells.includes('refused') && r.cells.every((c) => c !== 'FAIL');
		const connectors = [...byConnector.values()];
		// Every auth type passes every step the vendor has…
		const all = connectors.filter((rs) => rs.every(complete)).length;
		// …or the ones that do not are refused by the vendor to browsers (the test proved the app
		// says so, and the catalog marks them).
		const allowed = connectors.filter(
			(rs) => rs.some(complete) && rs.every((r) => complete(r) || refusedOnly(r))
		).length;
		const failing = connectors.filter((rs) => rs.some((r) => r.cells.includes('FAIL'))).length;
		const refusedRows = rows.filter((r) => r.cells.includes('refused'));
		const throughBridge = refusedRows.filter((r) => bridge(r) === 'pass').length;
		const bridgeFailures = [...this.#bridged.values()].filter((c) => c === 'FAIL').length;
		const withBridge = connectors.filter((rs) =>
			rs.every((r) => complete(r) || (refusedOnly(r) && bridge(r) === 'pass'))
		).length;
		const summary =
			`${rows.length} connector × auth type rows, ${byConnector.size} connectors. ` +
			`${all} connectors pass every step of every auth type directly; ${allowed} pass every step of ` +
			`every auth type the vendor allows from a browser page; ${refusedRows.length} auth types are ` +
			`refused by the vendor to browser pages, and ${throughBridge} of them pass every step ` +
			`through the bridge extension (${bridgeFailures} fail), so ${withBridge} connectors pass ` +
			`every auth type with the bridge; ${failing} connectors have a failure without it.`;
		console.log(['', line(header), ...body.map(line), '', summary].join('\n'));

		const md = [
			`| ${header.join(' | ')} | notes |`,
			`| ${header.map(() => '---').join(' | ')} | --- |`,
			...rows.map(
				(r) =>
					`| ${[r.connector, r.type, ...r.cells, bridge(r)].join(' | ')} | ${r.notes.join('; ')} |`
			),
			'',
			summary,
			''
		].join('\n');
		mkdirSync(dirname(this.#output), { recursive: true });
		writeFileSync(this.#output, md);
	}
}
