// Calendar dates written 'YYYY-MM-DD': real ones, within the years this service
// can mean. Anything outside would pass a format check and then be refused (or
// misread) by the database.
const FIRST = '2000-01-01';
const LAST = '2100-12-31';

/** How a message names the range, GOV.UK style. */
export const DATE_RANGE_TEXT = 'between 1 January 2000 and 31 December 2100';

/** A date that exists: 2026-02-28, not 2026-02-30 or 2026-13-01. */
export function isRealDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T12:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function isInDateRange(value: string): boolean {
	return value >= FIRST && value <= LAST;
}

/** The calendar date `days` after (or, negative, before) a 'YYYY-MM-DD' date. */
export function addDays(day: string, days: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
