// The dashboard's queries on a small world built here, on both databases: the
// latest submission per organisation only (a resubmission counts once), no
// narratives read, moderated grades only once settled, schools by phase,
// action plans as at today, the challenge log in counts, and the change since
// the same audit's previous cycle (an earlier template version, matched by code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { getCycle, type Cycle } from '../../../src/lib/server/cycles';
import { cycleModerations, latestActions, latestAnswers } from '../../../src/lib/server/reports/cycle-results';
import { cycleDashboard, previousCycle } from '../../../src/lib/server/reports/cycle-dashboard';
import { yearOnYear } from '../../../src/lib/domain/reports/board-paper';
import { shareText } from '../../../src/lib/domain/reports/shares';
import { recordSubmissionSummary } from '../../../src/lib/server/submission-summaries';

let db: Awaited<ReturnType<typeof createTestDb>>;
let cycle: Cycle;
const orgs: Record<string, string> = {};
const TODAY = '2026-12-01';

const definition = {
	id: 'dashboard-world', version: 1, title: 'Dashboard world', kind: 'section-175', scale: 'yes-partly-no',
	signOff: { capacities: ['headteacher'] },
	standards: [
		{ code: 'A', title: 'Leadership', requirements: [{ code: 'A.1', text: 'Named governor' }, { code: 'A.2', text: 'Annual report' }] },
		{ code: 'B', title: 'Staff', requirements: [{ code: 'B.1', text: 'Staff familiar with KCSIE' }] }
	]
};

async function one<T extends object>(sql: string, params: unknown[]): Promise<T> {
	return (await db.query<T>(sql, params))[0];
}

type Act = { status: string; dueOn: string | null };
const SUMMARISED = new Set(['Ash Primary', 'Cedar Secondary']);
const act = (status: string, dueOn: string | null = null): Act => ({ status, dueOn });

