// What an uploaded file is, from its first bytes rather than its name: a
// spreadsheet renamed .csv, or a CSV renamed .xlsx, is common.

export type FileKind = 'zip' | 'binary' | 'text';

const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
/** Control bytes that text files do not hold (tab, line feed, form feed and carriage return are text). */
const isControl = (b: number) => b < 0x09 || (b > 0x0d && b < 0x20);

/**
 * A zip archive (an .xlsx workbook is one), another binary file (an old .xls,
 * a PDF, an image, UTF-16 text), or text. A stray control character or two does
 * not make text binary: those are taken out of what is imported, not refused.
 */
export function fileKind(bytes: Uint8Array): FileKind {
	if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) || starts(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
	if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'binary';
	const sample = bytes.subarray(0, 8000);
	const controls = sample.reduce((n, b) => n + (isControl(b) ? 1 : 0), 0);
	return controls >= 2 && controls * 100 > sample.length ? 'binary' : 'text';
}

/** The Excel extension the name ends in, if any: a file so named that is not a workbook was most likely renamed. */
export const workbookExtension = (name: string) => /\.(xlsx|xlsm|xls)$/i.exec(name.trim())?.[0].toLowerCase() ?? null;
export const namedAsCsv = (name: string) => /\.csv$/i.test(name.trim());
