import postgres from 'postgres';
import type { Db, Queryable, Row } from './types';
import { OID, parseDate, parseInt8, parseNumeric } from './normalise';

type Sql = postgres.Sql | postgres.TransactionSql;

function handleFor(sql: Sql, transaction: Queryable['transaction']): Queryable {
	return {
		async query<T extends object = Row>(text: string, params: readonly unknown[] = []) {
			const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			await sql.unsafe(text).simple();
		},
		transaction
	};
}

/**
 * Planner settings for every connection, sent when it opens. JIT compilation is
 * off: PostgreSQL compiles a query once its estimated cost passes
 * jit_above_cost, and the reports' queries (the heatmap, the moderation
 * workspace, the dashboard) estimate high for their correlated subqueries
 * while running in tens of milliseconds, so compiling them cost ~270 ms of a
 * ~300 ms heatmap query on a 2,000-organisation cycle (bench/pages.ts).
 * A pooler in between (PgBouncer) must let the parameter through or ignore it.
 */
export const SESSION_SETTINGS = { jit: 'off' } as const;

export interface PostgresOptions {
	poolSize?: number;
	connectTimeoutSeconds?: number;
}

/** postgres.js against a PostgreSQL 15+ server, with the same type parsing as PGlite. */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
	const sql = postgres(url, {
		max: options.poolSize ?? 10,
		connect_timeout: options.connectTimeoutSeconds ?? 10,
		idle_timeout: 60,
		// postgres.js waits longer before each reconnection after a failure (up to 20 s by default): after an
		// outage with people still using the portal, that kept it answering 503 long after the database was
		// back. At most 2 s between attempts.
		backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
		onnotice: () => {},
		connection: { application_name: 'safeguarding-portal', ...SESSION_SETTINGS },
		types: {
			int8: { to: OID.int8, from: [OID.int8], serialize: (x: number | bigint | string) => String(x), parse: parseInt8 },
			numeric: { to: OID.numeric, from: [OID.numeric], serialize: (x: number | string) => String(x), parse: parseNumeric },
			date: {
				to: OID.date,
				from: [OID.date],
				serialize: (x: string | Date) => (x instanceof Date ? x.toISOString().slice(0, 10) : x),
				parse: parseDate
			}
		}
	});
	const transaction: Queryable['transaction'] = async (fn) => {
		const result = await sql.begin(async (tx) => {
			const inner: Queryable = handleFor(tx, (nested) => nested(inner));
			return fn(inner);
		});
		return result as Awaited<ReturnType<typeof fn>>;
	};
	return {
		kind: 'postgres',
		...handleFor(sql, transaction),
		async close() {
			await sql.end({ timeout: 5 });
		}
	};
}
