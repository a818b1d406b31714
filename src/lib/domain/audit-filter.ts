import { isInDateRange, isRealDate } from './calendar';
import { queryText } from './text';

/**
 * The audit log's filter, read from the query string; anything malformed (an
 * unreal or far-off date, a stray character) is ignored, not an error. Dates
 * are UK calendar days.
 */
export function readAuditFilter(params: URLSearchParams) {
	const date = (name: string) => {
		const value = params.get(name) ?? '';
		return isRealDate(value) && isInDateRange(value) ? value : '';
	};
	const page = Number.parseInt(params.get('page') ?? '1', 10);
	return {
		actor: queryText(params, 'actor'),
		action: queryText(params, 'action').replace(/[^a-z_.]/g, ''),
		from: date('from'),
		to: date('to'),
		page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1
	};
}

export type AuditFilterValues = ReturnType<typeof readAuditFilter>;
