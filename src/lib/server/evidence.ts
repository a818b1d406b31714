// An organisation's evidence library: documents, their revisions, and where
// each is cited. Files are written by evidence/upload.ts before a row names
// them; this module only ever records files already safely stored.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { DocumentFinding, TextCheck } from './evidence/document-text';
import { dueSoonUntil, LIBRARY_PAGE_SIZE, type DocumentDetails, type LibraryFilter } from '../domain/evidence';

export interface EvidenceRevision {
	id: string;
	documentId: string;
	revision: number;
	fileName: string;
	mediaType: string;
	size: number;
	sha256: string;
	storageKey: string;
	scan: 'clean' | 'not_scanned';
	textCheck: TextCheck['status'];
	findings: DocumentFinding[];
	uploadedByName: string | null;
	uploadedAt: Date;
	purgedAt: Date | null;
}

export interface EvidenceDocument extends DocumentDetails {
	id: string;
	organisationId: string;
	createdAt: Date;
	updatedAt: Date;
	removedAt: Date | null;
	version: number;
	current: EvidenceRevision;
}

/** What a stored file adds to the library: everything about it but who and when. */
export interface NewRevision {
	fileName: string;
	mediaType: string;
	size: number;
	sha256: string;
	storageKey: string;
	scan: EvidenceRevision['scan'];
	text: TextCheck;
}

type RevisionRow = {
	id: string;
	document_id: string;
	revision: number;
	file_name: string;
	media_type: string;
	size_bytes: number;
	sha256: string;
	storage_key: string;
	scan: EvidenceRevision['scan'];
	text_check: TextCheck['status'];
	findings: DocumentFinding[];
	uploaded_by_name: string | null;
	uploaded_at: Date;
	purged_at: Date | null;
};

export const toRevision = (r: RevisionRow): EvidenceRevision => ({
	id: r.id,
	documentId: r.document_id,
	revision: r.revision,
	fileName: r.file_name,
	mediaType: r.media_type,
	size: Number(r.size_bytes),
	sha256: r.sha256,
	storageKey: r.storage_key,
	scan: r.scan,
	textCheck: r.text_check,
	findings: r.findings ?? [],
	uploadedByName: r.uploaded_by_name,
	uploadedAt: r.uploaded_at,
	purgedAt: r.purged_at
});

export const REVISION_COLUMNS = `v.id, v.document_id, v.revision, v.file_name, v.media_type, v.size_bytes, v.sha256, v.storage_key, v.scan,
	v.text_check, v.findings, v.uploaded_at, v.purged_at, (select u.name from users u where u.id = v.uploaded_by) as uploaded_by_name`;

type DocumentRow = {
	id: string;
	organisation_id: string;
	title: string;
	description: string;
	document_date: string | null;
	review_by: string | null;
	created_at: Date;
	updated_at: Date;
	removed_at: Date | null;
	version: number;
	current: RevisionRow;
};

const toDocument = (r: DocumentRow): EvidenceDocument => ({
	id: r.id,
	organisationId: r.organisation_id,
	title: r.title,
	description: r.description,
	documentDate: r.document_date,
	reviewBy: r.review_by,
	createdAt: r.created_at,
	updatedAt: r.updated_at,
	removedAt: r.removed_at,
	version: r.version,
	current: toRevision(r.current)
});

/** A document with its newest revision: `d` is evidence_documents, the row comes back as DocumentRow. */
const DOCUMENT_SELECT = `select d.*, (select row_to_json(x) from (select ${REVISION_COLUMNS} from evidence_revisions v
	where v.document_id = d.id order by v.revision desc limit 1) x) as current from evidence_documents d`;

export async function getDocument(db: Queryable, organisationId: string, documentId: string): Promise<EvidenceDocument | null> {
	const rows = await db.query<DocumentRow>(`${DOCUMENT_SELECT} where d.id = $1 and d.organisation_id = $2`, [documentId, organisationId]);
	return rows[0] ? normaliseDates(toDocument(rows[0])) : null;
}

/** row_to_json gives timestamps as strings: make them dates like every other row. */
function normaliseDates(d: EvidenceDocument): EvidenceDocument {
	const date = (v: Date | string | null) => (v === null ? null : new Date(v));
	d.current.uploadedAt = date(d.current.uploadedAt)!;
	d.current.purgedAt = date(d.current.purgedAt);
	return d;
}

