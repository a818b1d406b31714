// The open font every generated PDF embeds: DejaVu Sans, shipped through npm
// (`dejavu-fonts-ttf`, a runtime dependency so the built server finds it too).
// Each face is read and parsed once per process: pdfkit parses a font given as
// a path again for every document, which took most of the time of a letter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create } from 'fontkit';

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

export type ParsedFont = ReturnType<typeof create>;
let parsed: { regular: ParsedFont; bold: ParsedFont } | null = null;

/** The regular and bold faces, parsed once; pdfkit takes them in place of a path and subsets them per document. */
export function fonts(): { regular: ParsedFont; bold: ParsedFont } {
	if (!parsed) {
		const paths = fontPaths();
		parsed = { regular: create(readFileSync(paths.regular)), bold: create(readFileSync(paths.bold)) };
	}
	return parsed;
}
