// The cycle's exports: what each sheet holds, column by column, and how a cell
// is written to a spreadsheet or a CSV file. One definition serves both
// formats, so the workbook and the CSVs never disagree. Pure; no I/O.
import { londonParts } from './event-times';

/** How a column's cells are written. */
export type CellKind = 'text' | 'long' | 'number' | 'yesno' | 'date' | 'datetime';
/** A cell's value: a date column holds 'YYYY-MM-DD', a date-time column a moment. */
export type CellValue = string | number | boolean | Date | null;

export interface Column<R> {
	header: string;
	/** Width in characters in the workbook. */
	width: number;
	kind: CellKind;
	value: (row: R) => CellValue;
}

export const CYCLE_SHEETS = ['organisations', 'responses', 'actions', 'challenges', 'moderation'] as const;
export type CycleSheet = (typeof CYCLE_SHEETS)[number];
export const isCycleSheet = (v: string): v is CycleSheet => (CYCLE_SHEETS as readonly string[]).includes(v);

/** Each sheet's name in the workbook and what it holds, as the cycle page lists them. */
export const SHEET_INFO: Record<CycleSheet, { name: string; holds: string }> = {
	organisations: { name: 'Organisations', holds: 'every organisation in the cycle: kind, sector, phase, identifiers, deadline, status, its latest submission (when, version) and whether it was late' },
	responses: { name: 'Responses', holds: 'one row per organisation and requirement of its latest submission: self grade, moderated grade, agreed grade, narrative and how many files it cites' },
	actions: { name: 'Actions', holds: 'the action plan each organisation sent with its latest submission: owner, due date, status, progress and whether it is overdue' },
	challenges: { name: 'Challenge log', holds: 'the challenges raised about this cycle: organisation, source, status, due date and whether it is overdue' },
	moderation: { name: 'Moderation', holds: 'each submission’s moderation: state, moderator and the six review criteria with their comments' }
};

// OWASP's advice on CSV injection: a cell a spreadsheet would read as a formula
// (or a DDE command) starts with one of these; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will never read as a formula. */
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A moment's UK wall-clock time: year, month, day, hour, minute. */
function ukClock(moment: Date): number[] {
	const p = londonParts(moment);
	return [p.year, p.month, p.day, p.hour, p.minute];
}

/**
 * A cell as a workbook holds it. A spreadsheet's dates have no time zone, so a
 * moment becomes its UK wall-clock time (what the portal's pages show) and a
 * calendar date its day. Text stays text: a string cell is never a formula.
 */
export function workbookCell(kind: CellKind, value: CellValue): CellValue {
	if (value === null || value === '') return null;
	if (kind === 'date' && typeof value === 'string') {
		const [y, m, d] = value.split('-').map(Number);
		return new Date(Date.UTC(y, m - 1, d));
	}
	if (kind === 'datetime' && value instanceof Date) {
		const [y, mo, d, h, mi] = ukClock(value);
		return new Date(Date.UTC(y, mo - 1, d, h, mi));
	}
	if (kind === 'yesno') return value ? 'Yes' : 'No';
	return value;
}

/** A cell as a CSV file holds it: dates in ISO order (UK time), text neutralised. */
export function csvCell(kind: CellKind, value: CellValue): string {
	if (value === null) return '';
	if (kind === 'datetime' && value instanceof Date) {
		const [y, mo, d, h, mi] = ukClock(value).map((n) => String(n).padStart(2, '0'));
		return `${y}-${mo}-${d} ${h}:${mi}`;
	}
	if (kind === 'yesno') return value ? 'Yes' : 'No';
	if (typeof value === 'number') return String(value);
	return neutraliseFormula(String(value));
}

/** Number formats for the workbook's date columns. */
export const DATE_FORMATS: Partial<Record<CellKind, string>> = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm' };

/** The name a cycle's download is saved under, safe on every system. */
export function exportFileName(partnershipName: string, cycleTitle: string, suffix: string): string {
	return `${partnershipName} ${cycleTitle} ${suffix}`.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}
