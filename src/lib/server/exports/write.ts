// Writing sheets as an XLSX workbook (exceljs's streaming writer: each row is
// committed and leaves memory as soon as it is written) or as a CSV file
// (csv-stringify), straight into the response. Both wait while the client is
// slower than the database, so memory stays flat however large the cycle.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { csvCell, DATE_FORMATS, workbookCell, type CellKind, type Column } from '../../domain/exports';
import type { SheetSource } from './sheets';

/** Resolves once `into` has room again (or at once when it has). Throws when the client has gone (`out` closed). */
async function room(into: Writable, out: Writable): Promise<void> {
	if (out.destroyed) throw new Error('The download was abandoned');
	if (into.writableNeedDrain) await Promise.race([once(into, 'drain'), once(out, 'close')]);
	if (out.destroyed) throw new Error('The download was abandoned');
}

function columnStyle(kind: CellKind): Partial<ExcelJS.Style> {
	const numFmt = DATE_FORMATS[kind];
	if (numFmt) return { numFmt };
	if (kind === 'long') return { alignment: { wrapText: true, vertical: 'top' } };
	return { alignment: { vertical: 'top' } };
}

async function writeWorkbook(sheets: readonly SheetSource[], out: PassThrough): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	for (const sheet of sheets) {
		const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
		ws.columns = sheet.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, style: columnStyle(c.kind) }));
		const head = ws.getRow(1);
		head.font = { bold: true };
		head.alignment = { vertical: 'top', wrapText: true };
		ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
		for await (const batch of sheet.rows) {
			for (const cells of batch) ws.addRow(cells.map((v, i) => workbookCell(sheet.columns[i].kind, v))).commit();
			await room(out, out);
		}
		ws.commit();
	}
	await workbook.commit();
}

async function writeCsv(sheet: SheetSource, out: PassThrough): Promise<void> {
	// The byte order mark makes Excel read the file as UTF-8.
	const csv = stringify({ bom: true, record_delimiter: 'windows' });
	csv.pipe(out);
	csv.write(sheet.columns.map((c) => c.header));
	for await (const batch of sheet.rows) {
		for (const cells of batch) csv.write(cells.map((v, i) => csvCell(sheet.columns[i].kind, v)));
		await room(csv, out);
	}
	csv.end();
	await once(csv, 'end');
}

/** Runs `write` into a new stream; a failure ends the stream with an error (a broken download, never a silently short file). */
function streamed(write: (out: PassThrough) => Promise<void>): PassThrough {
	const out = new PassThrough({ highWaterMark: 1 << 20 });
	write(out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
	return out;
}

export const workbookStream = (sheets: readonly SheetSource[]) => streamed((out) => writeWorkbook(sheets, out));
export const csvStream = (sheet: SheetSource) => streamed((out) => writeCsv(sheet, out));

/** A small table as CSV text (UTF-8 with a byte order mark), cells written as the cycle's CSVs write them. */
export function csvBuffer<R>(columns: readonly Column<R>[], rows: readonly R[]): Buffer {
	const records = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => csvCell(c.kind, c.value(row))))];
	return Buffer.from(stringifySync(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
}
