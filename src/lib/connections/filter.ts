/** Filtering and sorting the connection list (pure, runs on every keystroke). */
import { CONNECTION_STATUSES, type ConnectionStatus, type ConnectionView } from './model';

export const SORT_KEYS = ['name', 'connector', 'status', 'expiry'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
	text: string;
	status: ConnectionStatus | 'all';
	sort: SortKey;
}

export function filterConnections(
	rows: readonly ConnectionView[],
	query: ListQuery
): ConnectionView[] {
	const needle = query.text.trim().toLowerCase();
	const matches = rows.filter(
		(c) =>
			(query.status === 'all' || c.status === query.status) &&
			(!needle ||
				c.name.toLowerCase().includes(needle) ||
				c.connectorName.toLowerCase().includes(needle) ||
				(c.account ?? '').toLowerCase().includes(needle))
	);
	const byName = (a: ConnectionView, b: ConnectionView) => a.name.localeCompare(b.name);
	const compare: Record<SortKey, (a: ConnectionView, b: ConnectionView) => number> = {
		name: byName,
		connector: (a, b) => a.connectorName.localeCompare(b.connectorName) || byName(a, b),
		status: (a, b) =>
			CONNECTION_STATUSES.indexOf(a.status) - CONNECTION_STATUSES.indexOf(b.status) || byName(a, b),
		expiry: (a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || byName(a, b)
	};
	return matches.sort(compare[query.sort]);
}