export async function listRevisions(db: Queryable, documentId: string): Promise<EvidenceRevision[]> {
	const rows = await db.query<RevisionRow>(`select ${REVISION_COLUMNS} from evidence_revisions v where v.document_id = $1 order by v.revision desc`, [documentId]);
	return rows.map(toRevision);
}

export interface LibraryPage {
	documents: (EvidenceDocument & { citations: number })[];
	total: number;
	pageSize: number;
	/** The types in the library, for the filter. */
	types: { mediaType: string; count: number }[];
}

/** One page of the library, newest first, with the filters applied. Removed documents are not listed. */
export async function listLibrary(db: Queryable, organisationId: string, filter: LibraryFilter, today: string): Promise<LibraryPage> {
	const where = ['d.organisation_id = $1', 'd.removed_at is null'];
	const params: unknown[] = [organisationId];
	const add = (clause: string, value: unknown) => {
		params.push(value);
		where.push(clause.replaceAll('$?', `$${params.length}`));
	};
	if (filter.q) add(`strpos(lower(d.title), lower($?)) > 0`, filter.q);
	if (filter.flag === 'overdue') add('d.review_by < $?', today);
	if (filter.flag === 'due_soon') {
		add('d.review_by >= $?', today);
		add('d.review_by <= $?', dueSoonUntil(today));
	}
	// The newest revision through its (document_id, revision) index, one document at a time: the work grows with this library, not the installation.
	if (filter.flag === 'flagged') where.push(`(select jsonb_array_length(v.findings) from evidence_revisions v where v.document_id = d.id order by v.revision desc limit 1) > 0`);
	if (filter.type) add(`(select v.media_type from evidence_revisions v where v.document_id = d.id order by v.revision desc limit 1) = $?`, filter.type);
	if (filter.requirement) add('exists (select 1 from evidence_links l where l.document_id = d.id and l.requirement_code = $?)', filter.requirement);
	const clause = where.join(' and ');
	const offset = (filter.page - 1) * LIBRARY_PAGE_SIZE;
	const [rows, [{ total }], types] = await Promise.all([
		db.query<DocumentRow & { citations: number }>(
			`select * from (${DOCUMENT_SELECT} where ${clause} order by d.created_at desc, d.id limit ${LIBRARY_PAGE_SIZE} offset ${offset}) d,
				lateral (select count(*)::int as citations from evidence_links l where l.document_id = d.id) c`,
			params
		),
		db.query<{ total: number }>(`select count(*)::int as total from evidence_documents d where ${clause}`, params),
		db.query<{ media_type: string; count: number }>(
			`select v.media_type, count(*)::int as count from evidence_documents d
			 join lateral (select w.media_type from evidence_revisions w where w.document_id = d.id order by w.revision desc limit 1) v on true
			 where d.organisation_id = $1 and d.removed_at is null group by v.media_type order by v.media_type`,
			[organisationId]
		)
	]);
	return {
		documents: rows.map((r) => ({ ...normaliseDates(toDocument(r)), citations: r.citations })),
		total,
		pageSize: LIBRARY_PAGE_SIZE,
		types: types.map((t) => ({ mediaType: t.media_type, count: t.count }))
	};
}

async function insertRevision(tx: Queryable, ctx: AuditContext, documentId: string, revision: number, file: NewRevision): Promise<string> {
	const findings = file.text.status === 'checked' ? file.text.findings : [];
	const [row] = await tx.query<{ id: string }>(
		`insert into evidence_revisions (document_id, revision, file_name, media_type, size_bytes, sha256, storage_key, scan, text_check, findings, uploaded_by)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11) returning id`,
		[documentId, revision, file.fileName, file.mediaType, file.size, file.sha256, file.storageKey, file.scan, file.text.status, JSON.stringify(findings), ctx.actorId]
	);
	return row.id;
}

/** A new document in the library with its first revision. */
export async function createDocument(db: Queryable, ctx: AuditContext, organisationId: string, details: DocumentDetails, file: NewRevision): Promise<{ documentId: string; revisionId: string }> {
	return db.transaction(async (tx) => {
		const [doc] = await tx.query<{ id: string }>(
			`insert into evidence_documents (organisation_id, title, description, document_date, review_by, created_by)
			 values ($1, $2, $3, $4, $5, $6) returning id`,
			[organisationId, details.title, details.description, details.documentDate, details.reviewBy, ctx.actorId]
		);
		const revisionId = await insertRevision(tx, ctx, doc.id, 1, file);
		await recordAudit(tx, ctx, {
			action: 'evidence.upload',
			organisationId,
			subjectType: 'evidence_document',
			subjectId: doc.id,
			detail: { revision: 1, revisionId, fileName: file.fileName, size: file.size, sha256: file.sha256, scan: file.scan, findings: file.text.status === 'checked' ? file.text.findings.length : null }
		});
		return { documentId: doc.id, revisionId };
	});
}

