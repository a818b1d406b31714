// The board paper (the cycle's compliance summary) for a 500-organisation
// cycle (bench/fixtures/cycle.ts, with the same audit's previous cycle, so the
// year-on-year comparison is drawn too), end to end from the database: what
// the download does before it streams, i.e. cycleBoardPaper() reading both
// dashboards, the challenge log and the organisation × standard grid, then the tagged PDF (or the Word
// document) to the last byte. The baseline, in the same run: bare pdfkit (fixtures/bare-pdf.ts)
// writing the same paper's text with the same font, one text() call per
// heading, paragraph, list item, table caption and table row, with no tags,
// tables or page furniture.
//
//   npm run bench:board-paper            (embedded)
//   DATABASE_URL=postgres://… npm run bench:board-paper
//   RUNS=30 WARMUPS=3 ORGS=500 PREVIOUS=1 are the defaults; PREVIOUS=0: no earlier cycle
//
// Prints a Markdown table for the README. Numbers, not assertions.
import { getCycle, type Cycle } from '../src/lib/server/cycles';
import { cycleBoardPaper } from '../src/lib/server/reports/board-paper';
import { boardPaperDocx, boardPaperPdf } from '../src/lib/server/reports/board-paper-render';
import { ukToday } from '../src/lib/domain/cycles';
import { bytesOf } from '../tests/helpers/pdf';
import { seedCycle } from './fixtures/cycle';
import { barePdf } from './fixtures/bare-pdf';
import { benchDatabase, load, machine, msText, pct, rounds } from './fixtures/measure';
import { begin, report } from './fixtures/report';

const RUNS = Number(process.env.RUNS ?? 30);
const WARMUPS = Number(process.env.WARMUPS ?? 3);
const ORGS = Number(process.env.ORGS ?? 500);
const PREVIOUS = process.env.PREVIOUS !== '0';
const TARGET_MS = 3000;

/** How many pages a PDF has: its page objects (pdfkit writes them uncompressed). */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

async function main() {
	const finish = begin('board-paper');
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
				bare: async () => (out.bare = await barePdf(paper.title, paper.blocks))
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
	const p95 = pct(series.pdf, 95);
	report(
		finish(
			[
				{
					what: `Board paper PDF, ${fixture.organisations} organisations (${pages(out.pdf)} pages), from the database`,
					measured: `p50 ${msText(pct(series.pdf, 50))} · p95 ${msText(p95)}`,
					baseline: `bare pdfkit writing the same text p50 ${msText(pct(bare, 50))}`,
					ratio: pct(series.pdf, 50) / pct(bare, 50),
					target: `< ${TARGET_MS / 1000} s`,
					met,
					numbers: { organisations: fixture.organisations, pages: pages(out.pdf), bytes: out.pdf.length, pdfP50: pct(series.pdf, 50), pdfP95: p95, bareP50: pct(bare, 50), bareP95: pct(bare, 95), readP50: pct(series.read, 50), docxP50: pct(series.docx, 50) }
				}
			],
			lines.join('\n')
		)
	);
}

await main();
