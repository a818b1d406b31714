// Cells of an uploaded workbook as the text Excel shows, whatever the cell
// holds: people type codes as numbers, paste rich text and use formulas.
import type ExcelJS from 'exceljs';

export function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
	const rows: ExcelJS.Row[] = [];
	sheet.eachRow((row) => rows.push(row));
	return rows;
}

export function cellTexts(row: ExcelJS.Row): string[] {
	return Array.from({ length: row.cellCount }, (_, i) => cellText(row.getCell(i + 1)));
}

/** The text Excel shows for a cell: rich text joined, a formula's result, a number as displayed. */
export function cellText(cell: ExcelJS.Cell): string {
	return valueText(cell.value, cell.numFmt).trim();
}

function valueText(value: unknown, numFmt?: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return numberText(value, numFmt);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	if (typeof value !== 'object') return '';
	if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r: unknown) => valueText((r as { text?: unknown })?.text)).join('');
	if ('result' in value || 'formula' in value || 'sharedFormula' in value) return 'result' in value ? valueText(value.result, numFmt) : '';
	if ('hyperlink' in value || 'text' in value) return 'text' in value ? valueText(value.text) : '';
	return '';
}

function numberText(value: number, numFmt?: string): string {
	const decimals = /^0\.(0{1,20})$/.exec(numFmt ?? '')?.[1].length;
	if (decimals !== undefined && Number.isFinite(value)) return value.toFixed(decimals);
	// Excel's General format shows about ten significant digits, hiding floating-point noise.
	return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}
