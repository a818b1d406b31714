import { describe, expect, it } from 'vitest';
import { boardPaper, rankItems, yearOnYear, type PaperInput } from '../../../../src/lib/domain/reports/board-paper';
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
});
