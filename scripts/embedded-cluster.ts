// Part of the build (scripts/build.js): an empty embedded database with every
// migration applied, as a tarball (build/embedded-cluster.tar.gz). The portal
// unpacks it when it starts on a data directory with no database yet, instead
// of creating a new PostgreSQL cluster inside PGlite (initdb, 3 to 4 seconds
// here) and migrating it. It holds the schema alone: no templates, no keys, no
// people (those are made at start, per installation). A database started from
// an older tarball is migrated the rest of the way as usual.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbedded } from '../src/lib/server/db/pglite';
import { loadMigrations, migrate } from '../src/lib/server/db/migrate';
import { CLUSTER_SNAPSHOT, writeClusterSnapshot } from '../src/lib/server/db/snapshot';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cluster-'));
try {
	const db = await openEmbedded(scratch);
	let applied: number;
	try {
		applied = (await migrate(db, loadMigrations(path.join(root, 'migrations')))).applied.length;
	} finally {
		await db.close();
	}
	const bytes = await writeClusterSnapshot(scratch, path.join(root, CLUSTER_SNAPSHOT));
	process.stdout.write(`${CLUSTER_SNAPSHOT}: an empty database with ${applied} migrations, ${(bytes / 1024 / 1024).toFixed(1)} MB\n`);
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
