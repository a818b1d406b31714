// Moderation at module level, on both databases: versioned drafts, the steps
// and their history, the grades' history, assignment and the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT, type AuditContext } from '../../../src/lib/server/audit-log';
import { getSubmission, type Submission } from '../../../src/lib/server/submissions';
import { ensureModeration, getModeration, gradeHistory, saveReview, saveStandard, type Moderation } from '../../../src/lib/server/moderation';
import { assignModerations, moderationResubmitted, setAgreedGrade, takeStep } from '../../../src/lib/server/moderation-steps';
import { moderationWorkspace } from '../../../src/lib/server/moderation-workspace';
import { REVIEW_CRITERIA, type Criteria } from '../../../src/lib/domain/moderation';
import { gradeSummary } from '../../../src/lib/domain/snapshot';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const ctx = (email: string): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email });
const MODERATOR = 'moderator@northmere.example.org';
const CHAIR = 'chair@northmere.example.org';
const notice = { origin: 'https://portal.example', organisationName: 'Org', cycleTitle: 'Cycle', partnershipName: 'Northmere' };
const allRated: Criteria = Object.fromEntries(REVIEW_CRITERIA.map((c) => [c.key, { rating: 'yes', comment: '' }]));
const draft = (grade: string | null, rationale = '', changeRequest = '') => ({ grade, rationale, requirementGrades: {}, changeRequest });

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

async function submissionOf(name: string): Promise<Submission> {
	const [row] = await db.query<{ id: string }>('select id from submissions where cycle_id = $1 and organisation_id = $2 order by version desc limit 1', [ids.pastS11Northmere, ids.organisations[name]]);
	return (await getSubmission(db, row.id))!;
}
const reload = (m: Moderation) => getModeration(db, m.cycleId, m.organisationId).then((x) => x!);

/** Every standard graded with a rationale and every criterion rated: ready to accept. */
async function complete(m: Moderation, submission: Submission, grade = '2') {
	for (const s of submission.snapshot.standards) {
		const stored = (await reload(m)).standards.get(s.code);
		await saveStandard(db, ctx(MODERATOR), m, s.code, draft(grade, `Rationale for ${s.code}`), stored?.version ?? 0);
	}
	const r = await reload(m);
	await saveReview(db, ctx(MODERATOR), r, { criteria: allRated, summary: 'Good' }, r.reviewVersion);
	return reload(m);
}