async function submit(name: string, version: number, grades: Record<string, string | null>, late = false, actions: Act[] = [], into: Cycle = cycle) {
	const organisationId = orgs[name];
	const ret = await one<{ id: string }>(
		`insert into returns (organisation_id, template_id) values ($1, $2) on conflict (organisation_id, template_id) do update set organisation_id = excluded.organisation_id returning id`,
		[organisationId, into.templateId]
	);
	const snapshot = {
		standards: definition.standards.map((s) => ({
			code: s.code, title: s.title,
			requirements: s.requirements.filter((r) => r.code in grades).map((r) => ({ code: r.code, text: r.text, grade: grades[r.code], gradeLabel: null, naReason: '', narrative: 'A long narrative the dashboard never reads' }))
		})),
		actions: actions.map((a, i) => ({ id: `act-${i}`, requirementCode: 'A.1', description: `Action ${i}`, owner: '', progress: '', ...a })),
		signOffs: [], evidence: {}
	};
	const made = await one<{ id: string }>(
		`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
		[ret.id, into.id, organisationId, into.partnershipId, version, snapshot, late]
	);
	// Submitting writes the summary the reports read; a submission from before it has none, and is read from its snapshot.
	if (SUMMARISED.has(name)) await recordSubmissionSummary(db, made.id, snapshot as never);
	return made;
}

async function moderate(name: string, submissionId: string, state: string, standards: { code: string; grade: string | null; agreed?: string }[]) {
	const m = await one<{ id: string }>(
		`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id, state) values ($1, $2, $3, $4, $5) returning id`,
		[cycle.id, orgs[name], cycle.partnershipId, submissionId, state]
	);
	for (const s of standards) {
		await db.query(`insert into moderation_standards (moderation_id, standard_code, grade, rationale, agreed_grade) values ($1, $2, $3, 'Why', $4)`, [m.id, s.code, s.grade, s.agreed ?? null]);
	}
}

beforeAll(async () => {
	db = await createTestDb('empty');
	const p = await one<{ id: string }>(`insert into partnerships (name) values ('Dashboard Partnership') returning id`, []);
	// Last year's audit ran on the template's first version, which had a requirement since dropped (C.9).
	const lastYear = { ...definition, version: 1, standards: [definition.standards[0], { code: 'C', title: 'Dropped', requirements: [{ code: 'C.9', text: 'Dropped since' }] }] };
	const t1 = await one<{ id: string }>(
		`insert into templates (slug, version, title, kind, definition, status, published_at) values ('dashboard-world', 1, 'Dashboard world', 'section-175', $1, 'published', now()) returning id`,
		[lastYear]
	);
	const t = await one<{ id: string }>(
		`insert into templates (slug, version, title, kind, definition, status, published_at) values ('dashboard-world', 2, 'Dashboard world', 'section-175', $1, 'published', now()) returning id`,
		[{ ...definition, version: 2 }]
	);
	const earlier = await one<{ id: string }>(
		`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Schools audit 2025', '{A,C}', '2025-10-01', '2025-11-20') returning id`,
		[p.id, t1.id]
	);
	// Another partnership's later cycle of the same audit is never the previous one.
	const other = await one<{ id: string }>(`insert into partnerships (name) values ('Other Partnership') returning id`, []);
	await db.query(`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Other audit', '{A}', '2026-01-01', '2026-02-01')`, [other.id, t1.id]);
	const c = await one<{ id: string }>(
		`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Schools audit 2026', '{A,B}', '2026-10-01', '2026-11-20') returning id`,
		[p.id, t.id]
	);
	const world: [string, string, string, string | null][] = [
		['Ash Primary', 'school', 'education', 'primary'],
		['Beech Primary', 'school', 'education', 'primary'],
		['Cedar Secondary', 'school', 'education', 'secondary'],
		['Damson School', 'school', 'education', null],
		['Elm Police', 'agency', 'police', null]
	];
	for (const [name, kind, sector, phase] of world) {
		orgs[name] = (await one<{ id: string }>(`insert into organisations (name, kind, sector, phase) values ($1, $2, $3, $4) returning id`, [name, kind, sector, phase])).id;
		await db.query('insert into partnership_members (partnership_id, organisation_id) values ($1, $2)', [p.id, orgs[name]]);
		await db.query('insert into cycle_participants (cycle_id, organisation_id) values ($1, $2)', [c.id, orgs[name]]);
	}
	cycle = (await getCycle(db, c.id))!;
	const before = (await getCycle(db, earlier.id))!;
	for (const name of ['Ash Primary', 'Beech Primary', 'Cedar Secondary', 'Damson School']) {
		await db.query('insert into cycle_participants (cycle_id, organisation_id) values ($1, $2)', [before.id, orgs[name]]);
	}
	// Last year: A.1 yes from Ash only (1 of 2); the dropped C.9 has no counterpart now.
	await submit('Ash Primary', 1, { 'A.1': 'yes', 'C.9': 'yes' }, false, [], before);
	await submit('Beech Primary', 1, { 'A.1': 'no', 'C.9': 'no' }, false, [], before);
	// Ash said no, then resubmitted yes: only the resubmission counts, its action plan too.
	const ash1 = await submit('Ash Primary', 1, { 'A.1': 'no', 'A.2': 'no', 'B.1': 'no' }, false, [act('not_started', '2026-01-01'), act('not_started', '2026-01-01')]);
	const ash2 = await submit('Ash Primary', 2, { 'A.1': 'yes', 'A.2': 'yes', 'B.1': 'yes' }, false, [act('done', '2026-01-01'), act('in_progress', '2026-11-30'), act('not_started')]);
	const beech = await submit('Beech Primary', 1, { 'A.1': 'yes', 'A.2': 'na', 'B.1': 'partly' }, true);
	const cedar = await submit('Cedar Secondary', 1, { 'A.1': 'partly', 'B.1': 'yes' }, false, [act('in_progress', '2026-12-01')]);
	// The challenge log: two open (one past due), one closed, one escalated past due; one on last year's cycle, not counted.
	const challenge = (name: string, into: Cycle, source: string, status: string, dueOn: string) =>
		db.query(`insert into challenges (partnership_id, organisation_id, cycle_id, source, text, due_on, status) values ($1, $2, $3, $4, 'Why?', $5, $6)`, [into.partnershipId, orgs[name], into.id, source, dueOn, status]);
	await challenge('Ash Primary', cycle, 'moderation', 'open', '2026-11-30');
	await challenge('Beech Primary', cycle, 'moderation', 'open', '2026-12-01');
	await challenge('Cedar Secondary', cycle, 'board_meeting', 'closed', '2026-11-01');
	await challenge('Cedar Secondary', cycle, 'challenge_event', 'escalated', '2026-11-01');
	await challenge('Ash Primary', before, 'moderation', 'open', '2025-12-01');
	await moderate('Ash Primary', ash2.id, 'completed', [{ code: 'A', grade: 'partly', agreed: 'yes' }, { code: 'B', grade: 'yes' }]);
	await moderate('Beech Primary', beech.id, 'accepted', [{ code: 'A', grade: 'no' }]);
	// A draft moderation's grades count nowhere.
	await moderate('Cedar Secondary', cedar.id, 'awaiting', [{ code: 'A', grade: 'yes' }, { code: 'B', grade: 'no' }]);
	expect(ash1.id).not.toBe(ash2.id);
	// Damson has not submitted (overdue since 20 November); Elm Police has an extension to 10 December.
	await db.query('update cycle_participants set extended_to = $3 where cycle_id = $1 and organisation_id = $2', [c.id, orgs['Elm Police'], '2026-12-10']);
});
afterAll(() => db.drop());

