// Chasing returns at module level, on the embedded database and on PostgreSQL:
// a reminder sent now writes its outbox rows, its log row and its audit entry
// once; the schedule's jobs, run by two runners at once, send each reminder
// once; a run that crashes part-way and the run after it send everything once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scratchFrom, type Scratch } from '../../helpers/test-db';
import { DB_KIND } from '../../helpers/paths';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import type { Db } from '../../../src/lib/server/db';
import { SYSTEM_CONTEXT, type AuditContext } from '../../../src/lib/server/audit-log';
import { getCycle, type Cycle } from '../../../src/lib/server/cycles';
import { outstandingOrganisations, sendReminder, sentReminders, setSchedule, type Outstanding } from '../../../src/lib/server/reminders';
import { runReminders } from '../../../src/lib/server/reminder-jobs';
import { claimJob, enqueueJob, runDueJobs } from '../../../src/lib/server/jobs';
import { addDays } from '../../../src/lib/domain/calendar';
import { ukToday } from '../../../src/lib/domain/cycles';
import { DEFAULT_SCHEDULE, dueOccasion } from '../../../src/lib/domain/reminders';

const ORIGIN = 'https://portal.example.org';
const BU = 'business.unit@northmere.example.org';
let scratch: Scratch;
let db: Db;
let ids: DemoIds;
let cycle: Cycle;
const ctx = (): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: ids.users[BU], actorEmail: BU });

beforeEach(async () => {
	scratch = await scratchFrom('demo');
	db = await scratch.open();
	ids = await readDemoIds(db);
	cycle = (await getCycle(db, ids.cycles.s175Northmere))!;
	// Only this cycle's schedule is on, so every count below is its own.
	const others = await db.query<{ id: string }>('select id from cycles where id <> $1', [cycle.id]);
	for (const o of others) await setSchedule(db, SYSTEM_CONTEXT, (await getCycle(db, o.id))!, { ...DEFAULT_SCHEDULE, enabled: false });
});
afterEach(async () => {
	await db.close();
	await scratch.drop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0].n);
/** A moment a week after the cycle's deadline, mid-morning UK time: every return still missing is overdue, the first weekly occasion. */
const weekAfterDeadline = () => new Date(`${addDays(cycle.closesOn, 7)}T10:00:00Z`);

/** Who the schedule should remind on that day: not returned, with a lead, and an occasion due by their own deadline. */
async function dueOn(now: Date): Promise<Outstanding[]> {
	const today = ukToday(now);
	return (await outstandingOrganisations(db, cycle, today)).filter((o) => o.leads.length && dueOccasion(DEFAULT_SCHEDULE, o.deadline, today, cycle.opensOn));
}

describe('a reminder sent now', () => {
	it('queues one mail per lead, logs it and audits it, and sending the same form again sends nothing', async () => {
		const today = ukToday();
		const outstanding = await outstandingOrganisations(db, cycle, today);
		const oakfield = outstanding.find((o) => o.name === 'Oakfield Primary School')!;
		expect(oakfield.leads.map((l) => l.email)).toContain('dsl@oakfield.example.org');
		const outboxBefore = await count('mail_outbox');
		const occasion = { key: 'now:form-1', kind: 'now' as const, extra: 'The board meets next week.' };
		expect(await sendReminder(db, ctx(), cycle, oakfield, occasion, ORIGIN)).toBe(true);
		expect(await sendReminder(db, ctx(), cycle, oakfield, occasion, ORIGIN), 'a double click').toBe(false);

		const mails = await db.query<{ to_address: string; subject: string; body_text: string }>('select to_address, subject, body_text from mail_outbox order by created_at desc limit $1', [oakfield.leads.length]);
		expect(await count('mail_outbox')).toBe(outboxBefore + oakfield.leads.length);
		expect(mails.map((m) => m.to_address).sort()).toEqual(oakfield.leads.map((l) => l.email).sort());
		expect(mails[0].body_text).toContain('The board meets next week.');
		expect(mails[0].body_text).toContain(`${ORIGIN}/organisations/${oakfield.organisationId}`);
		const sent = await sentReminders(db, cycle.id);
		expect(sent).toEqual([expect.objectContaining({ organisationName: 'Oakfield Primary School', kind: 'now', sentByName: expect.any(String), recipients: oakfield.leads })]);
		expect(await count(`audit_log where action = 'cycle.reminder' and organisation_id = $1`, [oakfield.organisationId])).toBe(1);
	});

	it('reaches nobody at an organisation without a lead, and logs nothing', async () => {
		const outstanding = await outstandingOrganisations(db, cycle, ukToday());
		const noLead = outstanding.find((o) => !o.leads.length);
		expect(noLead, 'the demo has a school without a lead').toBeDefined();
		expect(await sendReminder(db, ctx(), cycle, noLead!, { key: 'now:x', kind: 'now' }, ORIGIN)).toBe(false);
		expect(await count('reminders')).toBe(0);
	});
});

