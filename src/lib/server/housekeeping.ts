import type { Queryable } from './db';
import type { Logger } from './log';
import { pruneExpiredSessions } from './auth/sessions';
import { pruneThrottleEvents } from './auth/throttle';

const HOUR = 3_600_000;

/** Hourly clean-up of expired sessions and old throttle events, on every instance (idempotent). */
export function startHousekeeping(db: Queryable, log: Logger): () => void {
	const run = async () => {
		try {
			await pruneExpiredSessions(db);
			await pruneThrottleEvents(db);
		} catch (e) {
			log.warn({ err: e }, 'housekeeping failed');
		}
	};
	const timer = setInterval(run, HOUR);
	timer.unref();
	return () => clearInterval(timer);
}
