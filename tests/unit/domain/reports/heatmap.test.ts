// The heatmap's cells and rows: which grade a cell shows, whether it is worse
// than the self grade, its colour and words, and the rows filtered, sorted and paged.
import { describe, expect, it } from 'vitest';
import { SCALE_PRESETS } from '../../../../src/lib/domain/scales';
import type { Scale } from '../../../../src/lib/domain/template';
import {
	applyHeatmapQuery,
	cellWords,
	heatmapCell,
	heatmapPage,
	heatmapRow,
	readHeatmapQuery,
	HEATMAP_PAGE_SIZE,
	type HeatmapSource
} from '../../../../src/lib/domain/reports/heatmap';

const fourPoint = SCALE_PRESETS['four-point'] as unknown as Scale;
const rag = SCALE_PRESETS.rag as unknown as Scale;
const CODES = ['1', '2'];

const source = (over: Partial<HeatmapSource> = {}): HeatmapSource => ({
	organisationId: 'o1',
	organisationName: 'Oakfield Primary School',
	kind: 'school',
	sector: 'education',
	phase: 'primary',
	submissionId: 's1',
	requirements: { '1': ['2', '2', '3'], '2': ['1'] },
	moderationState: null,
	moderatorId: null,
	moderated: {},
	agreed: {},
	...over
});

describe('a cell', () => {
	it('shows the self grade alone until the partnership has a grade, coloured by it', () => {
		const cell = heatmapCell(fourPoint, source(), '1');
		expect(cell).toEqual({ self: 'Good', review: null, gap: null, lower: false, colour: 'green' });
		expect(cellWords(cell)).toBe('Self: Good');
	});

	it('never shows a draft moderated grade: only once the moderation is accepted or complete', () => {
		for (const state of ['awaiting', 'changes_requested'] as const) {
			const cell = heatmapCell(fourPoint, source({ moderationState: state, moderated: { '1': '4' } }), '1');
			expect(cell.review).toBeNull();
			expect(cell.lower).toBe(false);
		}
		for (const state of ['accepted', 'completed'] as const) {
			const cell = heatmapCell(fourPoint, source({ moderationState: state, moderated: { '1': '3' } }), '1');
			expect(cellWords(cell)).toBe('Self: Good / Moderated: Requires improvement');
			expect(cell).toMatchObject({ gap: 1, lower: true, colour: 'amber' });
		}
	});

	it('shows the agreed grade where there is one, in place of the moderated grade', () => {
		const cell = heatmapCell(fourPoint, source({ moderationState: 'completed', moderated: { '1': '4' }, agreed: { '1': '1' } }), '1');
		expect(cellWords(cell)).toBe('Self: Good / Agreed: Outstanding');
		expect(cell).toMatchObject({ gap: -1, lower: false, colour: 'blue' });
	});

	it('is lower than self by the scale’s order, whichever way the scale runs', () => {
		// On the RAG scale a higher score is better: red (1) is worse than green (3).
		const worse = heatmapCell(rag, source({ requirements: { '1': ['green'] }, moderationState: 'accepted', moderated: { '1': 'red' } }), '1');
		expect(worse).toMatchObject({ gap: 2, lower: true, colour: 'red' });
		const better = heatmapCell(rag, source({ requirements: { '1': ['amber'] }, moderationState: 'accepted', moderated: { '1': 'green' } }), '1');
		expect(better).toMatchObject({ gap: -1, lower: false });
		const same = heatmapCell(rag, source({ requirements: { '1': ['amber'] }, agreed: { '1': 'amber' } }), '1');
		expect(same).toMatchObject({ gap: 0, lower: false });
	});

	it('takes the middle requirement grade as the self grade, leaving out N/A and unanswered ones', () => {
		expect(heatmapCell(fourPoint, source({ requirements: { '1': ['1', 'na', null, '4', '3'] } }), '1').self).toBe('Requires improvement');
	});

	it('says "Not applicable" when every answered requirement is N/A, and "Not graded" when none is graded', () => {
		const na = heatmapCell(fourPoint, source({ requirements: { '1': ['na', 'na'] } }), '1');
		expect(na).toMatchObject({ self: 'Not applicable', colour: 'grey', lower: false });
		const missing = heatmapCell(fourPoint, source({ requirements: { '1': [null, null] } }), '1');
		expect(missing).toMatchObject({ self: 'Not graded', colour: 'none' });
		// A standard missing from the submission altogether, moderated all the same: no gap without a self grade.
		const absent = heatmapCell(fourPoint, source({ requirements: {}, moderationState: 'accepted', moderated: { '1': '4' } }), '1');
		expect(cellWords(absent)).toBe('Self: Not graded / Moderated: Inadequate');
		expect(absent).toMatchObject({ gap: null, lower: false, colour: 'red' });
	});

	it('ignores a stored grade the scale does not know', () => {
		expect(heatmapCell(fourPoint, source({ moderationState: 'accepted', moderated: { '1': 'green' }, agreed: { '1': 'x' } }), '1').review).toBeNull();
	});
});

