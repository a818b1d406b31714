import { DATE_RANGE_TEXT, isInDateRange, isRealDate } from './calendar';
import { queryText } from './text';

/**
 * The audit log's filter, read from the query string. A date that is not a
 * real one, or is out of range, is not applied and says so beside its field
 * (the other filters still apply); a stray character in the text filters is
 * dropped. Dates are UK calendar days.
 */
export function readAuditFilter(params: URLSearchParams) {
	const errors: Record<string, string> = {};
	const typed = { from: queryText(params, 'from', 40), to: queryText(params, 'to', 40) };
	const date = (name: 'from' | 'to') => {
		const value = typed[name].trim();
		if (!value || (isRealDate(value) && isInDateRange(value))) return value;
		errors[name] = isRealDate(value) ? `The ${name} date must be ${DATE_RANGE_TEXT}` : `The ${name} date must be a real date, for example 2026-03-27`;
		return '';
	};
	const from = date('from');
	let to = date('to');
	if (from && to && to < from) {
		errors.to = 'The to date must be the same as or after the from date';
		to = '';
	}
	const page = Number.parseInt(params.get('page') ?? '1', 10);
	return {
		actor: queryText(params, 'actor'),
		action: queryText(params, 'action').replace(/[^a-z_.]/g, ''),
		from,
		to,
		page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
		/** What was typed in the date fields, shown back with the error. */
		typed,
		errors
	};
}

export type AuditFilterValues = ReturnType<typeof readAuditFilter>;
