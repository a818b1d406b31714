import type { Db } from './db';

const TIMEOUT_MS = 3000;

export type HealthResult = { ok: true } | { ok: false; reason: string };

/** A real round trip to the database, bounded so a hung server cannot hang the probe. */
export async function checkDatabase(db: Db, timeoutMs = TIMEOUT_MS): Promise<HealthResult> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<HealthResult>((resolve) => {
		timer = setTimeout(() => resolve({ ok: false, reason: `database did not answer within ${timeoutMs} ms` }), timeoutMs);
	});
	const probe = db.query<{ ok: number }>('select 1 as ok').then(
		(rows): HealthResult => (rows[0]?.ok === 1 ? { ok: true } : { ok: false, reason: 'unexpected answer from database' }),
		(e: unknown): HealthResult => ({ ok: false, reason: `database unreachable: ${describe(e)}` })
	);
	try {
		return await Promise.race([probe, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function describe(e: unknown): string {
	if (e instanceof Error) {
		const code = (e as NodeJS.ErrnoException).code;
		return code ? `${code}` : e.message.split('\n')[0];
	}
	return 'unknown error';
}
