// The board paper (the cycle's compliance summary) for a 500-organisation
// cycle (bench/fixtures/cycle.ts, with the same audit's previous cycle, so the
// year-on-year comparison is drawn too), end to end from the database: what
// the download does before it streams, i.e. cycleBoardPaper() reading both
// dashboards, the challenge log and the organisation × standard grid, then the tagged PDF (or the Word
// document) to the last byte. The baseline, in the same run: bare pdfkit
// writing the same paper's text with the same font, one text() call per
// heading, paragraph, list item, table caption and table row, with no tags,
// tables or page furniture.
//
//   npm run bench:board-paper            (embedded)
//   DATABASE_URL=postgres://… npm run bench:board-paper
//   RUNS=30 WARMUPS=3 ORGS=500 PREVIOUS=1 are the defaults; PREVIOUS=0: no earlier cycle
//
// Prints a Markdown table for the README. Numbers, not assertions.
import PDFDocument from 'pdfkit';
import { getCycle, type Cycle } from '../src/lib/server/cycles';
import { cycleBoardPaper } from '../src/lib/server/reports/board-paper';
import { boardPaperDocx, boardPaperPdf } from '../src/lib/server/reports/board-paper-render';
import { parsedFonts } from '../src/lib/server/pdf/fonts';
import { ukToday } from '../src/lib/domain/cycles';
import type { BoardPaper } from '../src/lib/domain/reports/board-paper';
import { bytesOf } from '../tests/helpers/pdf';
import { seedCycle } from './fixtures/cycle';
import { benchDatabase, load, machine, msText, pct, rounds } from './fixtures/measure';

const RUNS = Number(process.env.RUNS ?? 30);
const WARMUPS = Number(process.env.WARMUPS ?? 3);
const ORGS = Number(process.env.ORGS ?? 500);
const PREVIOUS = process.env.PREVIOUS !== '0';
const TARGET_MS = 3000;

/** The paper's text with bare pdfkit: the same page size, margins and DejaVu Sans (parsed once, as the portal does). */
function barePdf(paper: BoardPaper): Promise<Buffer> {
	const fonts = parsedFonts();
	const doc = new PDFDocument({ size: 'A4', margins: { top: 64, bottom: 64, left: 56, right: 56 } });
	doc.registerFont('Body', fonts.regular.font);
	doc.registerFont('Bold', fonts.bold.font);
	const text = (t: string, font: 'Body' | 'Bold', size: number) => doc.font(font).fontSize(size).text(t);
	text(paper.title, 'Bold', 20);
	for (const b of paper.blocks) {
		if (b.kind === 'heading') text(b.text, 'Bold', b.level === 2 ? 15 : 12.5);
		else if (b.kind === 'paragraph') text(b.text, 'Body', 11);
		else if (b.kind === 'list') b.items.forEach((item) => text(`• ${item}`, 'Body', 11));
		else {
			text(b.caption, 'Bold', 12.5);
			text(b.head.join('   '), 'Bold', 10);
			b.rows.forEach((row) => text(row.join('   '), 'Body', 10));
		}
	}
	doc.end();
	return bytesOf(doc);
}

/** How many pages a PDF has: its page objects (pdfkit writes them uncompressed). */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

async function main() {
	const loadAtStart = load();
	const bench = await benchDatabase('board-paper');
	const { db } = bench;
	const fixture = await seedCycle(db, { organisations: ORGS, name: 'Board Paper Bench Partnership', previous: PREVIOUS });
	const cycle = (await getCycle(db, fixture.cycleId)) as Cycle;
	const today = ukToday();
	const paper = await cycleBoardPaper(db, cycle, today);
	const out: Record<'pdf' | 'docx' | 'bare', Buffer> = { pdf: Buffer.alloc(0), docx: Buffer.alloc(0), bare: Buffer.alloc(0) };
	const series: Record<'read' | 'render' | 'pdf' | 'docx' | 'bare', number[]> = { read: [], render: [], pdf: [], docx: [], bare: [] };
	try {
		await rounds(
			series,
			{
				read: () => cycleBoardPaper(db, cycle, today),
				render: () => bytesOf(boardPaperPdf(paper)),
				pdf: async () => (out.pdf = await bytesOf(boardPaperPdf(await cycleBoardPaper(db, cycle, today)))),
				docx: async () => (out.docx = await boardPaperDocx(await cycleBoardPaper(db, cycle, today))),
				bare: async () => (out.bare = await barePdf(paper))
			},
			RUNS,
			WARMUPS
		);
	} finally {
		await db.close();
		bench.remove();
	}

	const bare = series.bare;
	const kb = (b: Buffer) => `${(b.length / 1024).toFixed(0)} KB`;
	const row = (what: string, xs: number[], size: string, ratio = true) =>
		`| ${what} | ${msText(pct(xs, 50))} | ${msText(pct(xs, 95))} | ${ratio ? `${(pct(xs, 50) / pct(bare, 50)).toFixed(1)}× / ${(pct(xs, 95) / pct(bare, 95)).toFixed(1)}×` : '1×'} | ${size} |`;
	const met = pct(series.pdf, 95) < TARGET_MS;
	const blocks = paper.blocks.length;
	const tableRows = paper.blocks.reduce((n, b) => n + (b.kind === 'table' ? b.rows.length : 0), 0);
	const lines = [
		`### ${machine()}, load average ${loadAtStart} at the start, ${load()} at the end`,
		'',
		`Seed: ${fixture.organisations} organisations, ${fixture.submissions} submissions (${fixture.returned} returned), ${fixture.moderations} moderations, ${fixture.standards} standards${PREVIOUS ? ', and the same audit’s previous cycle' : ''}. The paper: ${blocks} blocks, ${tableRows} table rows. ${RUNS} runs of each after ${WARMUPS} warm-ups.`,
		'',
		'| What | p50 | p95 | ÷ bare pdfkit (p50 / p95) | Output |',
		'|---|---|---|---|---|',
		row('Baseline: bare pdfkit, the same text, one text() a block or row', bare, `${pages(out.bare)} pages, ${kb(out.bare)}`, false),
		row('Reading the paper from the database (`cycleBoardPaper()`)', series.read, ''),
		row('Drawing the tagged PDF alone (`boardPaperPdf()`, the paper already read)', series.render, ''),
		row('The board paper PDF, from the database to the last byte', series.pdf, `${pages(out.pdf)} pages, ${kb(out.pdf)}`),
		row('The Word document, from the database to the last byte', series.docx, kb(out.docx)),
		'',
		`Target (the PDF in under ${TARGET_MS / 1000} s at p95): **${met ? 'met' : 'missed'}** (p95 ${msText(pct(series.pdf, 95))}).`
	];
	process.stdout.write(`\n${lines.join('\n')}\n`);
}

await main();
