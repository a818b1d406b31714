import type { Queryable } from './db';
import type { Logger } from './log';
import { pruneExpiredSessions } from './auth/sessions';
import { pruneThrottleEvents } from './auth/throttle';
import { SYSTEM_CONTEXT } from './audit-log';
import { purgeEvidence } from './evidence-retention';
import { purgeExpiredImports } from './register-imports';
import type { Storage } from './storage/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The first purge waits a little after start, so a restart loop never purges in a burst. */
const FIRST_PURGE_AFTER = 10 * 60_000;

/**
 * Hourly clean-up of expired sessions, old throttle events and the rows of
 * school register previews nobody applied before they expired, and the daily
 * evidence purge (evidence-retention.ts), on every instance: each is idempotent, and
 * the purge claims its rows with `skip locked`, so instances never collide.
 */
export function startHousekeeping(db: Queryable, log: Logger, storage?: Storage): () => void {
	const run = async () => {
		try {
			await pruneExpiredSessions(db);
			await pruneThrottleEvents(db);
			await purgeExpiredImports(db);
		} catch (e) {
			log.warn({ err: e }, 'housekeeping failed');
		}
	};
	const purge = async () => {
		if (!storage) return;
		try {
			const purged = await purgeEvidence(db, storage, SYSTEM_CONTEXT, new Date());
			if (purged.length) log.info({ revisions: purged.length, files: purged.filter((p) => p.fileDeleted).length }, 'evidence purged under retention periods');
		} catch (e) {
			log.warn({ err: e }, 'evidence purge failed');
		}
	};
	const timers = [setInterval(run, HOUR), setInterval(purge, DAY), setTimeout(purge, FIRST_PURGE_AFTER)];
	for (const t of timers) t.unref();
	return () => timers.forEach((t) => clearTimeout(t));
}
