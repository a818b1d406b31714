// The open font every generated PDF embeds: DejaVu Sans, shipped through npm
// (`dejavu-fonts-ttf`, a runtime dependency so the built server finds it too).
// The font files are parsed once per process by pdfkit's own fontkit and the
// parsed fonts shared by every document (each still embeds its own subset):
// parsing DejaVu's kerning tables afresh for each letter took most of its time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let fontDir: string | null = null;

function dir(): string {
	if (!fontDir) {
		const require = createRequire(import.meta.url);
		fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
	}
	return fontDir;
}

/** Absolute paths of the regular and bold TTF files. */
export function fontPaths(): { regular: string; bold: string } {
	return {
		regular: path.join(dir(), 'DejaVuSans.ttf'),
		bold: path.join(dir(), 'DejaVuSans-Bold.ttf')
	};
}

/** A font pdfkit takes as a font source: a parsed fontkit font (pdfkit's type definitions list only files and bytes). */
export type ParsedFont = PDFKit.Mixins.PDFFontSource;

/** A parsed font and its PostScript name, which pdfkit files it under in each document. */
export interface Face {
	font: ParsedFont;
	name: string;
}

let parsed: { regular: Face; bold: Face } | null = null;

/** The regular and bold fonts, parsed once with the fontkit pdfkit itself uses. */
export function parsedFonts(): { regular: Face; bold: Face } {
	if (!parsed) {
		const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
		const fontkit = fromPdfkit('fontkit') as { create(bytes: Uint8Array): { postscriptName: string } };
		const open = (file: string): Face => {
			const font = fontkit.create(fs.readFileSync(file));
			return { font: font as unknown as ParsedFont, name: font.postscriptName };
		};
		const files = fontPaths();
		parsed = { regular: open(files.regular), bold: open(files.bold) };
	}
	return parsed;
}
