import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from './types';

export interface Migration {
	version: number;
	name: string;
	sql: string;
	checksum: string;
}

export class MigrationError extends Error {
	override name = 'MigrationError';
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order; anything else in the folder is an error. */
export function loadMigrations(dir: string): Migration[] {
	const migrations = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.map((file) => {
			const match = FILE.exec(file);
			if (!match) throw new MigrationError(`Migration file ${file} is not named NNNN_name.sql`);
			const sql = fs.readFileSync(path.join(dir, file), 'utf8');
			return {
				version: Number(match[1]),
				name: match[2],
				sql,
				checksum: createHash('sha256').update(sql).digest('hex')
			};
		})
		.sort((a, b) => a.version - b.version);
	migrations.forEach((m, i) => {
		if (i > 0 && migrations[i - 1].version === m.version) {
			throw new MigrationError(`Two migrations share version ${String(m.version).padStart(4, '0')}`);
		}
	});
	return migrations;
}

// Any constant: serialises migrations when several instances start at once.
const MIGRATION_LOCK = 741_852_963;

export interface MigrationResult {
	applied: string[];
	changed: string[];
}

const label = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;

/**
 * Applies pending migrations in order, each in its own transaction, recording
 * each in schema_migrations. Refuses a database that has a migration this code
 * does not know (it was migrated by a newer version).
 */
export async function migrate(db: Queryable, migrations: Migration[]): Promise<MigrationResult> {
	const known = new Map(migrations.map((m) => [m.version, m]));
	const applied: string[] = [];
	const changed: string[] = [];
	await db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.query(`create table if not exists schema_migrations (
			version integer primary key,
			name text not null,
			checksum text not null,
			applied_at timestamptz not null default now()
		)`);
	});
	const done = await db.query<{ version: number; name: string; checksum: string }>(
		'select version, name, checksum from schema_migrations order by version'
	);
	for (const row of done) {
		const mine = known.get(row.version);
		if (!mine) {
			throw new MigrationError(
				`The database has migration ${label(row)}, which this version of the portal does not have: ` +
					`it was migrated by a newer version. Run that version, or restore a backup taken before it.`
			);
		}
		if (mine.checksum !== row.checksum) changed.push(label(mine));
	}
	for (const m of migrations) {
		const didApply = await db.transaction(async (tx) => {
			await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			const already = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
			if (already.length > 0) return false;
			await tx.exec(m.sql);
			await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
				m.version,
				m.name,
				m.checksum
			]);
			return true;
		});
		if (didApply) applied.push(label(m));
	}
	return { applied, changed };
}