describe('the schedule', () => {
	it('two runners at once send each due reminder once', async () => {
		const now = weekAfterDeadline();
		const due = await dueOn(now);
		expect(due.length).toBeGreaterThan(1);
		// On PostgreSQL a second connection pool, as a second instance would have; PGlite has one connection.
		const other = DB_KIND === 'postgres' ? await scratch.open() : db;
		try {
			const outboxBefore = await count('mail_outbox');
			await Promise.all([runReminders(db, ORIGIN, now), runReminders(other, ORIGIN, now), runReminders(db, ORIGIN, now)]);
			expect(await count('reminders')).toBe(due.length);
			expect(await count('mail_outbox') - outboxBefore).toBe(due.reduce((n, o) => n + o.leads.length, 0));
			const occasions = await db.query<{ occasion: string; kind: string }>('select distinct occasion, kind from reminders');
			expect(occasions.every((r) => r.kind === 'scheduled')).toBe(true);
			// Run again later the same day: every occasion is already sent.
			await runReminders(db, ORIGIN, new Date(now.getTime() + 3_600_000));
			expect(await count('reminders')).toBe(due.length);
		} finally {
			if (other !== db) await other.close();
		}
	});

	it('a run that crashes part-way keeps what it sent, and the next run sends only the rest', async () => {
		const now = weekAfterDeadline();
		const due = await dueOn(now);
		expect(due.length).toBeGreaterThan(2);
		// The crash: the third reminder's transaction fails, as a lost connection or a killed process would leave it.
		await db.exec(`create function crash_third_reminder() returns trigger language plpgsql as $$
			begin if (select count(*) from reminders) >= 2 then raise exception 'crash'; end if; return new; end $$;
			create trigger crash_third before insert on reminders for each row execute function crash_third_reminder();`);
		const outboxBefore = await count('mail_outbox');
		expect(await runReminders(db, ORIGIN, now), 'the job did not finish').toBe(0);
		expect(await count('reminders')).toBe(2);
		const firstTwo = await db.query<{ organisation_id: string }>('select organisation_id from reminders');
		await db.exec('drop trigger crash_third on reminders; drop function crash_third_reminder();');

		expect(await runReminders(db, ORIGIN, new Date(now.getTime() + 30 * 60_000)), 'the retried job finished').toBe(1);
		expect(await count('reminders')).toBe(due.length);
		expect(await count('mail_outbox') - outboxBefore).toBe(due.reduce((n, o) => n + o.leads.length, 0));
		for (const { organisation_id } of firstTwo) expect(await count('reminders where organisation_id = $1', [organisation_id])).toBe(1);
	});

	it('sends nothing once the business unit switches it off, and nothing twice to an organisation reminded since the occasion', async () => {
		const now = weekAfterDeadline();
		const [first] = await dueOn(now);
		await sendReminder(db, ctx(), cycle, first, { key: 'now:earlier', kind: 'now' }, ORIGIN, new Date(now.getTime() - 3_600_000));
		await setSchedule(db, ctx(), cycle, { ...DEFAULT_SCHEDULE, enabled: false });
		await runReminders(db, ORIGIN, now);
		expect(await count(`reminders where kind = 'scheduled'`)).toBe(0);
		await setSchedule(db, ctx(), cycle, DEFAULT_SCHEDULE);
		await runReminders(db, ORIGIN, now);
		expect(await count(`reminders where kind = 'scheduled' and organisation_id = $1`, [first.organisationId]), 'reminded by hand that morning').toBe(0);
		expect(await count(`reminders where kind = 'scheduled'`)).toBe((await dueOn(now)).length - 1);
	});
});

describe('the job table', () => {
	it('leaves a job claimed by a runner that died until its lease runs out, then runs it', async () => {
		const now = new Date('2027-01-04T09:00:00Z');
		await enqueueJob(db, 'test.job', 'one', {}, now);
		expect(await enqueueJob(db, 'test.job', 'one', {}, now), 'the same job is queued once').toBe(false);
		expect(await claimJob(db, ['test.job'], now)).not.toBeNull();
		const runs: string[] = [];
		const handlers = { 'test.job': async (job: { key: string }) => void runs.push(job.key) };
		expect(await runDueJobs(db, handlers, new Date(now.getTime() + 60_000))).toBe(0);
		expect(await runDueJobs(db, handlers, new Date(now.getTime() + 11 * 60_000))).toBe(1);
		expect(runs).toEqual(['one']);
		expect(await runDueJobs(db, handlers, new Date(now.getTime() + 20 * 60_000)), 'a finished job never runs again').toBe(0);
	});
});
