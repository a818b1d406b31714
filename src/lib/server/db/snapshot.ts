// An empty, migrated embedded database made at build time
// (scripts/embedded-cluster.ts): unpacked when the portal starts on a data
// directory with no database yet, instead of creating a PostgreSQL cluster
// inside PGlite (initdb) and migrating it.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Where the build puts it, from the application's root. */
export const CLUSTER_SNAPSHOT = path.join('build', 'embedded-cluster.tar.gz');

/** The cluster under `dataDir` (closed), written to `file` as a gzipped tarball; its size in bytes. */
export async function writeClusterSnapshot(dataDir: string, file: string): Promise<number> {
	const pg = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
	try {
		const tarball = await pg.dumpDataDir('gzip');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
		return tarball.size;
	} finally {
		await pg.close();
	}
}

/** The snapshot to start `dataDir` from: only when it has no database yet and the build made one. */
export function snapshotFor(dataDir: string, file: string | undefined): Blob | undefined {
	if (!file || fs.existsSync(path.join(dataDir, 'pgdata')) || !fs.existsSync(file)) return undefined;
	return new Blob([fs.readFileSync(file)]);
}
