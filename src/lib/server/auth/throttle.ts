import type { Queryable } from '../db';
import { plural } from '../../domain/text';

export interface ThrottlePolicy {
	limit: number;
	windowSeconds: number;
}

/** 10 failures in 15 minutes, per account and per address. */
export const SIGN_IN_POLICY: ThrottlePolicy = { limit: 10, windowSeconds: 15 * 60 };
/** Reset requests send mail: fewer, so the service cannot be used to flood an inbox. */
export const RESET_POLICY: ThrottlePolicy = { limit: 5, windowSeconds: 60 * 60 };

export type ThrottleState = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/** Whether `key` has reached its limit of failures within the window ending `now`. */
export async function throttleState(
	db: Queryable,
	key: string,
	policy: ThrottlePolicy,
	now = new Date()
): Promise<ThrottleState> {
	const since = new Date(now.getTime() - policy.windowSeconds * 1000);
	const rows = await db.query<{ n: number; oldest: Date | null }>(
		`select count(*) as n, min(at) as oldest
		 from (select at from throttle_events where key = $1 and at > $2 order by at desc limit $3) recent`,
		[key, since, policy.limit]
	);
	const { n, oldest } = rows[0];
	if (n < policy.limit || !oldest) return { blocked: false };
	const freeAt = oldest.getTime() + policy.windowSeconds * 1000;
	return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) };
}

/** The strictest of several keys' states. */
export async function firstBlocked(
	db: Queryable,
	keys: string[],
	policy: ThrottlePolicy,
	now = new Date()
): Promise<ThrottleState> {
	const states = await Promise.all(keys.map((k) => throttleState(db, k, policy, now)));
	const blocked = states.filter((s) => s.blocked);
	if (!blocked.length) return { blocked: false };
	return { blocked: true, retryAfterSeconds: Math.max(...blocked.map((s) => s.retryAfterSeconds)) };
}

export async function recordFailure(db: Queryable, keys: string[], now = new Date()): Promise<void> {
	await db.query('insert into throttle_events (key, at) select unnest($1::text[]), $2', [keys, now]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
	await db.query('delete from throttle_events where key = $1', [key]);
}

/** Drops events older than any window; run from the periodic housekeeping job. */
export async function pruneThrottleEvents(db: Queryable, now = new Date()): Promise<void> {
	await db.query(`delete from throttle_events where at < $1`, [new Date(now.getTime() - 24 * 3600 * 1000)]);
}

export function retryMessage(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	return `Too many attempts. Try again in ${plural(minutes, 'minute')}.`;
}
