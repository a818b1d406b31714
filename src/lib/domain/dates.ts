// Dates as GOV.UK style writes them: 23 November 2026, 2:05pm. Always in UK time.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

const asDate = (value: Date | string) => (typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value);

export function formatDate(value: Date | string | null | undefined): string {
	return value ? DATE.format(asDate(value)) : '';
}

export function formatDateTime(value: Date | string | null | undefined): string {
	if (!value) return '';
	const d = asDate(value);
	return `${DATE.format(d)}, ${TIME.format(d).replace(' ', '').toLowerCase()}`;
}
