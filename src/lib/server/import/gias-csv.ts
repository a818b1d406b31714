// The national register's establishment file (GIAS, ~50,000 rows, ~60 MB) read
// as a stream from its spooled upload: the encoding is detected from the first
// bytes that are not ASCII, the bytes decoded and parsed as they are read, and
// only the rows of the chosen local authorities kept. Memory holds those rows
// (a few thousand at most), never the file.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse';
import { giasCells, giasColumns, missingGiasColumns, readRegisterRow, type GiasField, type RegisterRow } from '../../domain/school-register';

export type RegisterEncoding = 'utf-8' | 'windows-1252';

export interface MalformedRow {
	line: number;
	reason: string;
}

export type RegisterFile =
	| { ok: true; encoding: RegisterEncoding; rowsRead: number; rows: RegisterRow[]; malformed: MalformedRow[]; malformedCount: number }
	| { ok: false; error: string };

/** How many malformed rows are listed (all are counted). */
export const MALFORMED_LISTED = 500;
const SAMPLE_BYTES = 64 * 1024;

/**
 * UTF-8 or Windows-1252, as chardet reads a sample of the file. The sample
 * starts just before the first byte above 127: the header and the first rows of
 * the register are often plain ASCII, which tells nothing.
 */
export async function detectEncoding(path: string): Promise<RegisterEncoding> {
	const handle = await fs.promises.open(path, 'r');
	try {
		const buffer = Buffer.alloc(SAMPLE_BYTES);
		for (let position = 0; ; ) {
			const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, position);
			if (bytesRead === 0) return 'utf-8';
			const chunk = buffer.subarray(0, bytesRead);
			const high = chunk.findIndex((b) => b > 0x7f);
			if (high >= 0) {
				const start = position + Math.max(0, high - 1024);
				const sample = Buffer.alloc(SAMPLE_BYTES);
				const read = await handle.read(sample, 0, SAMPLE_BYTES, start);
				return chardet.detect(sample.subarray(0, read.bytesRead)) === 'UTF-8' ? 'utf-8' : 'windows-1252';
			}
			position += bytesRead;
		}
	} finally {
		await handle.close();
	}
}

const count = (record: string[], pattern: RegExp) => record.reduce((n, cell) => n + (cell.match(pattern)?.length ?? 0), 0);

const notRegister = (missing: string[]) =>
	`The file is not an establishment file from Get Information About Schools: it has no ${missing.map((m) => `“${m}”`).join(', ')} column${missing.length > 1 ? 's' : ''}. Download the establishment fields CSV from GIAS and select that file`;

export async function readRegisterFile(path: string, laCodes: string[]): Promise<RegisterFile> {
	const encoding = await detectEncoding(path);
	const wanted = new Set(laCodes);
	const rows: RegisterRow[] = [];
	const malformed: MalformedRow[] = [];
	let malformedCount = 0;
	let rowsRead = 0;
	let columns: Record<GiasField, number> | null = null;
	let width = 0;
	let error: string | null = null;
	// csv-parse counts the lines up to a record's end, and counts a CR LF inside a quoted value as two:
	// a record's first line, as an editor numbers it, takes off the breaks inside it and that excess so far.
	let excess = 0;
	const seen = new Map<string, number>();
	const skip = (line: number, reason: string) => {
		malformedCount++;
		if (malformed.length < MALFORMED_LISTED) malformed.push({ line, reason });
	};

	const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, info: true });
	// A record csv-parse cannot read (a quote mark in the middle of a value) is reported and skipped.
	parser.on('skip', (e: CsvError) => skip((Number(e.lines) || 0) - excess, 'The row has a quote mark (") in the middle of a value'));
	const consume = async (source: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
		for await (const { record, info } of source) {
			if (!columns) {
				columns = giasColumns(record);
				width = record.length;
				const missing = missingGiasColumns(columns);
				if (missing.length) {
					error = notRegister(missing);
					return;
				}
				continue;
			}
			rowsRead++;
			const line = info.lines - count(record, /[\r\n]/g) - excess;
			excess += count(record, /\r\n/g);
			if (record.length !== width) {
				skip(line, `The row has ${record.length} values but the header has ${width} columns`);
				continue;
			}
			const cells = giasCells(record, columns);
			if (!wanted.has(cells.laCode)) continue;
			const read = readRegisterRow(line, cells);
			if (!read.ok) skip(line, read.reason);
			else if (read.row) {
				const first = seen.get(read.row.urn);
				if (first) skip(line, `The URN ${read.row.urn} is also on line ${first}`);
				else {
					seen.set(read.row.urn, line);
					rows.push(read.row);
				}
			}
		}
	};
	try {
		await pipeline(fs.createReadStream(path), iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'win1252'), parser, consume);
	} catch {
		// Leaving off at a header that is not the register's ends the pipeline early.
		if (error) return { ok: false, error };
		return { ok: false, error: 'The file could not be read as CSV. Download it from Get Information About Schools again and select that file' };
	}
	if (error) return { ok: false, error };
	if (!columns) return { ok: false, error: 'The selected file is empty' };
	return { ok: true, encoding, rowsRead, rows, malformed, malformedCount };
}
