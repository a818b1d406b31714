// Times of day as people type them, and UK wall-clock times as moments: a
// challenge event at 10am in June is 09:00 UTC, in December 10:00 UTC.
// Pure: no I/O.

/** '9:30', '09:30', '9.30', '930', '9am', '2:30pm', '14:00' → 'HH:MM', or null. */
export function readTime(value: string): string | null {
	const v = value.trim().toLowerCase().replace(/\s+/g, '');
	const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(v);
	if (!m) return null;
	let hour = Number(m[1]);
	const minute = m[2] === undefined ? 0 : Number(m[2]);
	if (minute > 59) return null;
	if (m[3]) {
		if (hour < 1 || hour > 12) return null;
		hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
	} else if (hour > 23) return null;
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** A moment's UK wall-clock date and time, as numbers. */
export function londonParts(d: Date) {
	const parts = Object.fromEntries(LONDON.formatToParts(d).map((p) => [p.type, p.value]));
	return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Minutes London is ahead of UTC at this moment (0 in winter, 60 in summer). */
function londonOffset(d: Date): number {
	const p = londonParts(d);
	return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(d.getTime() / 60_000) * 60_000) / 60_000);
}

/** A UK wall-clock time on a UK date ('YYYY-MM-DD', 'HH:MM') as the moment it is. */
export function ukMoment(date: string, time: string): Date {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	let at = wall - londonOffset(new Date(wall)) * 60_000;
	const again = londonOffset(new Date(at));
	at = wall - again * 60_000;
	return new Date(at);
}

/** A moment as the UK date and time a form shows it with. */
export function ukDateAndTime(moment: Date): { date: string; time: string } {
	const p = londonParts(moment);
	const two = (n: number) => String(n).padStart(2, '0');
	return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}
