// The dashboard's numbers against fixtures worked out by hand: N/A, items left
// unanswered, resubmissions (only the latest counts), draft moderations (never counted).
import { describe, expect, it } from 'vitest';
import { share, shareText } from '../../../../src/lib/domain/reports/shares';
import { daysBetween, returnRate, type RateParticipant } from '../../../../src/lib/domain/reports/return-rate';
import { inPhase, latestPerOrganisation, type ModeratedGrades, type SubmittedAnswers } from '../../../../src/lib/domain/reports/answers';
import { gradeDistribution } from '../../../../src/lib/domain/reports/grades';
import { itemResults } from '../../../../src/lib/domain/reports/items';
import { templateSchema } from '../../../../src/lib/domain/template';

const template = templateSchema.parse({
	id: 'fixture', version: 1, title: 'Fixture', kind: 'section-175', scale: 'yes-partly-no', signOff: { capacities: ['headteacher'] },
	moderation: { perRequirement: true },
	standards: [
		{ code: 'A', title: 'Leadership', requirements: [{ code: 'A.1', text: 'Named governor' }, { code: 'A.2', text: 'Annual report' }, { code: 'A.3', text: 'Policy reviewed' }] },
		{ code: 'B', title: 'Training', requirements: [{ code: 'B.1', text: 'Staff familiar with KCSIE' }] },
		{ code: 'C', title: 'Not in this cycle', requirements: [{ code: 'C.1', text: 'Left out' }] }
	]
});
const answers = (organisationId: string, version: number, grades: Record<string, string | null>, phase: SubmittedAnswers['phase'] = 'primary'): SubmittedAnswers => ({ organisationId, version, kind: 'school', phase, grades });

// Four schools; s1 resubmitted (version 1 said no to everything).
const submitted = [
	answers('s1', 1, { 'A.1': 'no', 'A.2': 'no', 'A.3': 'no', 'B.1': 'no' }),
	answers('s1', 2, { 'A.1': 'yes', 'A.2': 'yes', 'A.3': 'partly', 'B.1': 'yes' }),
	answers('s2', 1, { 'A.1': 'yes', 'A.2': 'na', 'A.3': 'no', 'B.1': 'yes' }, 'secondary'),
	answers('s3', 1, { 'A.1': 'partly', 'A.2': null, 'B.1': 'yes' }),
	answers('s4', 1, { 'A.1': 'na', 'A.2': 'na', 'A.3': 'na', 'B.1': 'na' }, null)
];
const moderations: ModeratedGrades[] = [
	{ organisationId: 's1', state: 'completed', standards: [{ code: 'A', grade: 'partly', agreedGrade: 'yes', requirementGrades: { 'A.1': 'yes', 'A.3': 'no' } }, { code: 'B', grade: 'yes', agreedGrade: null, requirementGrades: {} }] },
	{ organisationId: 's2', state: 'accepted', standards: [{ code: 'A', grade: 'no', agreedGrade: null, requirementGrades: { 'A.1': 'partly' } }] },
	// A draft: its grades count nowhere, but an agreed grade set at a challenge event does.
	{ organisationId: 's3', state: 'awaiting', standards: [{ code: 'A', grade: 'yes', agreedGrade: 'partly', requirementGrades: { 'A.1': 'yes' } }] }
];
const latest = latestPerOrganisation(submitted);

describe('shares', () => {
	it('writes a share as the seed reports do', () => {
		expect(shareText(share(66, 90))).toBe('73% (66 of 90)');
		expect(shareText(share(48, 50))).toBe('96% (48 of 50)');
	});
	it('says 100% only when all, 0% only when none', () => {
		expect(share(199, 200).percent).toBe(99);
		expect(share(1, 300).percent).toBe(1);
		expect(share(0, 0)).toEqual({ count: 0, of: 0, percent: 0 });
	});
});

describe('only the latest submission counts', () => {
	it('keeps one submission per organisation, its highest version', () => {
		expect(latest.map((a) => [a.organisationId, a.version])).toEqual([['s1', 2], ['s2', 1], ['s3', 1], ['s4', 1]]);
	});
});