describe('the queries', () => {
	it('read each organisation’s latest submission once, its grades by requirement', async () => {
		const rows = await latestAnswers(db, cycle.id);
		const byName = Object.fromEntries(Object.entries(orgs).map(([n, id]) => [id, n]));
		expect(rows.map((r) => [byName[r.organisationId], r.version, r.grades]).sort()).toEqual([
			['Ash Primary', 2, { 'A.1': 'yes', 'A.2': 'yes', 'B.1': 'yes' }],
			['Beech Primary', 1, { 'A.1': 'yes', 'A.2': 'na', 'B.1': 'partly' }],
			['Cedar Secondary', 1, { 'A.1': 'partly', 'B.1': 'yes' }]
		]);
		expect(rows.find((r) => r.organisationId === orgs['Cedar Secondary'])).toMatchObject({ kind: 'school', phase: 'secondary' });
	});

	it('read every moderation with its state and grades', async () => {
		const rows = await cycleModerations(db, cycle.id);
		expect(rows.find((r) => r.organisationId === orgs['Ash Primary'])).toMatchObject({
			state: 'completed',
			standards: expect.arrayContaining([{ code: 'A', grade: 'partly', agreedGrade: 'yes', requirementGrades: {} }])
		});
		expect(rows).toHaveLength(3);
	});
});

