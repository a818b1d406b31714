// The challenge log at module level, on both databases: every step through the
// server module, the append-only ordered history, the version check, the rule
// that closing can need an action done, and the notices each step queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { answerChallenge, decideChallenge, raiseChallenge, type Actor, type NewChallenge } from '../../../src/lib/server/challenges';
import { challengeHistory, getChallenge, listChallenges } from '../../../src/lib/server/challenge-log';
import { checkReferences } from '../../../src/lib/server/challenge-refs';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const today = ukToday();
const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const actor = (email: string, name = email): Actor => ({ ctx: { ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email }, name, origin: 'https://portal.example' });
const chair = () => actor('chair@northmere.example.org', 'Dr Helen Marsh');
const lead = () => actor('lead@nhs.example.org', 'Joanne Reid');
const nhs = () => ids.organisations['Mercia Vale Community Health NHS Trust'];

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

const input = (more: Partial<NewChallenge> = {}): NewChallenge => ({
	partnershipId: ids.partnerships.northmere,
	organisationId: nhs(),
	cycleId: null,
	submissionId: null,
	standardCode: null,
	requirementCode: null,
	source: 'other',
	text: `Module test challenge ${Math.random()}`,
	dueOn: inDays(14),
	actionId: null,
	actionClosureRequired: false,
	...more
});

const outboxTo = async (subjectLike: string) =>
	(await db.query<{ to_address: string; body_text: string }>('select to_address, body_text from mail_outbox where subject like $1 order by to_address', [subjectLike])).map((r) => r.to_address);

describe('a challenge through every step', () => {
	it('raise, answer, further challenge, answer, accept, close: each step recorded in order, none changed', async () => {
		let c = await raiseChallenge(db, chair(), input());
		expect(c.status).toBe('open');
		const a1 = await answerChallenge(db, lead(), c, { text: 'First answer', revisionIds: [], actionId: null }, c.version);
		if (!a1.ok) throw new Error(JSON.stringify(a1));
		const further = await decideChallenge(db, chair(), a1.challenge, { decision: 'further', text: 'Say more', newDueOn: inDays(30), actionId: undefined, actionClosureRequired: false, closureConfirmed: false }, a1.challenge.version);
		if (!further.ok) throw new Error(JSON.stringify(further));
		expect(further.challenge).toMatchObject({ status: 'open', dueOn: inDays(30) });
		const a2 = await answerChallenge(db, lead(), further.challenge, { text: 'Second answer', revisionIds: [], actionId: null }, further.challenge.version);
		if (!a2.ok) throw new Error(JSON.stringify(a2));
		const accepted = await decideChallenge(db, chair(), a2.challenge, { decision: 'accept', text: '', newDueOn: null, actionId: undefined, actionClosureRequired: false, closureConfirmed: false }, a2.challenge.version);
		if (!accepted.ok) throw new Error(JSON.stringify(accepted));
		const closed = await decideChallenge(db, chair(), accepted.challenge, { decision: 'close', text: 'Done', newDueOn: null, actionId: undefined, actionClosureRequired: false, closureConfirmed: false }, accepted.challenge.version);
		if (!closed.ok) throw new Error(JSON.stringify(closed));
		c = closed.challenge;
		expect(c.status).toBe('closed');
		const history = await challengeHistory(db, c.id);
		expect(history.map((s) => [s.seq, s.kind, s.statusAfter])).toEqual([
			[1, 'raise', 'open'], [2, 'answer', 'answered'], [3, 'further', 'open'], [4, 'answer', 'answered'], [5, 'accept', 'accepted'], [6, 'close', 'closed']
		]);
		expect(history.map((s) => s.actorName)).toEqual(['Dr Helen Marsh', 'Joanne Reid', 'Dr Helen Marsh', 'Joanne Reid', 'Dr Helen Marsh', 'Dr Helen Marsh']);
		expect(history[2]).toMatchObject({ text: 'Say more', newDueOn: inDays(30) });
		const audit = await db.query<{ action: string }>(`select action from audit_log where subject_id = $1 order by id`, [c.id]);
		expect(audit.map((a) => a.action)).toEqual(['challenge.raise', 'challenge.answer', 'challenge.further', 'challenge.answer', 'challenge.accept', 'challenge.close']);
	});

	it('refuses a step the state does not allow, and records nothing', async () => {
		const c = await raiseChallenge(db, chair(), input());
		const result = await decideChallenge(db, chair(), c, { decision: 'accept', text: '', newDueOn: null, actionId: undefined, actionClosureRequired: false, closureConfirmed: false }, c.version);
		expect(result).toMatchObject({ ok: false, reason: 'refused' });
		expect((await challengeHistory(db, c.id)).length).toBe(1);
		expect((await getChallenge(db, c.id))!.status).toBe('open');
	});

	it('the database refuses to change or delete history', async () => {
		const c = await raiseChallenge(db, chair(), input());
		await expect(db.query(`update challenge_steps set text = 'rewritten' where challenge_id = $1`, [c.id])).rejects.toThrow(/append-only/);
		await expect(db.query('delete from challenge_steps where challenge_id = $1', [c.id])).rejects.toThrow(/append-only/);
		expect((await challengeHistory(db, c.id))[0].text).toBe(c.text);
	});
});

describe('two people acting from stale pages', () => {
	it('the second gets the current state back and nothing of theirs is written', async () => {
		const c = await raiseChallenge(db, chair(), input());
		const first = await answerChallenge(db, lead(), c, { text: 'From the first tab', revisionIds: [], actionId: null }, c.version);
		expect(first.ok).toBe(true);
		const second = await answerChallenge(db, actor('contributor@police.example.org'), c, { text: 'From the second tab', revisionIds: [], actionId: null }, c.version);
		expect(second).toMatchObject({ ok: false, reason: 'stale', current: { status: 'answered', version: c.version + 1 } });
		const history = await challengeHistory(db, c.id);
		expect(history.map((s) => s.text)).toEqual([c.text, 'From the first tab']);
	});
});