describe('item-level results', () => {
	const items = itemResults(template, ['A', 'B'], latest, moderations);
	const item = (code: string) => items.find((i) => i.code === code)!;

	it('covers the cycle’s standards only', () => {
		expect(items.map((i) => i.code)).toEqual(['A.1', 'A.2', 'A.3', 'B.1']);
	});
	it('leaves N/A out of the denominator and counts it on its own', () => {
		// A.1: s1 yes, s2 yes, s3 partly, s4 na → 3 applicable.
		expect(item('A.1').notApplicable).toBe(1);
		expect(item('A.1').answers.yes).toEqual({ count: 2, of: 3, percent: 67 });
		expect(item('A.1').answers.partly).toEqual({ count: 1, of: 3, percent: 33 });
		expect(item('A.1').answers.no).toEqual({ count: 0, of: 3, percent: 0 });
	});
	it('counts an unanswered item as "No answer", in the denominator', () => {
		// A.2: s1 yes, s2 na, s3 null, s4 na → 2 applicable, one without an answer.
		expect(item('A.2')).toMatchObject({ notApplicable: 2, noAnswer: { count: 1, of: 2, percent: 50 }, answers: { yes: { count: 1, of: 2 } } });
		// A.3: s3 did not answer at all (the code is missing).
		expect(item('A.3')).toMatchObject({ notApplicable: 1, noAnswer: { count: 1, of: 3 }, answers: { partly: { count: 1 }, no: { count: 1 } } });
	});
	it('counts the resubmission, not the version it replaced', () => {
		expect(item('B.1').answers.yes).toEqual({ count: 3, of: 3, percent: 100 });
		expect(item('B.1').answers.no.count).toBe(0);
	});
	it('counts settled moderated grades per requirement, never a draft', () => {
		expect(item('A.1').moderated).toEqual({ yes: 1, partly: 1, no: 0 });
		expect(item('A.3').moderated).toEqual({ yes: 0, partly: 0, no: 1 });
	});
	it('by phase: only the schools of that phase', () => {
		const primary = itemResults(template, ['A', 'B'], latest.filter((a) => inPhase(a, 'primary')), moderations);
		expect(primary.find((i) => i.code === 'A.1')!.answers.yes).toEqual({ count: 1, of: 2, percent: 50 });
		expect(latest.filter((a) => inPhase(a, 'unknown')).map((a) => a.organisationId)).toEqual(['s4']);
	});
});

describe('grade distribution per standard', () => {
	const [a, b] = gradeDistribution(template, ['A', 'B'], latest, moderations);
	it('counts each organisation’s standard self grade from its latest submission', () => {
		// A: s1 (yes, yes, partly) → yes; s2 (yes, no) → no (the weaker middle); s3 (partly) → partly; s4 all N/A → ungraded.
		expect(a).toMatchObject({ code: 'A', self: { yes: 1, partly: 1, no: 1 }, selfUngraded: 1 });
		expect(b).toMatchObject({ code: 'B', self: { yes: 3, partly: 0, no: 0 }, selfUngraded: 1 });
	});
	it('counts moderated grades of accepted and completed moderations only, and every agreed grade', () => {
		expect(a.moderated).toEqual({ yes: 0, partly: 1, no: 1 });
		expect(a.agreed).toEqual({ yes: 1, partly: 1, no: 0 });
		expect(b.moderated).toEqual({ yes: 1, partly: 0, no: 0 });
	});
});

describe('return rate', () => {
	const p = (organisationId: string, state: RateParticipant['state'], extra: Partial<RateParticipant> = {}): RateParticipant => ({
		organisationId, name: organisationId, kind: 'school', sector: 'education', phase: 'primary', deadline: '2026-11-20', state, ...extra
	});
	const rate = returnRate([
		p('on-time', 'submitted'),
		p('late', 'late', { phase: 'secondary' }),
		p('overdue-long', 'overdue', { deadline: '2026-11-01', phase: null }),
		p('overdue', 'overdue'),
		p('extended', 'in_progress', { deadline: '2026-12-10' }),
		p('police', 'not_started', { kind: 'agency', sector: 'police', phase: null, deadline: '2026-12-10' })
	], '2026-12-01');

	it('counts submitted against expected, on time or late', () => {
		expect(shareText(rate.overall)).toBe('33% (2 of 6)');
		expect(rate.timeliness).toMatchObject({ onTime: { count: 1 }, late: { count: 1 }, overdue: { count: 2 }, notYetDue: { count: 2 } });
	});
	it('by sector and, for schools, by phase with "Phase not known"', () => {
		expect(rate.bySector.map((r) => [r.key, shareText(r.returned)])).toEqual([['police', '0% (0 of 1)'], ['education', '40% (2 of 5)']]);
		expect(rate.byPhase.map((r) => [r.label, r.returned.count, r.returned.of])).toEqual([['Primary', 1, 3], ['Secondary', 1, 1], ['Phase not known', 0, 1]]);
	});
	it('lists who has not returned, most overdue first, with the days overdue', () => {
		expect(rate.outstanding.map((o) => [o.name, o.daysOverdue])).toEqual([['overdue-long', 30], ['overdue', 11], ['extended', 0], ['police', 0]]);
	});
	it('counts calendar days across the clocks changing', () => {
		expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
	});
});
