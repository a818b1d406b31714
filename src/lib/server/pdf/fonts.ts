// The open font every generated PDF embeds: DejaVu Sans, shipped through npm
// (`dejavu-fonts-ttf`, a runtime dependency so the built server finds it too).
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
