import { z } from 'zod';

/** The largest value a version column (PostgreSQL `integer`) holds. */
export const MAX_ROW_VERSION = 2_147_483_647;

const RELOAD = 'Reload the page and try again';

/**
 * A row's version as a page sends it back (a hidden field or JSON), for
 * optimistic locking: a whole number the database can compare, 0 meaning "no
 * row yet". Only a tampered or broken page sends anything else, hence the message.
 */
export const rowVersion = z.preprocess(
	(v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
	z
		.number({ error: RELOAD })
		.int({ error: RELOAD })
		.min(0, { error: RELOAD })
		.max(MAX_ROW_VERSION, { error: RELOAD })
);
