import { describe, expect, it } from 'vitest';
import { PLAN_ROWS, actionPlanStatus, shownPlans } from '../../../../src/lib/domain/reports/action-plans';

const returning = [
	{ organisationId: 'a', name: 'Ashby Primary' },
	{ organisationId: 'b', name: 'Brook Police' },
	{ organisationId: 'c', name: 'Carrow NHS Trust' },
	{ organisationId: 'd', name: 'Dale Council' }
];
const act = (organisationId: string, status: string, dueOn: string | null) => ({ organisationId, status, dueOn });

describe('action-plan status', () => {
	it('counts each action once as open, overdue or done as at today, per organisation and in total', () => {
		const s = actionPlanStatus(
			returning,
			[
				act('a', 'not_started', '2026-11-30'), // overdue
				act('a', 'in_progress', '2026-12-01'), // due today: still open
				act('a', 'done', '2026-01-01'), // done, however late
				act('b', 'in_progress', null), // no due date: open
				act('c', 'not_started', '2026-10-01'),
				act('c', 'in_progress', '2026-09-01'),
				act('x', 'not_started', '2020-01-01') // not a returning organisation
			],
			'2026-12-01'
		);
		expect(s.totals).toEqual({ open: 2, overdue: 3, done: 1, total: 6 });
		expect(s.organisations.map((o) => [o.name, o.open, o.overdue, o.done, o.total])).toEqual([
			['Carrow NHS Trust', 0, 2, 0, 2],
			['Ashby Primary', 1, 1, 1, 3],
			['Brook Police', 1, 0, 0, 1]
		]);
		expect(s.withoutPlan).toBe(1);
	});

	it('orders by overdue, then open, then name', () => {
		const s = actionPlanStatus(returning, [act('d', 'in_progress', null), act('b', 'in_progress', null), act('b', 'done', null), act('a', 'done', null)], '2026-12-01');
		expect(s.organisations.map((o) => o.name)).toEqual(['Brook Police', 'Dale Council', 'Ashby Primary']);
	});

	it('has nothing to count when nobody has returned', () => {
		expect(actionPlanStatus([], [act('a', 'done', null)], '2026-12-01')).toEqual({ totals: { open: 0, overdue: 0, done: 0, total: 0 }, organisations: [], withoutPlan: 0 });
	});

	it('shows the most overdue organisations first and all of them only when asked', () => {
		const many = Array.from({ length: PLAN_ROWS + 2 }, (_, i) => ({ organisationId: `o${i}`, name: `Org ${i}` }));
		const s = actionPlanStatus(many, [...many.map((o) => act(o.organisationId, 'done', null)), act('o21', 'not_started', '2026-01-01')], '2026-12-01');
		const first = shownPlans(s, false);
		expect([first.organisations.length, first.cut, first.organisations[0].name]).toEqual([PLAN_ROWS, true, 'Org 21']);
		expect(shownPlans(s, true)).toMatchObject({ cut: false, organisations: { length: PLAN_ROWS + 2 } });
		const few = actionPlanStatus(returning, [act('a', 'done', null)], '2026-12-01');
		expect(shownPlans(few, false).cut).toBe(false);
	});
});