describe('drafts', () => {
	it('saves a standard only from the version stored, and shows theirs to a stale save', async () => {
		const submission = await submissionOf('Northmere Hospitals NHS Foundation Trust');
		const m = await ensureModeration(db, submission);
		const first = await saveStandard(db, ctx(MODERATOR), m, '1', draft('2', 'Mine'), 0);
		expect(first).toMatchObject({ ok: true, version: 1 });
		const stale = await saveStandard(db, ctx(CHAIR), m, '1', draft('4', 'Theirs'), 0);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', version: 1, theirs: { grade: '2', rationale: 'Mine' } });
		expect((await reload(m)).standards.get('1')).toMatchObject({ grade: '2', rationale: 'Mine', version: 1, basedOnSubmissionId: submission.id });
		// Two people on different standards never meet.
		expect(await saveStandard(db, ctx(CHAIR), m, '2', draft('3'), 0)).toMatchObject({ ok: true });
	});

	it('takes the same draft sent twice from the same version as saved, not as a conflict, and audits it once', async () => {
		const submission = await submissionOf('Northmere Hospitals NHS Foundation Trust');
		const m = await ensureModeration(db, submission);
		const audited = async () => (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where subject_id = $1 and action = 'moderation.standard.save' and detail->>'standard' = '4'`, [m.id]))[0].n;
		// Sent as the page closed, then put back from the browser's copy and sent again by the next page, both from version 0.
		const first = await saveStandard(db, ctx(MODERATOR), m, '4', draft('2', 'Typed as the tab closed'), 0);
		expect(first).toMatchObject({ ok: true, version: 1 });
		const again = await saveStandard(db, ctx(MODERATOR), m, '4', draft('2', 'Typed as the tab closed'), 0);
		expect(again).toMatchObject({ ok: true, version: 1 });
		expect(await audited()).toBe(1);
		// Anything different from the same old version is still a conflict.
		expect(await saveStandard(db, ctx(MODERATOR), m, '4', draft('2', 'Typed as the tab closed, then more'), 0)).toMatchObject({ ok: false, reason: 'conflict', version: 1 });
		expect((await reload(m)).standards.get('4')).toMatchObject({ rationale: 'Typed as the tab closed', version: 1 });
	});

	it('saves the review from the version stored', async () => {
		const m = await ensureModeration(db, await submissionOf('Northmere Hospitals NHS Foundation Trust'));
		expect(await saveReview(db, ctx(MODERATOR), m, { criteria: { complete: { rating: 'partly', comment: 'Two gaps' } }, summary: 'Thin' }, m.reviewVersion)).toMatchObject({ ok: true });
		const stale = await saveReview(db, ctx(CHAIR), m, { criteria: {}, summary: 'Other' }, m.reviewVersion);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', theirs: { summary: 'Thin' } });
	});

	it('refuses drafts written against a version that is no longer the one moderated', async () => {
		const m = await ensureModeration(db, await submissionOf('Northmere Hospitals NHS Foundation Trust'));
		const other = await submissionOf('Northmere Youth Justice Service');
		expect(await saveStandard(db, ctx(MODERATOR), { ...m, submissionId: other.id }, '3', draft('2'), 0)).toEqual({ ok: false, reason: 'stale_submission' });
	});
});

describe('steps', () => {
	it('requests changes, telling the organisation’s leads what to change, and records the step', async () => {
		const submission = await submissionOf('Northmere Youth Justice Service');
		const m = await ensureModeration(db, submission);
		await saveStandard(db, ctx(MODERATOR), m, '4', draft('3', 'Thin', 'Add the training records for 2025'), 0);
		// Last year's cycle is closed: the organisation could not resubmit, so changes cannot be asked for until it reopens.
		expect(await takeStep(db, ctx(MODERATOR), m, 'request_changes', m.version, notice)).toEqual({ ok: false, reason: 'cycle_closed', state: 'awaiting' });
		await db.query('update cycles set closed_at = null where id = $1', [m.cycleId]);
		const before = await db.query<{ n: number }>('select count(*)::int as n from mail_outbox');
		expect(await takeStep(db, ctx(MODERATOR), m, 'request_changes', m.version, notice)).toEqual({ ok: true, state: 'changes_requested' });
		const leads = await db.query<{ email: string }>(`select u.email from organisation_roles r join users u on u.id = r.user_id where r.organisation_id = $1 and r.role = 'lead'`, [m.organisationId]);
		const mail = await db.query<{ to_address: string; body_text: string }>('select to_address, body_text from mail_outbox order by created_at desc limit $1', [leads.length]);
		expect((await db.query<{ n: number }>('select count(*)::int as n from mail_outbox'))[0].n).toBe(before[0].n + leads.length);
		expect(mail.map((x) => x.to_address).sort()).toEqual(leads.map((l) => l.email).sort());
		expect(mail[0].body_text).toContain('Standard 4: Add the training records for 2025');
		const steps = await db.query<{ step: string; state_after: string }>('select step, state_after from moderation_steps where moderation_id = $1 order by id', [m.id]);
		expect(steps.at(-1)).toEqual({ step: 'changes_requested', state_after: 'changes_requested' });
	});

	it('refuses a step from a stale page or from the wrong state', async () => {
		const m = await reload(await ensureModeration(db, await submissionOf('Northmere Youth Justice Service')));
		expect(await takeStep(db, ctx(MODERATOR), m, 'accept', m.version - 1, notice)).toEqual({ ok: false, reason: 'conflict', state: 'changes_requested' });
		expect(await takeStep(db, ctx(CHAIR), m, 'complete', m.version, notice)).toEqual({ ok: false, reason: 'not_allowed', state: 'changes_requested' });
	});

	it('moves to a resubmitted version, back to the moderator, keeping the drafts written against the old one', async () => {
		const old = await submissionOf('Northmere Youth Justice Service');
		const [next] = await db.query<{ id: string }>(
			`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late)
			 select return_id, cycle_id, organisation_id, partnership_id, version + 1, snapshot, late from submissions where id = $1 returning id`,
			[old.id]
		);
		await moderationResubmitted(db, ctx('lead@northmere-youth-justice-service.example.org'), { id: next.id, cycleId: old.cycleId, organisationId: old.organisationId, partnershipId: old.partnershipId });
		const m = (await getModeration(db, old.cycleId, old.organisationId))!;
		expect(m).toMatchObject({ state: 'awaiting', submissionId: next.id });
		expect(m.standards.get('4')).toMatchObject({ grade: '3', basedOnSubmissionId: old.id });
	});

	it('accepting records the moderated grades; completing with agreement records the agreed ones; a completed moderation stays with its version', async () => {
		const submission = await submissionOf('Northmere Hospitals NHS Foundation Trust');
		let m = await complete(await ensureModeration(db, submission), submission);
		expect(await takeStep(db, ctx(MODERATOR), m, 'accept', m.version, notice)).toEqual({ ok: true, state: 'accepted' });
		expect(await saveStandard(db, ctx(MODERATOR), m, '1', draft('4', 'Too late'), (await reload(m)).standards.get('1')!.version)).toEqual({ ok: false, reason: 'locked' });
		m = await reload(m);
		expect(await takeStep(db, ctx(CHAIR), m, 'complete', m.version, notice, { confirmAgreed: true })).toEqual({ ok: true, state: 'completed' });
		m = await reload(m);
		await setAgreedGrade(db, ctx(CHAIR), m, '1', '3', 'Agreed at the challenge event', 'challenge_event');
		const history = await gradeHistory(db, m.id);
		const standards = submission.snapshot.standards.length;
		expect(history.filter((h) => h.kind === 'moderated')).toHaveLength(standards);
		expect(history.filter((h) => h.kind === 'agreed')).toHaveLength(standards + 1);
		expect(history.filter((h) => h.standardCode === '1').map((h) => [h.kind, h.grade, h.source])).toEqual([
			['moderated', '2', 'moderation'],
			['agreed', '2', 'chair'],
			['agreed', '3', 'challenge_event']
		]);
		expect((await reload(m)).standards.get('1')).toMatchObject({ grade: '2', agreedGrade: '3', agreedSource: 'challenge_event' });
		await moderationResubmitted(db, ctx(MODERATOR), { id: ids.police.submissionId, cycleId: m.cycleId, organisationId: m.organisationId, partnershipId: m.partnershipId });
		expect(await reload(m)).toMatchObject({ state: 'completed', submissionId: submission.id });
	});
});

describe('assignment and the workspace', () => {
	it('assigns in bulk, logs each change with the previous moderator, and skips organisations that have not submitted', async () => {
		const cycle = { id: ids.pastS11Northmere, partnershipId: ids.partnerships.northmere };
		const orgs = [ids.organisations['Probation Service – Mercia Vale'], ids.organisations['Northmere Homes']];
		expect(await assignModerations(db, ctx(CHAIR), cycle, orgs, ids.users[MODERATOR])).toBe(1);
		expect(await assignModerations(db, ctx(CHAIR), cycle, orgs, ids.users[MODERATOR])).toBe(0);
		expect(await assignModerations(db, ctx(CHAIR), cycle, orgs, ids.users[CHAIR])).toBe(1);
		const m = (await getModeration(db, cycle.id, orgs[0]))!;
		const steps = await db.query<{ step: string; detail: { moderator: string; previous: string | null } }>('select step, detail from moderation_steps where moderation_id = $1 order by id', [m.id]);
		expect(steps.map((s) => [s.step, s.detail.moderator, s.detail.previous])).toEqual([
			['assigned', ids.users[MODERATOR], null],
			['assigned', ids.users[CHAIR], ids.users[MODERATOR]]
		]);
		const audit = await db.query('select 1 from audit_log where action = $1 and subject_id = $2', ['moderation.assigned', m.id]);
		expect(audit).toHaveLength(2);
	});

	it('lists every latest submission of the cycle, or a moderator’s own, with grades and evidence counts but no narratives', async () => {
		const all = await moderationWorkspace(db, ids.pastS11Northmere);
		const submitted = await db.query<{ n: number }>('select count(distinct organisation_id)::int as n from submissions where cycle_id = $1', [ids.pastS11Northmere]);
		expect(all).toHaveLength(submitted[0].n);
		const mine = await moderationWorkspace(db, ids.pastS11Northmere, ids.users[MODERATOR]);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((r) => r.moderatorId === ids.users[MODERATOR])).toBe(true);
		const police = all.find((r) => r.organisationName === 'Mercia Vale Police')!;
		expect(police.state).toBe('completed');
		expect(Object.keys(police.requirements)).toEqual(expect.arrayContaining(['1', '7']));
		expect(JSON.stringify(police)).not.toContain('narrative');
	});

	it('reads grades from the summary written with each submission, or from the snapshot where there is none', async () => {
		const submission = await submissionOf('Mercia Vale Fire and Rescue Service');
		const expected = gradeSummary(submission.snapshot);
		expect(Object.values(expected).flat().some((r) => r.evidence === 0)).toBe(true);
		const row = async () => (await moderationWorkspace(db, ids.pastS11Northmere)).find((r) => r.submissionId === submission.id)!.requirements;
		expect(await row()).toEqual(expected);
		await db.query('delete from submission_summaries where submission_id = $1', [submission.id]);
		expect(await row()).toEqual(expected);
	});
});
