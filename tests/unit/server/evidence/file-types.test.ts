import { describe, expect, it } from 'vitest';
import {
	EMPTY_FILE,
	EVIDENCE_KINDS,
	HAS_MACROS,
	identifyFile,
	kindOfMediaType,
	NOT_ACCEPTED,
	PASSWORD_PROTECTED
} from '../../../../src/lib/server/evidence/file-types';
import { ZIP_LIMITS } from '../../../../src/lib/server/evidence/zip-contents';
import {
	cfbWith,
	docmBytes,
	docxWith,
	elfBytes,
	exeBytes,
	fakeDocx,
	htmlAsPdf,
	odtWith,
	pdfWith,
	spool,
	svgWithScript,
	windows1252,
	zipBomb,
	zipOf
} from '../../../helpers/evidence-files';

async function identify(bytes: Uint8Array | string, name: string) {
	return identifyFile(spool(bytes, name), name);
}

async function kindOf(bytes: Uint8Array | string, name: string) {
	const result = await identify(bytes, name);
	if (!result.ok) throw new Error(`refused: ${result.message}`);
	return result.kind;
}

// The smallest well-formed images of each type.
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
	'hex'
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300' + '08'.repeat(64) + 'ffd9', 'hex');
const GIF = Buffer.from('474946383961010001000000002c00000000010001000002024401003b', 'hex');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(14)]);

describe('the kinds of evidence the portal accepts, from their content', () => {
	it('accepts PDFs, Word, OpenDocument and images whatever they are called', async () => {
		expect((await kindOf(await pdfWith(['Safeguarding policy']), 'policy')).label).toBe('PDF');
		expect(await kindOf(await docxWith(['Safeguarding policy']), 'policy.bin')).toEqual(EVIDENCE_KINDS.docx);
		expect((await kindOf(await odtWith(['Policy', 'Text']), 'policy.odt')).label).toBe('OpenDocument text');
		expect((await kindOf(PNG, 'chart.png')).mediaType).toBe('image/png');
		expect((await kindOf(JPEG, 'photo.jpeg')).mediaType).toBe('image/jpeg');
		expect((await kindOf(GIF, 'logo.gif')).mediaType).toBe('image/gif');
		expect((await kindOf(WEBP, 'scan.webp')).mediaType).toBe('image/webp');
	});

	it('tells an Excel workbook and a PowerPoint presentation by their main part', async () => {
		const types = ['[Content_Types].xml', '<Types/>'] as [string, string];
		expect((await kindOf(await zipOf([types, ['xl/workbook.xml', '<workbook/>']]), 'a.xlsx')).label).toBe('Excel spreadsheet');
		expect((await kindOf(await zipOf([types, ['ppt/presentation.xml', '<p/>']]), 'a')).label).toBe('PowerPoint presentation');
	});

	it('tells legacy Word, Excel and PowerPoint files by their streams', async () => {
		expect((await kindOf(cfbWith(['WordDocument', '1Table', '\u0005SummaryInformation']), 'old.doc')).extension).toBe('doc');
		expect((await kindOf(cfbWith(['Workbook']), 'old.xls')).extension).toBe('xls');
		expect((await kindOf(cfbWith(['Book']), 'older.xls')).extension).toBe('xls');
		expect((await kindOf(cfbWith(['Current User', 'PowerPoint Document']), 'old.ppt')).extension).toBe('ppt');
		// Seven streams need two directory sectors: the directory's chain is followed.
		const many = ['\u0005SummaryInformation', 'a', 'b', 'c', 'd', 'e', 'WordDocument'];
		expect((await kindOf(cfbWith(many), 'old.doc')).extension).toBe('doc');
	});

	it('accepts UTF-8 text (with or without a byte order mark) and Windows-1252 text, CSV only by its name', async () => {
		expect(await kindOf('Minutes of the board\nAll present\n', 'minutes.txt')).toEqual(EVIDENCE_KINDS.txt);
		expect(await kindOf('\ufeffAgency,Lead\nNorthmere,Ms Ade\n', 'agencies.CSV')).toEqual(EVIDENCE_KINDS.csv);
		expect(await kindOf('Agency,Lead\n', 'agencies.csv.txt')).toEqual(EVIDENCE_KINDS.txt);
		expect(await kindOf(windows1252('Café policy – “approved” for €0\r\n'), 'notes.txt')).toEqual(EVIDENCE_KINDS.txt);
		expect(await kindOf('Ysgol Gymraeg: polisi diogelu ŵyr ac wyresau, Gŵyl Dewi\n', 'polisi.txt')).toEqual(EVIDENCE_KINDS.txt);
	});

	it('finds the kind again from the media type it is stored under', () => {
		expect(kindOfMediaType('application/pdf')).toBe(EVIDENCE_KINDS.pdf);
		expect(kindOfMediaType('text/html')).toBeUndefined();
	});

	it('shows only PDFs and images inline and reads text only from PDF, DOCX, ODT, TXT and CSV', () => {
		const inline = Object.values(EVIDENCE_KINDS).filter((k) => k.inline).map((k) => k.extension);
		const text = Object.values(EVIDENCE_KINDS).filter((k) => k.text).map((k) => k.extension);
		expect(inline.sort()).toEqual(['gif', 'jpg', 'pdf', 'png', 'webp']);
		expect(text.sort()).toEqual(['csv', 'docx', 'odt', 'pdf', 'txt']);
	});
});

