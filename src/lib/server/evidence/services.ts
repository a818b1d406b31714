// The evidence storage and scanner an instance works with, opened at start,
// and the start-up sweep that removes what a crash left behind.
import path from 'node:path';
import type { Config } from '../config.js';
import type { Queryable } from '../db';
import type { Logger } from '../log';
import { openStorage } from '../storage';
import type { Storage } from '../storage/types';
import { spoolDir, sweepSpool } from '../storage/spool';
import { isLetterKey } from '../storage/keys';
import { scannerFrom } from './clamd';
import type { Scanner } from './scanner';

export interface EvidenceServices {
	storage: Storage;
	scanner: Scanner;
	spoolDir: string;
}

/** Objects younger than this are left by the sweep on shared storage: another instance may be about to record them. */
const SHARED_GRACE_MS = 60 * 60 * 1000;

export async function openEvidenceServices(db: Queryable, config: Config, log: Logger): Promise<EvidenceServices> {
	const services = { storage: openStorage(config), scanner: scannerFrom(config), spoolDir: spoolDir(path.resolve(config.DATA_DIR)) };
	const partial = await sweepSpool(services.spoolDir);
	const orphans = await sweepOrphans(db, services.storage, services.storage.kind === 'local' ? 0 : SHARED_GRACE_MS);
	if (partial || orphans) log.warn({ partialUploads: partial, filesWithoutRecord: orphans }, 'evidence sweep removed leftovers of unfinished uploads');
	return services;
}

/**
 * Deletes stored evidence files that no revision names: a file committed just
 * before a crash, whose row was never written. Returns how many went. Issued
 * feedback letters' files (letters/…) are never touched: they are kept for good.
 */
export async function sweepOrphans(db: Queryable, storage: Storage, graceMs: number, now = new Date()): Promise<number> {
	const named = new Set(
		(await db.query<{ storage_key: string }>('select distinct storage_key from evidence_revisions where purged_at is null')).map((r) => r.storage_key)
	);
	let removed = 0;
	for await (const object of storage.list()) {
		if (isLetterKey(object.key) || now.getTime() - object.modifiedAt.getTime() < graceMs || named.has(object.key)) continue;
		await storage.delete(object.key);
		removed++;
	}
	return removed;
}
