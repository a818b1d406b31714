import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	checkDocumentText,
	describeFinding,
	MAX_FINDINGS,
	MAX_TEXT_CHECK_BYTES,
	type TextCheck
} from '../../../../src/lib/server/evidence/document-text';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../src/lib/server/evidence/file-types';
import { docxWith, odtWith, pdfWith, spool, windows1252 } from '../../../helpers/evidence-files';

const NHS = '943 476 5919'; // a valid NHS number (modulus 11)

async function check(bytes: Uint8Array | string, kind: EvidenceKind): Promise<TextCheck> {
	const path = spool(bytes, `doc.${kind.extension}`);
	return checkDocumentText(path, kind, Buffer.byteLength(bytes));
}

/** Where each finding is and what it is: what the uploader is told. */
async function found(bytes: Uint8Array | string, kind: EvidenceKind): Promise<string[]> {
	const result = await check(bytes, kind);
	if (result.status !== 'checked') throw new Error(`not checked: ${result.status}`);
	return result.findings.map(describeFinding);
}

const CLEAN = [
	'Northmere Safeguarding Children Partnership. Annual report 2024 to 2025.',
	'The board met on 12/03/2024 and 14 June 2024. Working Together 2023 applies.',
	'Referrals rose by 12% to 1,245. Contact the business unit through the portal.'
];

afterEach(() => vi.unstubAllGlobals());

describe('the personal-data check of a PDF', () => {
	it('finds a date of birth on page 1 and an NHS number on page 3, and says where', async () => {
		const pdf = await pdfWith([
			'Case summary. Jayden Smith, born 12/03/2015, was referred in May.',
			'Page two describes the multi-agency response in general terms.',
			`Health records were shared; the NHS number ${NHS} was quoted in the referral.`
		]);
		expect(await found(pdf, EVIDENCE_KINDS.pdf)).toEqual(['page 1: a date of birth', 'page 3: an NHS number']);
	});

	it('keeps only the masked excerpt, never the identifier', async () => {
		const result = await check(await pdfWith(['Intro', 'More', `NHS number ${NHS}`]), EVIDENCE_KINDS.pdf);
		expect(result).toMatchObject({ status: 'checked', findings: [{ where: 'page 3', kind: 'nhs-number', excerpt: '*** *** **19' }] });
		expect(JSON.stringify(result)).not.toContain('943');
	});

	it('stays quiet on a clean policy, meeting dates and all', async () => {
		expect(await found(await pdfWith(CLEAN), EVIDENCE_KINDS.pdf)).toEqual([]);
	});

	it('reads the PDF without fetching anything from the network', async () => {
		const fetch = vi.fn(() => Promise.reject(new Error('no network')));
		vi.stubGlobal('fetch', fetch);
		expect(await found(await pdfWith([`NHS ${NHS}`]), EVIDENCE_KINDS.pdf)).toEqual(['page 1: an NHS number']);
		expect(fetch).not.toHaveBeenCalled();
	});

	it('says a PDF without a text layer (scanned pages) has no text to check', async () => {
		expect(await check(await pdfWith([]), EVIDENCE_KINDS.pdf)).toEqual({ status: 'not_text' });
	});

	it('calls an encrypted or broken PDF unreadable', async () => {
		const locked = await pdfWith([`NHS ${NHS}`], { userPassword: 'secret' });
		expect(await check(locked, EVIDENCE_KINDS.pdf)).toEqual({ status: 'unreadable' });
		expect(await check('%PDF-1.7\n1 0 obj << /Type /Catalog', EVIDENCE_KINDS.pdf)).toEqual({ status: 'unreadable' });
	});
});

