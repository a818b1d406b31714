import { describe, expect, it } from 'vitest';
import { csvCell, exportFileName, neutraliseFormula, workbookCell } from '../../../src/lib/domain/exports';

describe('formula injection', () => {
	it.each(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])('%j starts with an apostrophe', (text) => {
		expect(neutraliseFormula(text)).toBe(`'${text}`);
		expect(csvCell('long', text)).toBe(`'${text}`);
	});

	it('leaves other text, and numbers, as they are', () => {
		expect(neutraliseFormula('Staff = trained')).toBe('Staff = trained');
		expect(csvCell('number', -3)).toBe('-3');
	});

	it('keeps text as text in the workbook, exactly as typed', () => {
		expect(workbookCell('long', '=SUM(A1)')).toBe('=SUM(A1)');
	});
});

describe('dates', () => {
	it('a calendar date is that day, whatever the time zone', () => {
		expect(workbookCell('date', '2027-03-31')).toEqual(new Date(Date.UTC(2027, 2, 31)));
		expect(csvCell('date', '2027-03-31')).toBe('2027-03-31');
	});

	it('a moment is written in UK time, summer time included', () => {
		const summer = new Date('2026-07-01T23:30:00Z');
		expect(workbookCell('datetime', summer)).toEqual(new Date(Date.UTC(2026, 6, 2, 0, 30)));
		expect(csvCell('datetime', summer)).toBe('2026-07-02 00:30');
		expect(csvCell('datetime', new Date('2026-12-01T09:05:00Z'))).toBe('2026-12-01 09:05');
	});

	it('an empty cell stays empty', () => {
		expect(workbookCell('datetime', null)).toBeNull();
		expect(csvCell('date', null)).toBe('');
	});
});

it('a download’s name has nothing a file system refuses', () => {
	expect(exportFileName('Northmere', 'Audit 2026/27: "final"', 'export')).toBe('Northmere Audit 2026 27 final export');
});
