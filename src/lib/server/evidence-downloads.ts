// Which stored revision a download may open: one of an organisation's own
// documents, or exactly a revision a submission recorded (submission_evidence).
// A revision id from anywhere else is simply not found.
import type { Queryable } from './db';
import { REVISION_COLUMNS, toRevision, type EvidenceRevision } from './evidence';

type Row = Parameters<typeof toRevision>[0];

/** A revision of one of the organisation's documents, by its number. */
export async function documentRevision(db: Queryable, organisationId: string, documentId: string, revision: number): Promise<EvidenceRevision | null> {
	const rows = await db.query<Row>(
		`select ${REVISION_COLUMNS} from evidence_revisions v join evidence_documents d on d.id = v.document_id
		 where d.organisation_id = $1 and v.document_id = $2 and v.revision = $3`,
		[organisationId, documentId, revision]
	);
	return rows[0] ? toRevision(rows[0]) : null;
}

/** A revision the submission cites, or null when it cites no such revision. */
export async function submissionRevision(db: Queryable, submissionId: string, revisionId: string): Promise<EvidenceRevision | null> {
	const rows = await db.query<Row>(
		`select ${REVISION_COLUMNS} from evidence_revisions v
		 where v.id = $2 and exists (select 1 from submission_evidence s where s.submission_id = $1 and s.revision_id = v.id)`,
		[submissionId, revisionId]
	);
	return rows[0] ? toRevision(rows[0]) : null;
}

/** Where each revision the submission cites is stored, by revision id; a purged one has no key. */
export async function submissionFiles(db: Queryable, submissionId: string): Promise<Map<string, { storageKey: string | null }>> {
	const rows = await db.query<{ id: string; storage_key: string; purged_at: Date | null }>(
		`select distinct v.id, v.storage_key, v.purged_at from submission_evidence s join evidence_revisions v on v.id = s.revision_id where s.submission_id = $1`,
		[submissionId]
	);
	return new Map(rows.map((r) => [r.id, { storageKey: r.purged_at ? null : r.storage_key }]));
}
