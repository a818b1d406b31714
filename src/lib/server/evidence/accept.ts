// What happens to one spooled file before the library records it: its type is
// decided from its content, it is scanned, its text is checked for personal
// data, and only then is it committed to storage. A refused file is deleted.
import fs from 'node:fs/promises';
import type { Storage } from '../storage/types';
import { storageKey } from '../storage/types';
import type { Spooled } from '../storage/spool';
import { ScannerUnavailable, type Scanner } from './scanner';
import { identifyFile } from './file-types';
import { cleanFileName } from './file-names';
import { checkDocumentText } from './document-text';
import type { NewRevision } from '../evidence';
import type { Logger } from '../log';

export type Checked = { ok: true; file: NewRevision; kindLabel: string } | { ok: false; status: 415 | 422 | 503; message: string };

export const SCANNER_DOWN = 'The selected file could not be checked for viruses just now – try again later';
export const INFECTED = 'The selected file contains a virus and has not been uploaded';
export const STORAGE_DOWN = 'The selected file could not be stored just now and has not been uploaded – try again later, and tell the service administrator if it happens again';

export interface AcceptServices {
	storage: Storage;
	scanner: Scanner;
	log: Logger;
}

/** Checks a spooled file and commits it under the organisation's content key. The spool file is gone afterwards, whatever the outcome. */
export async function acceptFile(services: AcceptServices, organisationId: string, rawName: string, spooled: Spooled): Promise<Checked> {
	let committed = false;
	try {
		const fileName = cleanFileName(rawName);
		const identified = await identifyFile(spooled.path, fileName);
		if (!identified.ok) return { ok: false, status: 415, message: identified.message };
		const { kind } = identified;
		let scan: NewRevision['scan'] = 'not_scanned';
		if (services.scanner.enabled) {
			try {
				const result = await services.scanner.scan(spooled.path);
				if (!result.clean) {
					services.log.warn({ organisationId, signature: result.signature, sha256: spooled.sha256 }, 'infected upload refused');
					return { ok: false, status: 422, message: INFECTED };
				}
				scan = 'clean';
			} catch (e) {
				if (!(e instanceof ScannerUnavailable)) throw e;
				services.log.error({ err: e }, 'virus scanner unavailable: upload refused');
				return { ok: false, status: 503, message: SCANNER_DOWN };
			}
		}
		const text = await checkDocumentText(spooled.path, kind, spooled.size);
		const key = storageKey(organisationId, spooled.sha256);
		try {
			await services.storage.commit(spooled.path, key);
		} catch (e) {
			// The disk full or unwritable, the object store refusing or away: nothing is recorded for a file not kept.
			services.log.error({ err: e, organisationId, sha256: spooled.sha256 }, 'evidence storage failed: upload refused');
			return { ok: false, status: 503, message: STORAGE_DOWN };
		}
		committed = true;
		return {
			ok: true,
			kindLabel: kind.label,
			file: { fileName, mediaType: kind.mediaType, size: spooled.size, sha256: spooled.sha256, storageKey: key, scan, text }
		};
	} finally {
		if (!committed) await fs.rm(spooled.path, { force: true });
	}
}
