// Scheduled work in PostgreSQL: a job is queued once per (kind, key), claimed
// by one runner at a time with FOR UPDATE SKIP LOCKED and a lease, and done
// once its handler returns. A runner that crashes leaves its job leased; after
// the lease another claims it and runs it again, so handlers are idempotent
// (reminders.ts logs each reminder under a unique key).
import type { Queryable } from './db';
import type { Logger } from './log';

export interface Job {
	id: string;
	kind: string;
	key: string;
	payload: Record<string, unknown>;
	attempts: number;
}

export type JobHandler = (job: Job, now: Date) => Promise<void>;

const LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 10;

/** Queues a job unless one with the same kind and key exists. True when this call queued it. */
export async function enqueueJob(db: Queryable, kind: string, key: string, payload: Record<string, unknown> = {}, runAt = new Date()): Promise<boolean> {
	const rows = await db.query<{ id: string }>(
		'insert into jobs (kind, key, payload, run_at) values ($1, $2, $3::text::jsonb, $4) on conflict (kind, key) do nothing returning id',
		[kind, key, JSON.stringify(payload), runAt]
	);
	return rows.length > 0;
}

/** The next due job of these kinds, leased to the caller; null when there is none free. */
export async function claimJob(db: Queryable, kinds: readonly string[], now = new Date()): Promise<Job | null> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string; kind: string; key: string; payload: Record<string, unknown>; attempts: number }>(
			`select id, kind, key, payload, attempts from jobs
			 where done_at is null and kind = any($1::text[]) and run_at <= $2 and attempts < $3 and (locked_until is null or locked_until <= $2)
			 order by run_at limit 1 for update skip locked`,
			[kinds, now, MAX_ATTEMPTS]
		);
		const job = rows[0];
		if (!job) return null;
		await tx.query('update jobs set locked_until = $2, attempts = attempts + 1 where id = $1', [job.id, new Date(now.getTime() + LEASE_MS)]);
		return { ...job, attempts: job.attempts + 1 };
	});
}

/** Runs every due job these handlers know, one at a time; a failed job is retried later. Returns how many finished. */
export async function runDueJobs(db: Queryable, handlers: Record<string, JobHandler>, now = new Date(), log?: Logger): Promise<number> {
	let done = 0;
	for (let job = await claimJob(db, Object.keys(handlers), now); job; job = await claimJob(db, Object.keys(handlers), now)) {
		try {
			await handlers[job.kind](job, now);
			await db.query('update jobs set done_at = $2, locked_until = null, last_error = null where id = $1', [job.id, now]);
			done++;
		} catch (e) {
			log?.warn({ err: e, job: job.kind, key: job.key }, 'job failed; it will be tried again');
			const retry = new Date(now.getTime() + Math.min(2 ** job.attempts * 60_000, 6 * 3_600_000));
			await db.query('update jobs set locked_until = null, run_at = $2, last_error = $3 where id = $1', [
				job.id,
				retry,
				(e instanceof Error ? e.message : String(e)).slice(0, 500)
			]);
		}
	}
	return done;
}
