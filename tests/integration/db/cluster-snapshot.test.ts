// The build's empty migrated database (scripts/embedded-cluster.ts): a new
// embedded data directory starts from it instead of a new cluster, an existing
// one never does, and what the build ships has every migration applied.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../../src/lib/server/db/pglite';
import { loadMigrations, migrate } from '../../../src/lib/server/db/migrate';
import { CLUSTER_SNAPSHOT, writeClusterSnapshot } from '../../../src/lib/server/db/snapshot';
import { DB_KIND, ROOT } from '../../helpers/paths';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-snapshot-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const dir = (name: string) => {
	const d = path.join(scratch, name);
	fs.mkdirSync(d);
	return d;
};

describe.skipIf(DB_KIND !== 'embedded')('starting a new embedded database from the build’s snapshot', () => {
	it('starts an empty data directory from the snapshot, and never replaces a database already there', async () => {
		const source = dir('source');
		const made = await openEmbedded(source);
		await made.exec(`create table marker (what text); insert into marker values ('from the snapshot')`);
		await made.close();
		const file = path.join(scratch, 'cluster.tar.gz');
		await writeClusterSnapshot(source, file);

		const fresh = await openEmbedded(dir('fresh'), { snapshot: file });
		expect(await fresh.query('select what from marker')).toEqual([{ what: 'from the snapshot' }]);
		await fresh.exec(`insert into marker values ('written later')`);
		await fresh.close();

		const existing = path.join(scratch, 'fresh');
		const again = await openEmbedded(existing, { snapshot: file });
		expect(await again.query('select what from marker order by what')).toEqual([{ what: 'from the snapshot' }, { what: 'written later' }]);
		await again.close();

		// No snapshot file (a build without one): a new cluster, as before.
		const plain = await openEmbedded(dir('plain'), { snapshot: path.join(scratch, 'missing.tar.gz') });
		await expect(plain.query('select what from marker')).rejects.toThrow(/marker/);
		await plain.close();
	});

	it('ships a snapshot with every migration applied and nothing else in it', async () => {
		const file = path.join(ROOT, CLUSTER_SNAPSHOT);
		expect(fs.existsSync(file), 'npm run build writes build/embedded-cluster.tar.gz').toBe(true);
		const db = await openEmbedded(dir('shipped'), { snapshot: file });
		try {
			const migrations = loadMigrations(path.join(ROOT, 'migrations'));
			const applied = await db.query<{ version: number }>('select version from schema_migrations order by version');
			expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
			expect((await migrate(db, migrations)).applied).toEqual([]);
			// Schema only: templates, keys and people are made per installation, at start.
			for (const table of ['templates', 'users', 'server_keys', 'partnerships', 'organisations']) {
				expect(await db.query<{ n: number }>(`select count(*)::int as n from ${table}`), table).toEqual([{ n: 0 }]);
			}
		} finally {
			await db.close();
		}
	});
});
