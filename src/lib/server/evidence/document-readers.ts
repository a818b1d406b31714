// The text of a PDF (per page), a Word document or an OpenDocument text (per
// paragraph), for the personal-data check. Everything is read from the file on
// disk: nothing is fetched from the network and no worker thread is started.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { listEntries, openZip, readEntryText } from './zip-contents';

/** A part of a document a person can find: "page 3" and the text on it. */
export interface TextUnit {
	where: string;
	text: string;
}

/** The document's text is larger than the check reads. */
export class TooMuchText extends Error {
	override name = 'TooMuchText';
}

/** An OpenDocument's content.xml beyond this is not read. */
const MAX_CONTENT_XML = 200 * 1024 * 1024;

// pdfjs runs its "worker" on the main thread when the worker module is already loaded:
// no Worker, and no dynamic import of a file the server build may not have next to it.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

/** pdfjs's character maps, read from its own package on disk (for PDFs whose fonts are not embedded). */
function pdfjsAssets(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } {
	try {
		const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
		return { cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts') + '/' };
	} catch {
		return {};
	}
}

export async function* pdfPages(path: string): AsyncGenerator<TextUnit> {
	const task = getDocument({
		data: new Uint8Array(await readFile(path)),
		...pdfjsAssets(),
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		useWorkerFetch: false,
		verbosity: 0
	});
	try {
		const pdf = await task.promise;
		for (let n = 1; n <= pdf.numPages; n++) {
			const page = await pdf.getPage(n);
			const content = await page.getTextContent();
			const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
			page.cleanup();
			yield { where: `page ${n}`, text };
		}
	} finally {
		await task.destroy();
	}
}

function paragraphs(texts: string[]): TextUnit[] {
	return texts.filter((t) => t.trim() !== '').map((text, i) => ({ where: `paragraph ${i + 1}`, text }));
}

export async function docxParagraphs(path: string): Promise<TextUnit[]> {
	const { value } = await mammoth.extractRawText({ path });
	return paragraphs(value.split(/\n{2,}/));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
		}
		return ENTITIES[name] ?? whole;
	});
}

/** The paragraphs and headings (text:p, text:h) of an OpenDocument's content.xml, in document order. */
export function odfParagraphs(xml: string): string[] {
	const found: string[] = [];
	const open: number[] = [];
	for (const [, closing, tag, selfClosing, text] of xml.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>|([^<]+)/g)) {
		if (text !== undefined) {
			if (open.length) found[open[open.length - 1]] += decodeEntities(text);
			continue;
		}
		const current = open.length ? open[open.length - 1] : -1;
		if (tag === 'text:p' || tag === 'text:h') {
			if (closing) open.pop();
			else if (!selfClosing) open.push(found.push('') - 1);
		} else if (current >= 0 && !closing) {
			if (tag === 'text:s') found[current] += ' ';
			else if (tag === 'text:tab') found[current] += '\t';
			else if (tag === 'text:line-break') found[current] += '\n';
		}
	}
	return found;
}

export async function odtParagraphs(path: string): Promise<TextUnit[]> {
	const zip = await openZip(path);
	try {
		const entries = await listEntries(zip);
		const content = entries?.find((e) => e.fileName === 'content.xml');
		if (!content) throw new Error('no content.xml');
		const xml = await readEntryText(zip, content, MAX_CONTENT_XML);
		if (xml === null) throw new TooMuchText();
		return paragraphs(odfParagraphs(xml));
	} finally {
		zip.close();
	}
}