describe('closing when the linked action must be done', () => {
	it('refuses until the action is done and the chair confirms, then closes', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const actionId = ids.police.actionId;
		await db.query(`update actions set status = 'in_progress' where id = $1`, [actionId]);
		const c = await raiseChallenge(db, chair(), input({ organisationId: police, actionClosureRequired: true }));
		const close = (version: number, confirmed: boolean, action?: string | null) =>
			decideChallenge(db, chair(), c, { decision: 'close', text: '', newDueOn: null, actionId: action, actionClosureRequired: false, closureConfirmed: confirmed }, version);
		expect(await close(c.version, true)).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(/link an action/) });
		expect(await close(c.version, true, actionId)).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(/not done/) });
		await db.query(`update actions set status = 'done' where id = $1`, [actionId]);
		expect(await close(c.version, false, actionId)).toMatchObject({ ok: false, reason: 'refused', field: 'closureConfirmed' });
		expect((await challengeHistory(db, c.id)).length).toBe(1);
		const done = await close(c.version, true, actionId);
		expect(done).toMatchObject({ ok: true, challenge: { status: 'closed', actionId, actionClosureRequired: true } });
	});
});

describe('notices', () => {
	it('each step mails the organisation’s active leads and the partnership’s chairs, with a link to the entry on their own side', async () => {
		const c = await raiseChallenge(db, chair(), input({ text: 'Notice check challenge' }));
		const raised = await db.query<{ to_address: string; body_text: string }>(
			`select to_address, body_text from mail_outbox where body_text like '%Notice check challenge%' order by to_address`
		);
		expect(raised.map((m) => m.to_address)).toEqual(['chair@northmere.example.org', 'lead@nhs.example.org']);
		expect(raised.find((m) => m.to_address === 'lead@nhs.example.org')!.body_text).toContain(`https://portal.example/organisations/${nhs()}/challenges/${c.id}`);
		expect(raised.find((m) => m.to_address.startsWith('chair'))!.body_text).toContain(`https://portal.example/partnerships/${ids.partnerships.northmere}/challenges/${c.id}`);
		expect(await outboxTo('Challenge raised: Mercia Vale Community Health%')).toEqual(expect.arrayContaining(['lead@nhs.example.org']));
		// Not the other partnership's chair, nor the organisation's signatory.
		expect(raised.map((m) => m.to_address)).not.toContain('chair@eastbrook.example.org');
		expect(raised.map((m) => m.to_address)).not.toContain('director@nhs.example.org');
	});
});

describe('lists and references', () => {
	it('puts overdue challenges first and filters by overdue', async () => {
		const late = await raiseChallenge(db, chair(), input({ dueOn: inDays(-3), text: 'Late one' }));
		const { challenges } = await listChallenges(db, { partnershipId: ids.partnerships.northmere }, today, 200);
		const firstNotOverdue = challenges.findIndex((c) => !(['open', 'escalated'].includes(c.status) && c.dueOn < today));
		expect(challenges.slice(firstNotOverdue).some((c) => ['open', 'escalated'].includes(c.status) && c.dueOn < today)).toBe(false);
		const overdue = await listChallenges(db, { partnershipId: ids.partnerships.northmere, overdue: true }, today);
		expect(overdue.challenges.map((c) => c.id)).toContain(late.id);
		expect(overdue.challenges.every((c) => c.dueOn < today)).toBe(true);
	});

	it('checks that the cycle, submission and standard belong together, to the organisation and the partnership', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const base = { organisationId: police, cycleId: null, submissionId: null, standardCode: null, requirementCode: null };
		const nm = ids.partnerships.northmere;
		expect(await checkReferences(db, nm, { ...base, organisationId: ids.organisations['Eastbrook Borough Council'] })).toMatchObject({ ok: false, errors: { organisation: expect.any(String) } });
		expect(await checkReferences(db, nm, { ...base, cycleId: ids.cycles.s11Eastbrook })).toMatchObject({ ok: false, errors: { cycle: 'Choose one of the partnership’s cycles' } });
		expect(await checkReferences(db, nm, { ...base, cycleId: ids.cycles.s175Northmere })).toMatchObject({ ok: false, errors: { cycle: 'The organisation is not in that cycle' } });
		expect(await checkReferences(db, nm, { ...base, standardCode: '2' })).toMatchObject({ ok: false, errors: { cycle: expect.any(String) } });
		expect(await checkReferences(db, nm, { ...base, submissionId: ids.ambulanceEastbrookSubmission })).toMatchObject({ ok: false, errors: { submission: expect.any(String) } });
		expect(await checkReferences(db, nm, { ...base, submissionId: ids.police.submissionId, standardCode: '99' })).toMatchObject({ ok: false, errors: { standard: expect.stringMatching(/no standard 99/) } });
		expect(await checkReferences(db, nm, { ...base, submissionId: ids.police.submissionId, standardCode: '1', requirementCode: '2.1' })).toMatchObject({ ok: false, errors: { requirement: expect.stringMatching(/belongs to standard 2/) } });
		const ok = await checkReferences(db, nm, { ...base, submissionId: ids.police.submissionId, requirementCode: '2.1' });
		expect(ok).toMatchObject({ ok: true, refs: { standardCode: '2', cycleId: expect.any(String) } });
	});
});