describe('a row', () => {
	it('has no cells for an organisation that has not returned: the page marks it "Not returned"', () => {
		expect(heatmapRow(fourPoint, CODES, source({ submissionId: null, requirements: {} })).cells).toBeNull();
	});

	it('has a cell for every standard of the cycle, in the order given', () => {
		const row = heatmapRow(fourPoint, CODES, source());
		expect(Object.keys(row.cells!)).toEqual(CODES);
		expect(row.cells!['2'].self).toBe('Outstanding');
	});
});

describe('filtering, sorting and paging', () => {
	const rows = [
		heatmapRow(fourPoint, CODES, source({ organisationId: 'a', organisationName: 'Zeta Academy', phase: 'secondary', moderationState: 'accepted', moderated: { '1': '3' } })),
		heatmapRow(fourPoint, CODES, source({ organisationId: 'b', organisationName: 'Alpha Police', kind: 'agency', sector: 'police', phase: null, agreed: { '1': '4' } })),
		heatmapRow(fourPoint, CODES, source({ organisationId: 'c', organisationName: 'Beta School', phase: null, submissionId: null, requirements: {} })),
		heatmapRow(fourPoint, CODES, source({ organisationId: 'd', organisationName: 'Gamma Primary' }))
	];
	const query = (qs: string) => readHeatmapQuery(new URLSearchParams(qs), CODES);
	const names = (qs: string) => applyHeatmapQuery(rows, query(qs)).map((r) => r.organisationName);

	it('sorts by organisation name by default, and reverses on request', () => {
		expect(names('')).toEqual(['Alpha Police', 'Beta School', 'Gamma Primary', 'Zeta Academy']);
		expect(names('order=desc')).toEqual(['Zeta Academy', 'Gamma Primary', 'Beta School', 'Alpha Police']);
	});

	it('sorts by sector, then name', () => {
		expect(names('sort=sector')).toEqual(['Beta School', 'Gamma Primary', 'Zeta Academy', 'Alpha Police']);
	});

	it('sorts by the gap on the chosen standard: widest first, then no gap, then not returned', () => {
		expect(names('sort=gap&standard=1')).toEqual(['Alpha Police', 'Zeta Academy', 'Gamma Primary', 'Beta School']);
		// On standard 2 nobody has a partnership grade: by name, the organisation not returned last.
		expect(names('sort=gap&standard=2')).toEqual(['Alpha Police', 'Gamma Primary', 'Zeta Academy', 'Beta School']);
	});

	it('filters by sector and by school phase (a school whose phase is not known, too); agencies have no phase', () => {
		expect(names('sector=police')).toEqual(['Alpha Police']);
		expect(names('phase=primary')).toEqual(['Gamma Primary']);
		expect(names('phase=unknown')).toEqual(['Beta School']);
		expect(names('sector=education&phase=secondary')).toEqual(['Zeta Academy']);
	});

	it('reads anything unknown in the address as the default', () => {
		expect(query('sort=nonsense&sector=nowhere&phase=x&standard=99&page=-4')).toEqual({ sector: null, phase: null, sort: 'organisation', standard: '1', descending: false, page: 1 });
	});

	it('pages the rows, keeping the page asked for within those there are', () => {
		const many = Array.from({ length: HEATMAP_PAGE_SIZE * 2 + 5 }, (_, i) => i);
		expect(heatmapPage(many, 1)).toMatchObject({ page: 1, pages: 3 });
		expect(heatmapPage(many, 3).rows).toEqual(many.slice(HEATMAP_PAGE_SIZE * 2));
		expect(heatmapPage(many, 9)).toMatchObject({ page: 3 });
		expect(heatmapPage([], 2)).toEqual({ rows: [], page: 1, pages: 1 });
	});
});