describe('the dashboard', () => {
	it('gives the return rate by sector and phase, and who is overdue', async () => {
		const d = await cycleDashboard(db, cycle, TODAY, 'all');
		expect(shareText(d.returnRate.overall)).toBe('60% (3 of 5)');
		expect(d.returnRate.timeliness).toMatchObject({ onTime: { count: 2 }, late: { count: 1 }, overdue: { count: 1 }, notYetDue: { count: 1 } });
		expect(d.returnRate.byPhase.map((r) => [r.label, shareText(r.returned)])).toEqual([['Primary', '100% (2 of 2)'], ['Secondary', '100% (1 of 1)'], ['Phase not known', '0% (0 of 1)']]);
		expect(d.returnRate.outstanding.map((o) => [o.name, o.daysOverdue])).toEqual([['Damson School', 11], ['Elm Police', 0]]);
	});

	it('counts grades from the latest submissions and settled moderations only', async () => {
		const d = await cycleDashboard(db, cycle, TODAY, 'all');
		const a = d.grades.find((g) => g.code === 'A')!;
		// Self: Ash (yes, yes) → yes; Beech (yes; N/A) → yes; Cedar (partly; A.2 unanswered) → partly.
		expect(a.self).toEqual({ yes: 2, partly: 1, no: 0 });
		expect(a.moderated).toEqual({ yes: 0, partly: 1, no: 1 });
		expect(a.agreed).toEqual({ yes: 1, partly: 0, no: 0 });
		expect(d.grades.find((g) => g.code === 'B')!.moderated).toEqual({ yes: 1, partly: 0, no: 0 });
	});

	it('gives each requirement’s answers with the count behind them, by phase', async () => {
		const all = await cycleDashboard(db, cycle, TODAY, 'all');
		const item = (code: string) => all.items.find((i) => i.code === code)!;
		expect(shareText(item('A.1').answers.yes)).toBe('67% (2 of 3)');
		expect(item('A.2')).toMatchObject({ notApplicable: 1, noAnswer: { count: 1, of: 2 }, answers: { yes: { count: 1, of: 2 } } });
		const primary = await cycleDashboard(db, cycle, TODAY, 'primary');
		expect(primary.itemsCover).toBe(2);
		expect(shareText(primary.items.find((i) => i.code === 'B.1')!.answers.yes)).toBe('50% (1 of 2)');
		// A phase no returning school has shows every organisation, and says so.
		expect(await cycleDashboard(db, cycle, TODAY, 'nursery')).toMatchObject({ phase: 'all', itemsCover: 3 });
	});

	it('gives each returning organisation’s action plan as at today: open, overdue, done', async () => {
		const d = await cycleDashboard(db, cycle, TODAY, 'all');
		// Ash's second version: done, overdue (due 30 November), open (no date); Cedar's: open (due today). Beech sent none.
		expect(d.actionPlans.totals).toEqual({ open: 2, overdue: 1, done: 1, total: 4 });
		expect(d.actionPlans.organisations.map((o) => [o.name, o.open, o.overdue, o.done])).toEqual([['Ash Primary', 1, 1, 1], ['Cedar Secondary', 1, 0, 0]]);
		expect(d.actionPlans.withoutPlan).toBe(1);
		expect(await latestActions(db, cycle.id)).toHaveLength(4);
	});

	it('counts the cycle’s challenge log by status and source, and what is overdue', async () => {
		const d = await cycleDashboard(db, cycle, TODAY, 'all');
		expect(d.challenges.byStatus).toEqual({ open: 2, answered: 0, escalated: 1, accepted: 0, closed: 1 });
		expect(d.challenges.bySource).toEqual({ moderation: 2, challenge_event: 1, board_meeting: 1, other: 0 });
		expect(d.challenges.overdue).toBe(2);
	});

	it('compares with the same audit’s previous cycle, requirement by requirement across template versions', async () => {
		expect((await previousCycle(db, cycle))?.title).toBe('Schools audit 2025');
		const d = await cycleDashboard(db, cycle, TODAY, 'primary');
		expect(shareText(d.previous!.returned)).toBe('50% (2 of 4)');
		// Year on year counts every returning organisation, whatever phase the items are filtered to.
		const change = yearOnYear(d.allItems, d.previous!.items, d.scale);
		// A.2 was asked last year and answered by nobody; B.1 was not asked; C.9 is asked no more.
		expect(change.map((c) => [c.code, shareText(c.then), shareText(c.now), c.change])).toEqual([
			['A.1', '50% (1 of 2)', '67% (2 of 3)', 17],
			['A.2', '0% (0 of 2)', '50% (1 of 2)', 50]
		]);
		expect(await previousCycle(db, (await previousCycle(db, cycle))!)).toBeNull();
	});
});
