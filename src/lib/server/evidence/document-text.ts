// The personal-data check of a document's text: the narratives' checks
// (domain/personal-data.ts) run over each page, paragraph, line or row of a
// text-bearing file, after the upload. It flags; it never blocks. Only the
// masked excerpt the narrative checks give is kept: never the matched text.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline, type Duplex } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { findPersonalData, type PersonalDataKind } from '../../domain/personal-data';
import { docxParagraphs, odtParagraphs, pdfPages, TooMuchText, type TextUnit } from './document-readers';
import type { EvidenceKind } from './file-types';
import { readsAsText } from './text-file';

export interface DocumentFinding {
	/** Where it is, as a person would look for it: "page 3", "line 12", "paragraph 4". */
	where: string;
	kind: PersonalDataKind;
	/** The matched text with its digits masked. */
	excerpt: string;
	message: string;
}

export type TextCheck =
	| { status: 'checked'; findings: DocumentFinding[] }
	| { status: 'not_text' | 'too_large' | 'unreadable' };

/** Files larger than this are not read for personal data. */
export const MAX_TEXT_CHECK_BYTES = 25 * 1024 * 1024;
export const MAX_FINDINGS = 50;

const NOUNS: Record<PersonalDataKind, string> = {
	'nhs-number': 'an NHS number',
	'date-of-birth': 'a date of birth',
	email: 'an email address',
	phone: 'a phone number',
	postcode: 'a full postcode',
	upn: 'a Unique Pupil Number'
};

/** A finding as a person reads it: "page 3: an NHS number". */
export function describeFinding(f: Pick<DocumentFinding, 'where' | 'kind'>): string {
	return `${f.where}: ${NOUNS[f.kind]}`;
}

async function decodedStream(path: string): Promise<Duplex> {
	const verdict = await readsAsText(path);
	if (!verdict.ok) throw new Error('not text');
	// iconv's UTF-8 decoder drops a byte order mark; a read error reaches whoever reads the text.
	const decoder = iconv.decodeStream(verdict.encoding === 'utf-8' ? 'utf8' : 'win1252') as unknown as Duplex;
	return pipeline(createReadStream(path), decoder, () => {});
}

async function* textLines(path: string): AsyncGenerator<TextUnit> {
	let n = 0;
	for await (const line of createInterface({ input: await decodedStream(path), crlfDelay: Infinity })) {
		yield { where: `line ${++n}`, text: line };
	}
}

// A column headed "Date of birth" or "DOB" is the cue a date in it needs, though the heading is rows away.
const BIRTH_HEADING = /birth|\bd\.?o\.?b\b/i;

async function* csvRows(path: string): AsyncGenerator<TextUnit> {
	const parser = (await decodedStream(path)).pipe(parse({ relax_column_count: true, relax_quotes: true, bom: true }));
	let headings: string[] = [];
	let n = 0;
	for await (const record of parser as AsyncIterable<string[]>) {
		if (++n === 1) headings = record;
		const cells = record.map((cell, i) => (n > 1 && BIRTH_HEADING.test(headings[i] ?? '') ? `${headings[i]}: ${cell}` : cell));
		yield { where: `row ${n}`, text: cells.join(', ') };
	}
}

function units(path: string, kind: EvidenceKind): AsyncIterable<TextUnit> | Promise<TextUnit[]> | null {
	switch (kind.extension) {
		case 'pdf':
			return pdfPages(path);
		case 'docx':
			return docxParagraphs(path);
		case 'odt':
			return odtParagraphs(path);
		case 'txt':
			return textLines(path);
		case 'csv':
			return csvRows(path);
		default:
			return null;
	}
}

async function scan(source: AsyncIterable<TextUnit> | Iterable<TextUnit>): Promise<{ findings: DocumentFinding[]; sawText: boolean }> {
	const findings: DocumentFinding[] = [];
	let sawText = false;
	for await (const { where, text } of source) {
		if (/\S/.test(text)) sawText = true;
		for (const w of findPersonalData(text)) {
			findings.push({ where, kind: w.kind, excerpt: w.excerpt, message: w.message });
			if (findings.length === MAX_FINDINGS) return { findings, sawText };
		}
	}
	return { findings, sawText };
}

/**
 * Reads the text of a PDF's text layer, a DOCX, an ODT, a text or CSV file and
 * lists what looks like a child's personal data, with where it is. A PDF with
 * no text layer (scanned pages) is `not_text`: there is nothing to read.
 */
export async function checkDocumentText(path: string, kind: EvidenceKind, size: number): Promise<TextCheck> {
	const source = kind.text ? units(path, kind) : null;
	if (!source) return { status: 'not_text' };
	if (size > MAX_TEXT_CHECK_BYTES) return { status: 'too_large' };
	try {
		const { findings, sawText } = await scan(await source);
		if (kind.extension === 'pdf' && !sawText) return { status: 'not_text' };
		return { status: 'checked', findings };
	} catch (error) {
		if (kind.extension === 'csv' && !(error instanceof TooMuchText)) return fallBackToLines(path);
		return { status: error instanceof TooMuchText ? 'too_large' : 'unreadable' };
	}
}

/** A CSV file the CSV reader cannot read (an unclosed quote) is still checked, line by line. */
async function fallBackToLines(path: string): Promise<TextCheck> {
	try {
		return { status: 'checked', findings: (await scan(textLines(path))).findings };
	} catch {
		return { status: 'unreadable' };
	}
}
