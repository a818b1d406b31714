// Evidence made in tests without the upload route: files committed through the
// real storage, documents and revisions through evidence.ts, and submissions
// that cite them (a new version of a submission the demo already has, since
// submissions themselves are immutable).
import { createHash } from 'node:crypto';
import type { Queryable } from '../../src/lib/server/db';
import type { AuditContext } from '../../src/lib/server/audit-log';
import { addRevision, createDocument, getDocument } from '../../src/lib/server/evidence';
import { recordSubmissionEvidence } from '../../src/lib/server/evidence-links';
import { localRoot } from '../../src/lib/server/storage';
import { localStorage } from '../../src/lib/server/storage/local';
import { storageKey, type Storage } from '../../src/lib/server/storage/types';
import type { EvidenceFile, Snapshot } from '../../src/lib/domain/snapshot';
import { spool } from './evidence-files';

export interface MadeFile {
	title: string;
	fileName: string;
	mediaType: string;
	bytes: Uint8Array | string;
}

export interface MadeRevision {
	documentId: string;
	revisionId: string;
	revision: number;
	file: EvidenceFile;
}

async function ctxOf(db: Queryable, email: string): Promise<AuditContext> {
	const [user] = await db.query<{ id: string }>('select id from users where email = $1', [email]);
	return { actorId: user.id, actorEmail: email, ip: '127.0.0.1', userAgent: 'tests', requestId: null };
}

async function stored(storage: Storage, organisationId: string, made: MadeFile) {
	const bytes = typeof made.bytes === 'string' ? Buffer.from(made.bytes) : Buffer.from(made.bytes);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const key = storageKey(organisationId, sha256);
	await storage.commit(spool(bytes, made.fileName), key);
	return {
		fileName: made.fileName,
		mediaType: made.mediaType,
		size: bytes.length,
		sha256,
		storageKey: key,
		scan: 'not_scanned' as const,
		text: { status: 'not_text' as const }
	};
}

const fileOf = (made: MadeFile, ids: { documentId: string; revisionId: string; revision: number }, file: { size: number; sha256: string }): EvidenceFile => ({
	...ids,
	name: made.title,
	fileName: made.fileName,
	size: file.size,
	mediaType: made.mediaType,
	sha256: file.sha256
});

/** Evidence in one organisation's library, its file in `storage` (local storage in `dataDir` by default). */
export class EvidenceMaker {
	readonly storage: Storage;
	constructor(
		readonly db: Queryable,
		storage: Storage | string
	) {
		this.storage = typeof storage === 'string' ? localStorage(localRoot(storage)) : storage;
	}

	async document(organisationId: string, uploader: string, made: MadeFile): Promise<MadeRevision> {
		const file = await stored(this.storage, organisationId, made);
		const details = { title: made.title, description: '', documentDate: null, reviewBy: null };
		const ids = await createDocument(this.db, await ctxOf(this.db, uploader), organisationId, details, file);
		return { ...ids, revision: 1, file: fileOf(made, { ...ids, revision: 1 }, file) };
	}

	async revise(organisationId: string, uploader: string, documentId: string, made: MadeFile): Promise<MadeRevision> {
		const doc = (await getDocument(this.db, organisationId, documentId))!;
		const file = await stored(this.storage, organisationId, made);
		const result = await addRevision(this.db, await ctxOf(this.db, uploader), doc, file, doc.version);
		if (!result.ok) throw new Error(`revision refused: ${result.reason}`);
		const ids = { documentId, revisionId: result.revisionId, revision: result.revision };
		return { ...ids, file: fileOf(made, ids, file) };
	}
}

/**
 * A new version of an existing submission (same return, cycle and answers)
 * that cites `evidence`, recorded in submission_evidence as a real
 * submission's would be. Returns its id.
 */
export async function submissionCiting(db: Queryable, fromSubmissionId: string, evidence: Record<string, EvidenceFile[]>): Promise<string> {
	return db.transaction(async (tx) => {
		const [from] = await tx.query<{ snapshot: Snapshot; cycle_id: string; organisation_id: string }>(
			'select snapshot, cycle_id, organisation_id from submissions where id = $1',
			[fromSubmissionId]
		);
		const [row] = await tx.query<{ id: string }>(
			`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, submitted_by, late)
			 select return_id, cycle_id, organisation_id, partnership_id,
				(select max(version) + 1 from submissions where cycle_id = $2 and organisation_id = $3), $4::text::jsonb, submitted_by, late
			 from submissions where id = $1 returning id`,
			[fromSubmissionId, from.cycle_id, from.organisation_id, JSON.stringify({ ...from.snapshot, evidence })]
		);
		await recordSubmissionEvidence(tx, row.id, evidence);
		return row.id;
	});
}