describe('the personal-data check of Word and OpenDocument texts', () => {
	it('finds what was planted in a DOCX, by paragraph', async () => {
		const docx = await docxWith(['Safeguarding audit', 'Ms Ade chaired the panel.', 'Contact the family at jayden.smith@example.com.', `NHS ${NHS}`]);
		expect(await found(docx, EVIDENCE_KINDS.docx)).toEqual(['paragraph 3: an email address', 'paragraph 4: an NHS number']);
		expect(await found(await docxWith(CLEAN), EVIDENCE_KINDS.docx)).toEqual([]);
	});

	it('finds what was planted in an ODT, headings and paragraphs alike', async () => {
		const odt = await odtWith([`Child NHS ${NHS}`, 'A clean paragraph.', 'Home address postcode SW1A 1AA & nothing else.']);
		expect(await found(odt, EVIDENCE_KINDS.odt)).toEqual(['paragraph 1: an NHS number', 'paragraph 3: a full postcode']);
		expect(await found(await odtWith(CLEAN), EVIDENCE_KINDS.odt)).toEqual([]);
	});

	it('calls a broken Word document unreadable', async () => {
		expect(await check(Buffer.from('PK\u0003\u0004broken'), EVIDENCE_KINDS.docx)).toEqual({ status: 'unreadable' });
	});
});

describe('the personal-data check of text and CSV files', () => {
	it('finds what was planted in UTF-8 and Windows-1252 text, by line', async () => {
		const text = `Café meeting notes\r\nAll agencies attended.\r\nDOB: 12/03/2015 for the child discussed\r\nPhone 07700 900123\r\n`;
		expect(await found(text, EVIDENCE_KINDS.txt)).toEqual(['line 3: a date of birth', 'line 4: a phone number']);
		expect(await found(windows1252(text), EVIDENCE_KINDS.txt)).toEqual(['line 3: a date of birth', 'line 4: a phone number']);
		expect(await found(`\ufeff${CLEAN.join('\n')}`, EVIDENCE_KINDS.txt)).toEqual([]);
	});

	it('finds what was planted in a CSV, by row, with a "Date of birth" column as the cue', async () => {
		const csv = 'Child ref,Date of birth,School\nC-101,12/03/2015,Oakfield\nC-102,,"Hill, ""North"" site"\nC-103,,UPN A123456789012\n';
		expect(await found(csv, EVIDENCE_KINDS.csv)).toEqual(['row 2: a date of birth', 'row 4: a Unique Pupil Number']);
		expect(await found(windows1252('Agency,Lead,Reviewed\nCafé Nord,Ms Ade,12/03/2024\n'), EVIDENCE_KINDS.csv)).toEqual([]);
	});

	it('still checks a CSV file the CSV reader cannot read, line by line', async () => {
		expect(await found(`Note\n"unclosed quote, NHS ${NHS}\n`, EVIDENCE_KINDS.csv)).toEqual(['line 2: an NHS number']);
	});

	it(`keeps at most ${MAX_FINDINGS} findings`, async () => {
		const lines = Array.from({ length: 80 }, (_, i) => `parent${i}@example.com`).join('\n');
		const result = await check(lines, EVIDENCE_KINDS.txt);
		expect(result.status === 'checked' && result.findings.length).toBe(MAX_FINDINGS);
	});
});

describe('what the check does not read', () => {
	it('does not read files over the limit', async () => {
		expect(MAX_TEXT_CHECK_BYTES).toBe(25 * 1024 * 1024);
		const path = spool(`NHS ${NHS}`, 'big.txt');
		expect(await checkDocumentText(path, EVIDENCE_KINDS.txt, MAX_TEXT_CHECK_BYTES + 1)).toEqual({ status: 'too_large' });
	});

	it('has nothing to read in images, spreadsheets and presentations', async () => {
		for (const kind of [EVIDENCE_KINDS.png, EVIDENCE_KINDS.xlsx, EVIDENCE_KINDS.pptx, EVIDENCE_KINDS.doc]) {
			expect(await check('anything', kind)).toEqual({ status: 'not_text' });
		}
	});
});

describe('a finding as a person reads it', () => {
	it('names the place and the kind', () => {
		expect(describeFinding({ where: 'page 3', kind: 'nhs-number' })).toBe('page 3: an NHS number');
		expect(describeFinding({ where: 'row 2', kind: 'upn' })).toBe('row 2: a Unique Pupil Number');
		expect(describeFinding({ where: 'line 1', kind: 'postcode' })).toBe('line 1: a full postcode');
	});
});
