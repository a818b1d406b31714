// Whether a file with no magic bytes is text the portal accepts: valid UTF-8
// (with or without a byte order mark) or Windows-1252, no NUL or other binary
// control byte, and not markup (HTML, SVG, XML) that a browser could run.
// Read as a stream over the whole file, so memory stays flat.
import { createReadStream } from 'node:fs';

export type TextEncoding = 'utf-8' | 'windows-1252';
export type TextVerdict = { ok: true; encoding: TextEncoding } | { ok: false; reason: 'binary' | 'markup' };

/** How much of the start is searched for markup. */
const MARKUP_WINDOW = 4096;
const MARKUP = /<(?:script|svg|html|!doctype)/i;
// Bytes no text file holds: C0 controls but tab, line feed, vertical tab, form feed, carriage return and SUB (an old end-of-file mark).
const BINARY = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) if (![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a].includes(b)) BINARY[b] = 1;
// Bytes Windows-1252 leaves undefined.
const UNDEFINED_1252 = new Uint8Array(256);
for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) UNDEFINED_1252[b] = 1;

function isMarkup(start: Buffer): boolean {
	const text = start.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
	return text.trimStart().startsWith('<') || MARKUP.test(text);
}

export async function readsAsText(path: string): Promise<TextVerdict> {
	const utf8 = new TextDecoder('utf-8', { fatal: true });
	let validUtf8 = true;
	let valid1252 = true;
	let start = Buffer.alloc(0);
	for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
		if (start.length < MARKUP_WINDOW) start = Buffer.concat([start, chunk.subarray(0, MARKUP_WINDOW - start.length)]);
		for (let i = 0; i < chunk.length; i++) {
			if (BINARY[chunk[i]]) return { ok: false, reason: 'binary' };
			if (UNDEFINED_1252[chunk[i]]) valid1252 = false;
		}
		if (validUtf8) {
			try {
				utf8.decode(chunk, { stream: true });
			} catch {
				validUtf8 = false;
			}
		}
		if (!validUtf8 && !valid1252) return { ok: false, reason: 'binary' };
	}
	if (validUtf8) {
		try {
			utf8.decode();
		} catch {
			validUtf8 = false;
		}
	}
	if (isMarkup(start)) return { ok: false, reason: 'markup' };
	if (validUtf8) return { ok: true, encoding: 'utf-8' };
	return valid1252 ? { ok: true, encoding: 'windows-1252' } : { ok: false, reason: 'binary' };
}
