// Dates as GOV.UK style writes them: 23 November 2026, 2:05pm. Always in UK time.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
// hourCycle h12, not hour12: en-GB's hour12 writes the hour after midday as "0:05 pm".
const TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

const asDate = (value: Date | string) => (typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value);

export function formatDate(value: Date | string | null | undefined): string {
	return value ? DATE.format(asDate(value)) : '';
}

/** The time of day alone: 2:05pm. */
export function formatTime(value: Date | string): string {
	return TIME.format(asDate(value)).replace(/\s/g, '').toLowerCase();
}

export function formatDateTime(value: Date | string | null | undefined): string {
	if (!value) return '';
	const d = asDate(value);
	return `${DATE.format(d)}, ${formatTime(d)}`;
}

/** A moment as a sentence says it (mails): 3:05pm on 1 June 2027. */
export function formatTimeOnDate(value: Date | string): string {
	const d = asDate(value);
	return `${formatTime(d)} on ${DATE.format(d)}`;
}

// The UK calendar day of a moment, to tell today from other days.
const UK_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short' });

/** A moment from today as its time alone (2:05pm), from another day with its date too. */
export function formatRecent(value: Date | string, now: Date = new Date()): string {
	const d = asDate(value);
	return UK_DAY.format(d) === UK_DAY.format(now) ? formatTime(d) : formatDateTime(d);
}
