import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './types';
import { OID, parseBytea, parseDate, parseInt8, parseNumeric } from './normalise';
import { lockDataDirectory, type DirectoryLock } from './lock';
import { snapshotFor } from './snapshot';

const parsers = {
	[OID.int8]: parseInt8,
	[OID.numeric]: parseNumeric,
	[OID.date]: parseDate,
	[OID.bytea]: parseBytea
};

function transactionHandle(tx: Transaction): Queryable {
	const handle: Queryable = {
		async query<T extends object = Row>(text: string, params: readonly unknown[] = []) {
			const result = await tx.query<T>(text, [...params]);
			return result.rows;
		},
		async exec(text: string) {
			await tx.exec(text);
		},
		transaction: (fn) => fn(handle)
	};
	return handle;
}

/**
 * PGlite persisted under `dataDir` (its cluster lives in `dataDir/pgdata`), or
 * in memory when `dataDir` is undefined. A persisted database holds the
 * directory's lock until closed. `snapshot`: a cluster tarball made by the
 * build (db/snapshot.ts) to start from when `dataDir` has no database yet.
 */
export async function openEmbedded(dataDir?: string, options: { loadDataDir?: Blob; snapshot?: string } = {}): Promise<Db> {
	let lock: DirectoryLock | undefined;
	if (dataDir) lock = lockDataDirectory(dataDir);
	let pg: PGlite;
	try {
		pg = await PGlite.create({
			dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
			loadDataDir: options.loadDataDir ?? (dataDir ? snapshotFor(dataDir, options.snapshot) : undefined),
			parsers
		});
	} catch (e) {
		lock?.release();
		throw e;
	}
	let closed = false;
	return {
		kind: 'embedded',
		async query<T extends object = Row>(text: string, params: readonly unknown[] = []) {
			const result = await pg.query<T>(text, [...params]);
			return result.rows;
		},
		async exec(text: string) {
			await pg.exec(text);
		},
		transaction: (fn) => pg.transaction((tx) => fn(transactionHandle(tx))),
		async close() {
			if (closed) return;
			closed = true;
			try {
				await pg.close();
			} finally {
				lock?.release();
			}
		}
	};
}