export type Versioned<T = object> = ({ ok: true } & T) | { ok: false; reason: 'stale' | 'removed' };

/** A new revision of a document: live returns cite it from now on; submissions keep theirs. */
export async function addRevision(db: Queryable, ctx: AuditContext, doc: EvidenceDocument, file: NewRevision, expectedVersion: number): Promise<Versioned<{ revisionId: string; revision: number }>> {
	return db.transaction(async (tx) => {
		const bumped = await tx.query<{ id: string }>(
			`update evidence_documents set version = version + 1, updated_at = now() where id = $1 and version = $2 and removed_at is null returning id`,
			[doc.id, expectedVersion]
		);
		if (!bumped.length) return { ok: false, reason: doc.removedAt ? 'removed' : 'stale' } as const;
		const [{ next }] = await tx.query<{ next: number }>('select coalesce(max(revision), 0) + 1 as next from evidence_revisions where document_id = $1', [doc.id]);
		const revisionId = await insertRevision(tx, ctx, doc.id, next, file);
		await recordAudit(tx, ctx, {
			action: 'evidence.revise',
			organisationId: doc.organisationId,
			subjectType: 'evidence_document',
			subjectId: doc.id,
			detail: { revision: next, revisionId, fileName: file.fileName, size: file.size, sha256: file.sha256, scan: file.scan }
		});
		return { ok: true, revisionId, revision: next } as const;
	});
}

export async function updateDetails(db: Queryable, ctx: AuditContext, doc: EvidenceDocument, details: DocumentDetails, expectedVersion: number): Promise<Versioned> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update evidence_documents set title = $3, description = $4, document_date = $5, review_by = $6, version = version + 1, updated_at = now()
			 where id = $1 and version = $2 and removed_at is null returning id`,
			[doc.id, expectedVersion, details.title, details.description, details.documentDate, details.reviewBy]
		);
		if (!rows.length) return { ok: false, reason: doc.removedAt ? 'removed' : 'stale' } as const;
		await recordAudit(tx, ctx, { action: 'evidence.update', organisationId: doc.organisationId, subjectType: 'evidence_document', subjectId: doc.id, detail: { title: details.title } });
		return { ok: true } as const;
	});
}

/**
 * Hides a document from new use and takes it off every live return (each
 * requirement's evidence version moves on). Submissions keep citing it.
 */
export async function removeDocument(db: Queryable, ctx: AuditContext, doc: EvidenceDocument, expectedVersion: number): Promise<Versioned<{ unlinked: number }>> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update evidence_documents set removed_at = now(), removed_by = $3, version = version + 1, updated_at = now()
			 where id = $1 and version = $2 and removed_at is null returning id`,
			[doc.id, expectedVersion, ctx.actorId]
		);
		if (!rows.length) return { ok: false, reason: doc.removedAt ? 'removed' : 'stale' } as const;
		const links = await tx.query<{ return_id: string; requirement_code: string }>('delete from evidence_links where document_id = $1 returning return_id, requirement_code', [doc.id]);
		for (const l of links) {
			await tx.query('update evidence_sets set version = version + 1 where return_id = $1 and requirement_code = $2', [l.return_id, l.requirement_code]);
		}
		await recordAudit(tx, ctx, { action: 'evidence.remove', organisationId: doc.organisationId, subjectType: 'evidence_document', subjectId: doc.id, detail: { unlinked: links.length } });
		return { ok: true, unlinked: links.length } as const;
	});
}

/** Bytes the organisation's evidence takes: each stored file once, however many revisions name it. */
export async function quotaUsed(db: Queryable, organisationId: string): Promise<number> {
	const [row] = await db.query<{ used: number | string | null }>(
		`select sum(size) as used from (select distinct v.storage_key, v.size_bytes as size from evidence_revisions v
			join evidence_documents d on d.id = v.document_id where d.organisation_id = $1 and v.purged_at is null) x`,
		[organisationId]
	);
	return Number(row?.used ?? 0);
}
