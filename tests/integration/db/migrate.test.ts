import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError } from '../../../src/lib/server/db/migrate';
import { MIGRATIONS } from '../../helpers/paths';
import { createBlankDb } from '../../helpers/test-db';

type Blank = Awaited<ReturnType<typeof createBlankDb>>;

function tempMigrations(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
	for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
	return dir;
}

describe('migrations', () => {
	let db: Blank;
	beforeEach(async () => {
		db = await createBlankDb();
	});
	afterEach(async () => {
		await db.drop();
	});

	it('applies every shipped migration to a fresh database, in order, and records each', async () => {
		const shipped = loadMigrations(MIGRATIONS);
		const result = await migrate(db, shipped);
		expect(result.applied).toEqual(shipped.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`));
		const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
		expect(rows.map((r) => r.version)).toEqual(shipped.map((m) => m.version));
	});

	it('applies nothing the second time and leaves the schema as it was', async () => {
		const shipped = loadMigrations(MIGRATIONS);
		await migrate(db, shipped);
		const again = await migrate(db, shipped);
		expect(again).toEqual({ applied: [], changed: [] });
	});

	it('refuses a database that has a migration this code does not know', async () => {
		await migrate(db, loadMigrations(MIGRATIONS));
		await db.query(`insert into schema_migrations (version, name, checksum) values (9999, 'from_the_future', 'x')`);
		await expect(migrate(db, loadMigrations(MIGRATIONS))).rejects.toThrow(MigrationError);
		await expect(migrate(db, loadMigrations(MIGRATIONS))).rejects.toThrow(/9999_from_the_future.*newer version/);
	});

	it('rolls back a failing migration completely and keeps the ones before it', async () => {
		const dir = tempMigrations({
			'0001_first.sql': 'create table first_table (id int);',
			'0002_broken.sql': 'create table second_table (id int); select * from no_such_table;'
		});
		await expect(migrate(db, loadMigrations(dir))).rejects.toThrow();
		const tables = await db.query<{ table_name: string }>(
			`select table_name from information_schema.tables where table_name in ('first_table', 'second_table')`
		);
		expect(tables.map((t) => t.table_name)).toEqual(['first_table']);
		const applied = await db.query<{ version: number }>('select version from schema_migrations');
		expect(applied.map((r) => r.version)).toEqual([1]);
	});

	it('reports an applied migration whose file has since changed', async () => {
		const dir = tempMigrations({ '0001_first.sql': 'create table first_table (id int);' });
		await migrate(db, loadMigrations(dir));
		fs.writeFileSync(path.join(dir, '0001_first.sql'), 'create table first_table (id bigint);');
		expect((await migrate(db, loadMigrations(dir))).changed).toEqual(['0001_first']);
	});
});

describe('migration files', () => {
	it('rejects a file not named NNNN_name.sql', () => {
		const dir = tempMigrations({ '1_bad name.sql': 'select 1' });
		expect(() => loadMigrations(dir)).toThrow(/not named NNNN_name.sql/);
	});

	it('rejects two files with the same version', () => {
		const dir = tempMigrations({ '0001_a.sql': 'select 1', '0001_b.sql': 'select 1' });
		expect(() => loadMigrations(dir)).toThrow(/share version 0001/);
	});
});
