// The tagged PDF module: what pdfinfo and pdftotext (poppler) read from a document it writes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { taggedPdf } from '../../../src/lib/server/pdf/tagged-pdf';
import { pngImage } from '../../helpers/images';
import { TMP } from '../../helpers/paths';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function saved(bytes: Buffer): string {
	const dir = path.join(TMP, 'pdf');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${randomUUID()}.pdf`);
	writeFileSync(file, bytes);
	return file;
}

const pdfinfo = (file: string, ...args: string[]) => execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

function letter(rows: number) {
	const pdf = taggedPdf({ title: 'Feedback letter: Canary Trust', author: 'Testshire Partnership', header: 'Testshire Partnership' });
	pdf
		.image(pngImage(), 'Testshire Partnership logo')
		.heading(1, 'Feedback letter for Canary Trust')
		.paragraph('Opening paragraph about the canary.')
		.heading(2, 'Strengths')
		.list(['First strength of the canary', 'Second strength, ü and € and “quotes”'])
		.table({
			caption: 'Grades per standard',
			head: ['Standard', 'Self grade', 'Agreed grade'],
			rows: Array.from({ length: rows }, (_, i) => [`Standard row ${i + 1}`, 'Good', 'Requires improvement']),
			widths: [3, 1, 1]
		})
		.heading(3, 'Closing heading')
		.paragraph('Closing paragraph after the table.');
	return pdf.end();
}

describe('tagged PDF', () => {
	it('is tagged, titled and in British English, with every part in reading order', async () => {
		const file = saved(await bytesOf(letter(5)));
		const info = pdfinfo(file);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(/^Title:\s+Feedback letter: Canary Trust$/m);
		expect(info).toMatch(/^Author:\s+Testshire Partnership$/m);
		expect(info).toMatch(/^Pages:\s+1$/m);
		expect(info).toMatch(/^PDF version:\s+1\.7$/m);
		const text = pdftotext(file);
		const order = [
			'Feedback letter for Canary Trust',
			'Opening paragraph about the canary.',
			'Strengths',
			'First strength of the canary',
			'Second strength, ü and € and “quotes”',
			'Grades per standard',
			'Standard row 1',
			'Standard row 5',
			'Closing heading',
			'Closing paragraph after the table.'
		];
		const positions = order.map((t) => text.indexOf(t));
		expect(positions.every((p) => p >= 0), text).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('records the structure: headings, list, table with header cells, figure with alt text; furniture is not in it', async () => {
		const bytes = await bytesOf(letter(3));
		const tree = pdfinfo(saved(bytes), '-struct-text');
		const tags = ['Document', 'Figure', 'H1', 'P', 'H2', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'Caption', 'TR', 'TH', 'TD', 'H3'];
		const positions = tags.map((t) => tree.search(new RegExp(`^ *${t}\\b`, 'm')));
		expect(positions.every((p) => p >= 0), tree).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(tree).toMatch(/TH:\s+\/Scope \/Column\s+"Self grade"/);
		expect(tree).toMatch(/TD\s+"Standard row 3"/);
		// The running header and the page number are artifacts, outside the structure tree.
		expect(tree).not.toContain('Page 1');
		expect(tree).not.toContain('"Testshire Partnership"');
		const raw = bytes.toString('latin1');
		expect(raw).toMatch(/\/Alt \(Testshire Partnership logo\)/);
		expect(raw).toMatch(/\/Lang \(en-GB\)/);
		expect(raw).toContain('/DisplayDocTitle true');
		expect(raw).toContain('pdfuaid:part>1<');
	});

	it('breaks a long table across pages and repeats its header row on each', async () => {
		const file = saved(await bytesOf(letter(120)));
		const pages = Number(/^Pages:\s+(\d+)$/m.exec(pdfinfo(file))?.[1]);
		expect(pages).toBeGreaterThanOrEqual(3);
		const text = pdftotext(file);
		expect(text.split('Self grade').length - 1).toBe(pages);
		expect(text.split('\f').filter((p) => p.includes('Page ')).length).toBe(pages);
		for (const n of [1, 60, 120]) expect(text).toContain(`Standard row ${n}\n`);
		// A screen reader meets the header row once: the repeats are artifacts.
		expect(pdfinfo(file, '-struct-text').split('"Self grade"').length - 1).toBe(1);
		expect(text.indexOf('Closing paragraph after the table.')).toBeGreaterThan(text.indexOf('Standard row 120'));
	});
});
