// Builders for the evidence library's tests: documents recorded straight
// through evidence.ts (their files in an in-memory storage), closed cycles and
// submissions that cite given revisions, without the upload route.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Queryable } from '../../src/lib/server/db';
import type { AuditContext } from '../../src/lib/server/audit-log';
import { createDocument, addRevision, getDocument, type NewRevision } from '../../src/lib/server/evidence';
import type { DocumentFinding } from '../../src/lib/server/evidence/document-text';
import { storageKey, StorageNotFound, type Storage } from '../../src/lib/server/storage/types';
import type { DocumentDetails } from '../../src/lib/domain/evidence';

/** A storage that keeps objects in a map: enough for what the library and the purge do with files. */
export function memoryStorage(): Storage & { objects: Map<string, Buffer> } {
	const objects = new Map<string, Buffer>();
	return {
		kind: 'local',
		objects,
		commit: async () => {
			throw new Error('not used by these tests');
		},
		exists: async (key) => objects.has(key),
		read: async (key) => {
			const bytes = objects.get(key);
			if (!bytes) throw new StorageNotFound(key);
			return Readable.from(bytes);
		},
		delete: async (key) => {
			objects.delete(key);
		},
		list: async function* () {
			for (const key of objects.keys()) yield { key, modifiedAt: new Date(0) };
		}
	};
}

/** A file as the upload pipeline would have stored it: `content` decides its SHA-256 (and so its storage key). */
export function storedFile(organisationId: string, content: string = randomUUID(), options: { findings?: DocumentFinding[]; mediaType?: string; storage?: ReturnType<typeof memoryStorage> } = {}): NewRevision {
	const sha256 = createHash('sha256').update(content).digest('hex');
	const key = storageKey(organisationId, sha256);
	options.storage?.objects.set(key, Buffer.from(content));
	return {
		fileName: `${content.slice(0, 40)}.pdf`,
		mediaType: options.mediaType ?? 'application/pdf',
		size: Buffer.byteLength(content),
		sha256,
		storageKey: key,
		scan: 'not_scanned',
		text: { status: 'checked', findings: options.findings ?? [] }
	};
}

export const details = (title: string, more: Partial<DocumentDetails> = {}): DocumentDetails => ({ title, description: '', documentDate: null, reviewBy: null, ...more });

/** A document with `revisions` files (the last one newest); returns its id and each revision's id, oldest first. */
export async function documentWith(db: Queryable, ctx: AuditContext, organisationId: string, title: string, files: NewRevision[]): Promise<{ documentId: string; revisionIds: string[] }> {
	const { documentId, revisionId } = await createDocument(db, ctx, organisationId, details(title), files[0]);
	const revisionIds = [revisionId];
	for (const file of files.slice(1)) {
		const doc = (await getDocument(db, organisationId, documentId))!;
		const added = await addRevision(db, ctx, doc, file, doc.version);
		if (!added.ok) throw new Error('could not add a revision');
		revisionIds.push(added.revisionId);
	}
	return { documentId, revisionIds };
}

/** A cycle of the partnership closed at `closedAt` (null: still open), with a submission from the return citing `revisionIds` for requirement 1.1. */
export async function submissionCiting(
	db: Queryable,
	where: { partnershipId: string; organisationId: string; returnId: string; templateId: string },
	closedAt: Date | null,
	revisionIds: string[]
): Promise<{ cycleId: string; submissionId: string }> {
	const [cycle] = await db.query<{ id: string }>(
		`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on, closed_at)
		 values ($1, $2, $3, array['1'], '2020-01-01', '2020-03-01', $4) returning id`,
		[where.partnershipId, where.templateId, `Retention test ${randomUUID().slice(0, 8)}`, closedAt]
	);
	const [submission] = await db.query<{ id: string }>(
		`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late)
		 values ($1, $2, $3, $4, 1, $5, false) returning id`,
		[where.returnId, cycle.id, where.organisationId, where.partnershipId, {}]
	);
	for (const id of revisionIds) await db.query(`insert into submission_evidence (submission_id, requirement_code, revision_id) values ($1, '1.1', $2)`, [submission.id, id]);
	return { cycleId: cycle.id, submissionId: submission.id };
}

/** `n` documents with one revision each, in one statement: titles "Document 1" to "Document n", every tenth overdue for review, every 25th flagged. */
export async function seedManyDocuments(db: Queryable, organisationId: string, n: number): Promise<void> {
	await db.query(
		`insert into evidence_documents (organisation_id, title, review_by, created_at)
		 select $1, 'Document ' || i, case when i % 10 = 0 then date '2020-01-01' end, timestamptz '2025-01-01' + i * interval '1 minute'
		 from generate_series(1, $2::int) i`,
		[organisationId, n]
	);
	await db.query(
		`insert into evidence_revisions (document_id, revision, file_name, media_type, size_bytes, sha256, storage_key, scan, text_check, findings)
		 select d.id, 1, d.title || '.pdf', case when n % 3 = 0 then 'text/plain' else 'application/pdf' end, 1000 + n, md5(d.id::text) || md5(d.title),
			$1 || '/' || md5(d.id::text) || md5(d.title), 'not_scanned', 'checked',
			case when n % 25 = 0 then '[{"where":"page 1","kind":"nhs-number","excerpt":"943 *** ****","message":"An NHS number"}]'::jsonb else '[]'::jsonb end
		 from (select id, title, substring(title from 10)::int as n from evidence_documents where organisation_id = $1) d`,
		[organisationId]
	);
}
