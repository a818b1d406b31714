// Reading back the PDFs the portal draws, as a person's software would: the
// bytes of a stream, saved to a file for poppler's pdftotext and pdfinfo.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TMP } from './paths';

export async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Saves a PDF under the tests' scratch folder and returns its path. */
export function savedPdf(bytes: Buffer): string {
	mkdirSync(path.join(TMP, 'pdf'), { recursive: true });
	const file = path.join(TMP, 'pdf', `${randomUUID()}.pdf`);
	writeFileSync(file, bytes);
	return file;
}

/** The PDF's text as pdftotext reads it, whitespace collapsed. */
export const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

export const isTagged = (file: string) => /Tagged:\s+yes/.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));

/** Each page's orientation, in order, as pdfinfo reads the page sizes. */
export function pageOrientations(file: string): ('portrait' | 'landscape')[] {
	const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
	return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
}
