import { describe, expect, it } from 'vitest';
import { cleanFileName, downloadName, MAX_FILE_NAME } from '../../../../src/lib/server/evidence/file-names';
import { EVIDENCE_KINDS } from '../../../../src/lib/server/evidence/file-types';

describe('the name a person gave a file', () => {
	it('keeps only the last part of a path, as old browsers send it', () => {
		expect(cleanFileName('C:\\Users\\ade\\Documents\\policy.pdf')).toBe('policy.pdf');
		expect(cleanFileName('../../etc/passwd')).toBe('passwd');
		expect(cleanFileName('..\\..\\windows\\system.ini')).toBe('system.ini');
		expect(cleanFileName('reports/')).toBe('document');
	});

	it('removes control characters, DEL and bidi controls that disguise a name', () => {
		expect(cleanFileName('policy\u0000\u0007\u001b.pdf')).toBe('policy.pdf');
		expect(cleanFileName('policy\u007f\u0085\u009b.pdf')).toBe('policy.pdf');
		expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
		expect(cleanFileName('\u2066report\u2069\u200e\u200f\u061c.pdf')).toBe('report.pdf');
		expect(cleanFileName('line\r\nbreak.pdf')).toBe('line break.pdf');
	});

	it('collapses runs of spaces and trims spaces and leading dots', () => {
		expect(cleanFileName('  Annual \t  report   2025.pdf ')).toBe('Annual report 2025.pdf');
		expect(cleanFileName('.htaccess')).toBe('htaccess');
		expect(cleanFileName(' ...  .hidden.pdf')).toBe('hidden.pdf');
	});

	it('calls a name with nothing left "document"', () => {
		expect(cleanFileName('')).toBe('document');
		expect(cleanFileName('\u202e\u0000 ..')).toBe('document');
	});

	it('caps a 1,000-character name at 200 characters, keeping its extension', () => {
		const cleaned = cleanFileName(`${'a'.repeat(1000)}.pdf`);
		expect(cleaned).toHaveLength(MAX_FILE_NAME);
		expect(cleaned.endsWith('a.pdf')).toBe(true);
		expect([...cleanFileName('ŵ'.repeat(1000))]).toHaveLength(MAX_FILE_NAME);
	});

	it('keeps names in other scripts, composed (NFC)', () => {
		expect(cleanFileName('سياسة الحماية.pdf')).toBe('سياسة الحماية.pdf');
		expect(cleanFileName('保护儿童政策.docx')).toBe('保护儿童政策.docx');
		expect(cleanFileName('Polisi diogelu Ysgol Gŵyl Dewi.pdf')).toBe('Polisi diogelu Ysgol Gŵyl Dewi.pdf');
		expect(cleanFileName('Gw\u0302yl.pdf')).toBe('G\u0175yl.pdf');
	});

	it('keeps double extensions for display', () => {
		expect(cleanFileName('report.pdf.exe')).toBe('report.pdf.exe');
	});
});

describe('the name a download is saved under', () => {
	it('ends in the extension of what the file really is', () => {
		expect(downloadName('policy', EVIDENCE_KINDS.pdf)).toBe('policy.pdf');
		expect(downloadName('policy.PDF', EVIDENCE_KINDS.pdf)).toBe('policy.PDF');
		expect(downloadName('report.pdf.exe', EVIDENCE_KINDS.pdf)).toBe('report.pdf.exe.pdf');
		expect(downloadName('photo.jpeg', EVIDENCE_KINDS.jpg)).toBe('photo.jpeg');
		expect(downloadName('minutes.docx', EVIDENCE_KINDS.txt)).toBe('minutes.docx.txt');
		expect(downloadName('invoice\u202Efdp.exe', EVIDENCE_KINDS.pdf)).toBe('invoicefdp.exe.pdf');
	});

	it('stays within the cap with the extension added', () => {
		const name = downloadName('b'.repeat(1000), EVIDENCE_KINDS.docx);
		expect(name).toHaveLength(MAX_FILE_NAME);
		expect(name.endsWith('b.docx')).toBe(true);
	});
});
