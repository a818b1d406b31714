// The partnership dashboard's numbers against fixtures worked out by hand: each
// cycle's return rate and timeliness, moderation progress out of those who
// returned, newest first, and each audit's return rate in date order.
import { describe, expect, it } from 'vitest';
import { cycleGlance, cyclesAtAGlance, moderatedText, returnRateTrends, type GlanceCycle, type GlanceInput } from '../../../../src/lib/domain/reports/partnership-dashboard';
import type { RateParticipant } from '../../../../src/lib/domain/reports/return-rate';
import type { ParticipantState } from '../../../../src/lib/domain/cycles';
import { share, shareText } from '../../../../src/lib/domain/reports/shares';

const TODAY = '2026-12-01';
const cycle = (id: string, slug: string, opensOn: string, closesOn: string, closed = false): GlanceCycle => ({
	id, title: `Cycle ${id}`, templateTitle: slug === 's11' ? 'Section 11' : 'Schools audit', templateSlug: slug, opensOn, closesOn, closedAt: closed ? new Date('2026-01-31T12:00:00Z') : null
});
const people = (closesOn: string, ...states: ParticipantState[]): RateParticipant[] =>
	states.map((state, i) => ({ organisationId: `o${i}`, name: `Org ${i}`, kind: 'agency', sector: 'police', phase: null, deadline: closesOn, state }));
const input = (c: GlanceCycle, states: ParticipantState[], moderated = 0, openChallenges = 0): GlanceInput => ({ cycle: c, participants: people(c.closesOn, ...states), moderated, openChallenges });

// Last year's Section 11: 4 asked, 2 on time and 1 late (3 of 4), 1 overdue; 2 moderations settled; closed.
const s11Last = input(cycle('a', 's11', '2025-09-01', '2025-11-30', true), ['submitted', 'submitted', 'late', 'overdue'], 2, 1);
// This year's Section 11: 5 asked, 1 on time, 1 late, 3 not yet due (the deadline is to come); open.
const s11Now = input(cycle('b', 's11', '2026-10-01', '2026-12-20'), ['submitted', 'late', 'in_progress', 'not_started', 'not_started'], 1, 3);
// A schools audit scheduled for next year, nobody returned yet.
const schools = input(cycle('c', 's175', '2027-01-10', '2027-03-31'), ['not_started', 'not_started']);

describe('a cycle at a glance', () => {
	it('counts the return rate, on time, late and overdue, and moderation out of those returned', () => {
		expect(cycleGlance(s11Last, TODAY)).toEqual({
			id: 'a', title: 'Cycle a', templateTitle: 'Section 11', templateSlug: 's11', opensOn: '2025-09-01', closesOn: '2025-11-30', status: 'closed',
			returned: { count: 3, of: 4, percent: 75 }, onTime: 2, late: 1, overdue: 1,
			moderated: { count: 2, of: 3, percent: 67 }, openChallenges: 1
		});
		const now = cycleGlance(s11Now, TODAY);
		expect([shareText(now.returned), now.onTime, now.late, now.overdue, now.status, moderatedText(now.moderated)]).toEqual(['40% (2 of 5)', 1, 1, 0, 'open', '1 of 2']);
	});

	it('writes a dash for moderation where nobody has returned, and says a scheduled cycle is scheduled', () => {
		const c = cycleGlance(schools, TODAY);
		expect([c.status, shareText(c.returned), moderatedText(c.moderated)]).toEqual(['scheduled', '0% (0 of 2)', '–']);
		expect(shareText(cycleGlance(input(cycle('d', 's11', '2026-01-01', '2026-02-01'), []), TODAY).returned)).toBe('None expected');
	});

	it('lists the cycles newest first, whatever order they come in', () => {
		expect(cyclesAtAGlance([s11Last, schools, s11Now], TODAY).map((c) => c.id)).toEqual(['c', 'b', 'a']);
	});
});

describe('return rate over time', () => {
	const trends = returnRateTrends(cyclesAtAGlance([s11Last, s11Now, schools], TODAY));

	it('gives one chart per audit, the audit run most recently first', () => {
		expect(trends.map((t) => [t.slug, t.title])).toEqual([['s175', 'Schools audit'], ['s11', 'Section 11']]);
	});

	it('draws each audit’s cycles oldest first, one bar each, as the reports write it', () => {
		const s11 = trends.find((t) => t.slug === 's11')!;
		expect(s11.groups).toEqual([
			{ label: 'Cycle a', bars: [{ series: 'Returned', value: 75, text: '75% (3 of 4)' }] },
			{ label: 'Cycle b', bars: [{ series: 'Returned', value: 40, text: '40% (2 of 5)' }] }
		]);
		expect(s11.description).toBe('Share of the organisations asked that returned, for each cycle of Section 11 from the earliest: Cycle a 75% (3 of 4); Cycle b 40% (2 of 5).');
	});

	it('names an audit by its newest cycle’s template title, across versions', () => {
		const renamed = { ...s11Now, cycle: { ...s11Now.cycle, templateTitle: 'Section 11 (version 2)' } };
		expect(returnRateTrends(cyclesAtAGlance([s11Last, renamed], TODAY)).map((t) => [t.title, t.groups.length])).toEqual([['Section 11 (version 2)', 2]]);
	});

	it('has no chart without cycles', () => {
		expect(returnRateTrends([])).toEqual([]);
	});
});

describe('moderation progress', () => {
	it('is a count out of those returned', () => {
		expect(moderatedText(share(0, 3))).toBe('0 of 3');
	});
});
