import { describe, expect, it } from 'vitest';
import { fileKind, namedAsCsv, workbookExtension } from '../../../src/lib/server/import/file-kind';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('what an uploaded file is', () => {
	it('tells a zip archive (an .xlsx workbook), another binary file and text apart by content', () => {
		expect(fileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toBe('zip');
		expect(fileKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe('binary');
		expect(fileKind(bytes('%PDF-1.7\n%…'))).toBe('binary');
		expect(fileKind(new Uint8Array([0xff, 0xfe, 0x6e, 0, 0x61, 0, 0x6d, 0, 0x65, 0]))).toBe('binary');
		expect(fileKind(bytes('name,sector\r\nNorthmere Hospice,charity\t\f\n'))).toBe('text');
	});

	it('treats text with a stray control character as text, which is cleaned when it is read', () => {
		expect(fileKind(bytes('id: northmere\ntitle: The\u0000med audit\n'))).toBe('text');
	});

	it('reads what the name claims', () => {
		expect(workbookExtension('Template.XLSX ')).toBe('.xlsx');
		expect(workbookExtension('old.xls')).toBe('.xls');
		expect(workbookExtension('template.yaml')).toBeNull();
		expect(namedAsCsv('agencies.CSV')).toBe(true);
	});
});
