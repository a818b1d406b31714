import { describe, expect, it } from 'vitest';
import { ACTION_ROWS, boardPaper, rankItems, yearOnYear, type PaperInput } from '../../../../src/lib/domain/reports/board-paper';
import { actionPlanStatus } from '../../../../src/lib/domain/reports/action-plans';
import { gradeShortForms, heatmapRow, paperHeatmap, type HeatmapSource } from '../../../../src/lib/domain/reports/heatmap';
import type { ItemResult } from '../../../../src/lib/domain/reports/items';
import { returnRate } from '../../../../src/lib/domain/reports/return-rate';
import { share } from '../../../../src/lib/domain/reports/shares';
import type { Scale } from '../../../../src/lib/domain/template';

const scale: Scale = { grades: [{ value: 'yes', label: 'Yes' }, { value: 'partly', label: 'Partly' }, { value: 'no', label: 'No' }], notApplicable: { allowed: true, reasonRequired: true } } as Scale;
const item = (code: string, yes: number, partly: number, no: number): ItemResult => {
	const of = yes + partly + no;
	return { code, text: `Item ${code}`, standardCode: code.split('.')[0], answers: { yes: share(yes, of), partly: share(partly, of), no: share(no, of) }, noAnswer: share(0, of), notApplicable: 0, moderated: null };
};

const input = (over: Partial<PaperInput> = {}): PaperInput => ({
	partnershipName: 'Northmere Safeguarding Children Partnership',
	cycleTitle: 'Schools safeguarding audit 2026',
	closesOn: '2026-11-30',
	today: '2026-12-01',
	scale,
	returnRate: returnRate(
		[
			{ organisationId: 'a', name: 'A', kind: 'school', sector: 'education', phase: 'primary', deadline: '2026-11-30', state: 'submitted' },
			{ organisationId: 'b', name: 'B', kind: 'school', sector: 'education', phase: 'primary', deadline: '2026-11-30', state: 'submitted' },
			{ organisationId: 'c', name: 'C', kind: 'school', sector: 'education', phase: 'secondary', deadline: '2026-11-30', state: 'late' },
			{ organisationId: 'd', name: 'Dunmore High', kind: 'school', sector: 'education', phase: 'secondary', deadline: '2026-11-20', state: 'overdue' }
		],
		'2026-12-01'
	),
	returning: 3,
	grades: [],
	items: [item('1.1', 2, 1, 0), item('1.2', 1, 0, 2), item('2.1', 3, 0, 0)],
	challenges: { byStatus: { open: 2, answered: 1, escalated: 0, accepted: 0, closed: 1 }, bySource: { moderation: 3, challenge_event: 0, board_meeting: 1, other: 0 }, overdue: 1 },
	actionPlans: actionPlanStatus([{ organisationId: 'a', name: 'A' }, { organisationId: 'b', name: 'B' }], [{ organisationId: 'a', status: 'done', dueOn: null }, { organisationId: 'a', status: 'in_progress', dueOn: '2026-11-01' }], '2026-12-01'),
	previous: null,
	heatmap: null,
	...over
});

const text = (p: ReturnType<typeof boardPaper>) => p.blocks.map((b) => (b.kind === 'table' ? [b.caption, ...b.head, ...b.rows.flat()].join(' | ') : b.kind === 'list' ? b.items.join(' | ') : b.text)).join('\n');

