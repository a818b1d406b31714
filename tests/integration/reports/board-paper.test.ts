// The board paper on both databases, read back as a person's software reads it:
// the PDF is tagged and says what the dashboard says (return rate, grades, the
// challenge log, the change since last year's audit); the Word document holds
// the same text.
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { bytesOf, isTagged, pageOrientations, pdfText, savedPdf } from '../../helpers/pdf';
import { zipEntries } from '../../helpers/zip';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { getCycle, type Cycle } from '../../../src/lib/server/cycles';
import { cycleBoardPaper } from '../../../src/lib/server/reports/board-paper';
import { cycleDashboard, previousCycle } from '../../../src/lib/server/reports/cycle-dashboard';
import { boardPaperDocx, boardPaperPdf } from '../../../src/lib/server/reports/board-paper-render';
import { shareText } from '../../../src/lib/domain/reports/shares';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const today = ukToday();

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

const cycle = async (id: string): Promise<Cycle> => (await getCycle(db, id))!;

describe('the board paper', () => {
	it('is a tagged PDF with the cycle’s return rate, grades, challenge log, and no earlier cycle to compare', async () => {
		const s11 = await cycle(ids.pastS11Northmere);
		const dashboard = await cycleDashboard(db, s11, today, 'all');
		const [log] = await db.query<{ n: number }>('select count(*)::int as n from challenges where cycle_id = $1', [s11.id]);
		const file = savedPdf(await bytesOf(boardPaperPdf(await cycleBoardPaper(db, s11, today))));
		expect(isTagged(file)).toBe(true);
		const got = pdfText(file);
		expect(got).toContain(`Compliance summary: ${s11.title}`);
		expect(got).toContain(`${shareText(dashboard.returnRate.overall)} returned against a required 100%`);
		expect(got).toContain('Self, moderated and agreed grades per standard');
		expect(got).toContain('Risks: requirements not met');
		expect(got).toContain(`${log.n} challenges raised on this cycle`);
		expect(got).toContain('There is no earlier cycle of this audit to compare with.');
		// The heatmap in words, one row per returning organisation, and the action plans in counts.
		expect(got).toContain('Self and moderated grade per organisation and standard');
		const [returned] = await db.query<{ name: string }>(
			'select o.name from submissions s join organisations o on o.id = s.organisation_id where s.cycle_id = $1 order by o.name limit 1',
			[s11.id]
		);
		expect(got).toContain(returned.name);
		const t = dashboard.actionPlans.totals;
		expect(got).toContain(`${t.open} open, ${t.overdue} overdue and ${t.done} done`);
		// The grid is too wide for an upright page: its pages are turned sideways, and the paper goes on upright after it.
		const pages = pageOrientations(file);
		expect(pages[0]).toBe('portrait');
		expect(pages).toContain('landscape');
		expect(pages.at(-1)).toBe('portrait');
	});

	it('compares this year’s schools audit with last year’s, requirement by requirement', async () => {
		const now = await cycle(ids.cycles.s175Northmere);
		const before = (await previousCycle(db, now))!;
		expect(before.title).toMatch(/^Schools safeguarding audit \d{4}$/);
		expect(before.opensOn < now.opensOn).toBe(true);
		const then = await cycleDashboard(db, before, today, 'all');
		const got = pdfText(savedPdf(await bytesOf(boardPaperPdf(await cycleBoardPaper(db, now, today)))));
		expect(got).toContain(`Change since ${before.title}`);
		expect(got).toContain(`against ${shareText(then.returnRate.overall)} then`);
		expect(got).toContain('Share answering yes, then and now');
	});

	it('as a Word document holds the same headings and figures', async () => {
		const s11 = await cycle(ids.pastS11Northmere);
		const paper = await cycleBoardPaper(db, s11, today);
		const { value } = await mammoth.extractRawText({ buffer: await boardPaperDocx(paper) });
		const text = value.replace(/\s+/g, ' ');
		expect(text).toContain(`Compliance summary: ${s11.title}`);
		for (const b of paper.blocks.filter((x) => x.kind === 'heading')) expect(text).toContain(b.kind === 'heading' ? b.text : '');
		const rate = paper.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('returned against a required 100%'));
		expect(rate && rate.kind === 'paragraph' && text.includes(rate.text)).toBe(true);
		// The grid has a section of its own turned sideways, between upright ones.
		const xml = (await zipEntries(await boardPaperDocx(paper))).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
		const orientations = [...xml.matchAll(/<w:pgSz[^>]*>/g)].map((m) => (/w:orient="landscape"/.test(m[0]) ? 'landscape' : 'portrait'));
		expect(orientations).toEqual(['portrait', 'landscape', 'portrait']);
	});
});