describe('hostile files', () => {
	it('refuses an empty file', async () => {
		expect(await identify('', 'policy.pdf')).toEqual({ ok: false, message: EMPTY_FILE });
	});

	it('names what is accepted when it refuses', () => {
		expect(NOT_ACCEPTED).toBe(
			'The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV file'
		);
	});

	it.each([
		['HTML renamed .pdf', htmlAsPdf(), 'policy.pdf'],
		['an SVG with a script', svgWithScript(), 'chart.svg'],
		['an SVG with a script renamed .png', svgWithScript(), 'chart.png'],
		['markup after a byte order mark and blank lines', '\ufeff\n\n  <p onclick="x()">hi</p>', 'notes.txt'],
		['text with a script further in', `Notes\n${'filler '.repeat(100)}<script>alert(1)</script>`, 'notes.txt'],
		['a Windows program', exeBytes(), 'policy.pdf'],
		['a Windows program with a double extension', exeBytes(), 'report.pdf.exe'],
		['a Linux program', elfBytes(), 'policy.docx'],
		['a gzip archive', Buffer.from('1f8b0800000000000003', 'hex'), 'evidence.pdf'],
		['UTF-16 text (it holds NUL bytes)', Buffer.from('\ufeffMinutes of the board', 'utf16le'), 'minutes.txt'],
		['bytes that are neither UTF-8 nor Windows-1252', Buffer.from([0x41, 0x81, 0xc3, 0x28]), 'notes.txt'],
		['a binary control byte', Buffer.from('Minutes\u0007of the board'), 'minutes.txt'],
		['a broken ZIP', Buffer.from('PK\u0003\u0004not really a zip'), 'policy.odt']
	])('refuses %s', async (_what, bytes, name) => {
		expect(await identify(bytes, name)).toEqual({ ok: false, message: NOT_ACCEPTED });
	});

	it('refuses a ZIP of something else renamed .docx', async () => {
		expect(await identify(await fakeDocx(), 'policy.docx')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});

	it('refuses an OpenDocument-looking ZIP without content', async () => {
		const bytes = await zipOf([['mimetype', 'application/vnd.oasis.opendocument.text', { compress: false }]]);
		expect(await identify(bytes, 'policy.odt')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});

	it('refuses a ZIP bomb renamed .docx, though it has a Word document’s parts', async () => {
		const bomb = await zipBomb();
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		expect(await identify(bomb, 'policy.docx')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});

	it('refuses an archive with too many entries', async () => {
		const entries = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => [`e${i}`, '', { compress: false }] as [string, string, { compress: boolean }]);
		const bytes = await zipOf([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>'], ...entries]);
		expect(await identify(bytes, 'policy.docx')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});

	it('refuses a macro-enabled document, whatever it is called', async () => {
		expect(await identify(await docmBytes(), 'policy.docm')).toEqual({ ok: false, message: HAS_MACROS });
		expect(await identify(await docmBytes(), 'policy.docx')).toEqual({ ok: false, message: HAS_MACROS });
	});

	it('refuses a compound file that is not an Office document (an MSI installer) and says when one is password protected', async () => {
		const msi = cfbWith(['\u0005SummaryInformation', '\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824', '\u4840\u3b3f\u4577\u422f']);
		expect(await identify(msi, 'policy.doc')).toEqual({ ok: false, message: NOT_ACCEPTED });
		expect(await identify(cfbWith(['EncryptedInfo', 'EncryptedPackage']), 'policy.docx')).toEqual({
			ok: false,
			message: PASSWORD_PROTECTED
		});
	});

	it('refuses a truncated compound file', async () => {
		expect(await identify(cfbWith(['WordDocument']).subarray(0, 700), 'old.doc')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});
});