describe('the board paper', () => {
	it('states the return rate as the seed reports do, and who has not returned with days overdue', () => {
		const got = text(boardPaper(input()));
		expect(got).toContain('75% (3 of 4) returned against a required 100%.');
		expect(got).toContain('Dunmore High | Education | 20 November 2026 | 11');
	});

	it('names the risks by the share answering no, and good practice by the share answering yes', () => {
		expect(rankItems(input().items, 'no').map((i) => i.code)).toEqual(['1.2']);
		expect(rankItems(input().items, 'yes').map((i) => i.code)).toEqual(['2.1', '1.1', '1.2']);
		const got = text(boardPaper(input()));
		expect(got).toContain('1.2 Item 1.2: 67% (2 of 3) no.');
	});

	it('compares each requirement with the previous cycle by its code, and the return rate in points', () => {
		const previous = { title: 'Schools safeguarding audit 2025', returned: share(2, 4), items: [item('1.1', 1, 2, 0), item('9.9', 1, 0, 0)] };
		expect(yearOnYear(input().items, previous.items, scale)).toEqual([{ code: '1.1', text: 'Item 1.1', then: share(1, 3), now: share(2, 3), change: 34 }]);
		const got = text(boardPaper(input({ previous })));
		expect(got).toContain('Change since Schools safeguarding audit 2025');
		expect(got).toContain('75% (3 of 4) now, against 50% (2 of 4) then (+25 percentage points)');
		expect(got).toContain('1.1 Item 1.1 | 33% (1 of 3) | 67% (2 of 3) | +34');
	});

	it('says when there is nothing to compare with, and counts the challenge log', () => {
		const got = text(boardPaper(input()));
		expect(got).toContain('There is no earlier cycle of this audit to compare with.');
		expect(got).toContain('4 challenges raised on this cycle; 1 overdue.');
	});

	it('gives the action plans in counts, most overdue first, naming at most the first organisations', () => {
		const got = text(boardPaper(input()));
		expect(got).toContain('2 actions in the action plans sent with the latest submissions: 0 open, 1 overdue and 1 done. 1 returning organisation sent no action plan.');
		expect(got).toContain('Action plans by organisation, most overdue first | Organisation | Open | Overdue | Done | Total | A | 0 | 1 | 1 | 2');
		const many = Array.from({ length: ACTION_ROWS + 3 }, (_, i) => ({ organisationId: `o${i}`, name: `Org ${String(i).padStart(3, '0')}` }));
		const plans = actionPlanStatus(many, many.map((o) => ({ organisationId: o.organisationId, status: 'not_started', dueOn: null })), '2026-12-01');
		const table = boardPaper(input({ actionPlans: plans })).blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Action plans'));
		expect(table?.kind === 'table' && [table.caption, table.rows.length]).toEqual([`Action plans, the ${ACTION_ROWS} organisations with the most overdue actions (3 more in the workbook)`, ACTION_ROWS]);
		expect(text(boardPaper(input({ actionPlans: actionPlanStatus([], [], '2026-12-01') })))).toContain('No returning organisation sent an action plan');
	});

	it('prints the heatmap in words: self grade, then the partnership’s, marking a lower one; only organisations that returned', () => {
		const source = (name: string, submissionId: string | null, over: Partial<HeatmapSource> = {}): HeatmapSource => ({
			organisationId: name, organisationName: name, kind: 'school', sector: 'education', phase: 'primary', submissionId, requirements: { '1': ['yes', 'yes'], '2': ['partly'] },
			moderationState: 'accepted', moderatorId: null, moderated: {}, agreed: {}, ...over
		});
		const rows = [
			source('Ash', 's1', { moderated: { '1': 'partly' }, agreed: { '2': 'yes' } }),
			source('Birch', 's2', { moderationState: 'awaiting', moderated: { '1': 'no' } }),
			source('Cedar', null)
		].map((s) => heatmapRow(scale, ['1', '2'], s));
		const heatmap = paperHeatmap(scale, rows, ['1', '2']);
		expect(heatmap.rows).toEqual([
			['Ash', 'Y / P (M) ↓', 'P / Y (A)'],
			['Birch', 'Y', 'P']
		]);
		const got = text(boardPaper(input({ heatmap })));
		expect(got).toContain('Key: Y: Yes; P: Partly; N: No; N/A: Not applicable; –: Not graded; (A): agreed; (M): moderated; ↓: lower than the self grade.');
		expect(got).toContain('Self and moderated grade per organisation and standard | Organisation | 1 | 2 | Ash | Y / P (M) ↓');
	});

	it('shortens grades to their initials only where no two would read the same', () => {
		expect([...gradeShortForms({ ...scale, grades: [{ value: '1', label: 'Outstanding' }, { value: '3', label: 'Requires improvement' }] } as Scale)].slice(0, 2)).toEqual([['Outstanding', 'O'], ['Requires improvement', 'RI']]);
		const clash = { ...scale, grades: [{ value: 'p', label: 'Partly' }, { value: 'q', label: 'Poor' }] } as Scale;
		expect([gradeShortForms(clash).get('Partly'), gradeShortForms(clash).get('Poor')]).toEqual(['Partly', 'Poor']);
	});
});
