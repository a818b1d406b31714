import path from 'node:path';
import type { Db } from './types';
import { openEmbedded } from './pglite';
import { openPostgres } from './postgres';
import { isDatabaseUnavailable } from './unavailable';

export type { Db, DbKind, Queryable, Row } from './types';
export { SQLSTATE, sqlState } from './types';

export interface DatabaseSettings {
	DATABASE_URL?: string;
	DATA_DIR: string;
	DATABASE_POOL_SIZE?: number;
	/** The build's empty migrated cluster, to start a new embedded database from (db/snapshot.ts). */
	clusterSnapshot?: string;
}

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in DATA_DIR. */
export async function openDatabase(settings: DatabaseSettings): Promise<Db> {
	if (settings.DATABASE_URL) {
		return openPostgres(settings.DATABASE_URL, { poolSize: settings.DATABASE_POOL_SIZE });
	}
	return openEmbedded(path.resolve(settings.DATA_DIR), { snapshot: settings.clusterSnapshot });
}

/** Refused at the door: the password, pg_hba.conf, no such database (at start-up, not a passing outage). */
const REFUSED = new Set(['28P01', '28000', '3D000']);

/** A one-line description when `e` means the database cannot be reached; null otherwise. */
export function connectionProblem(e: unknown): string | null {
	const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
	if (!REFUSED.has(code) && !isDatabaseUnavailable(e)) return null;
	const message = e instanceof Error ? e.message.split('\n')[0] : '';
	return message.includes(code) ? message : `${code} ${message}`.trim();
}
