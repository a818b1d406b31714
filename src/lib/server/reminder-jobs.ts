// The reminder schedule at work: each run queues one job per open cycle for the
// UK day, and each job reminds every organisation that has not returned and
// whose schedule falls due (once per occasion, whichever instance runs it).
import type { Queryable } from './db';
import type { Logger } from './log';
import { SYSTEM_CONTEXT } from './audit-log';
import { getCycle } from './cycles';
import { runDueJobs, type JobHandler } from './jobs';
import { getSchedule, lastReminded, outstandingOrganisations, sendReminder } from './reminders';
import { ukToday } from '../domain/cycles';
import { dueOccasion, isReminderTime } from '../domain/reminders';

export const REMINDER_JOB = 'cycle.reminders';

/** Queues today's reminder job for every open cycle whose schedule is on (from REMINDER_HOUR, UK time). */
export async function planReminderJobs(db: Queryable, now = new Date()): Promise<number> {
	if (!isReminderTime(now)) return 0;
	const rows = await db.query<{ id: string }>(
		`insert into jobs (kind, key, payload, run_at)
		 select $2, c.id::text || ':' || $1, jsonb_build_object('cycleId', c.id, 'today', $1::text), $3
		 from cycles c left join reminder_schedules s on s.cycle_id = c.id
		 where c.closed_at is null and c.opens_on <= $1::date and coalesce(s.enabled, true)
		 on conflict (kind, key) do nothing returning id`,
		[ukToday(now), REMINDER_JOB, now]
	);
	return rows.length;
}

/** Sends the cycle's reminders due on the job's day: each organisation's latest occasion, unless it was reminded since. */
export function reminderHandler(db: Queryable, origin: string): JobHandler {
	return async (job, now) => {
		const cycle = await getCycle(db, String(job.payload.cycleId));
		const today = String(job.payload.today);
		if (!cycle || cycle.closedAt) return;
		const schedule = await getSchedule(db, cycle.id);
		if (!schedule.enabled) return;
		const [outstanding, last] = await Promise.all([outstandingOrganisations(db, cycle, today), lastReminded(db, cycle.id)]);
		// One transaction per organisation: a crash part-way keeps what was sent, and the rerun skips it.
		for (const o of outstanding) {
			const occasion = dueOccasion(schedule, o.deadline, today, cycle.opensOn);
			if (!occasion || (last.get(o.organisationId) ?? '') >= occasion) continue;
			await sendReminder(db, SYSTEM_CONTEXT, cycle, o, { key: occasion, kind: 'scheduled' }, origin, now);
		}
	};
}

/** One pass: plan today's jobs and run every one that is due. */
export async function runReminders(database: Queryable, origin: string, now = new Date(), log?: Logger): Promise<number> {
	await planReminderJobs(database, now);
	return runDueJobs(database, { [REMINDER_JOB]: reminderHandler(database, origin) }, now, log);
}

/** Starts the hourly reminder run on this instance (several instances share the work through the jobs table). */
export function startReminderRunner(database: Queryable, origin: string, log: Logger, firstRunMs = 60_000, intervalMs = 3_600_000): () => void {
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			const done = await runReminders(database, origin, new Date(), log);
			if (done) log.info({ jobs: done }, 'scheduled reminders run');
		} catch (e) {
			log.warn({ err: e }, 'scheduled reminders failed');
		} finally {
			running = false;
		}
	};
	const first = setTimeout(run, firstRunMs);
	const timer = setInterval(run, intervalMs);
	first.unref();
	timer.unref();
	return () => {
		clearTimeout(first);
		clearInterval(timer);
	};
}
