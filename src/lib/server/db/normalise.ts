// Both adapters parse these types the same way, so code and tests never care
// which database answered.
export const OID = {
	bytea: 17,
	int8: 20,
	date: 1082,
	numeric: 1700
} as const;

/** int8 (counts, sums) as a JS number; refuses silently wrong values. */
export function parseInt8(text: string): number {
	const n = Number(text);
	if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is outside the safe integer range`);
	return n;
}

/** numeric (averages, percentages) as a JS number. */
export function parseNumeric(text: string): number {
	return Number(text);
}

/** date stays the calendar date it is: 'YYYY-MM-DD', never shifted by a time zone. */
export function parseDate(text: string): string {
	return text;
}

/** bytea in PostgreSQL's hex text format as a Buffer. */
export function parseBytea(text: string): Buffer {
	return Buffer.from(text.startsWith('\\x') ? text.slice(2) : text, 'hex');
}
