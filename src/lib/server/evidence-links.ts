// Evidence cited by the requirements of a live return, and by submissions.
// A live return always cites a document's newest revision; a submission
// records the exact revision it was sent with (submission_evidence).
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { EvidenceFile } from '../domain/snapshot';

export interface CitedDocument {
	documentId: string;
	title: string;
	revisionId: string;
	revision: number;
	fileName: string;
	mediaType: string;
	size: number;
	sha256: string;
	/** Personal-data findings in its newest revision. */
	findings: number;
}

export interface RequirementEvidence {
	/** 0 before anything was ever cited for the requirement. */
	version: number;
	documents: CitedDocument[];
}

type CitedRow = {
	requirement_code: string;
	document_id: string;
	title: string;
	revision_id: string;
	revision: number;
	file_name: string;
	media_type: string;
	size_bytes: number;
	sha256: string;
	findings: number;
};

/** Every requirement's evidence on a live return (a requirement with none may be absent). */
export async function listReturnEvidence(db: Queryable, returnId: string): Promise<Map<string, RequirementEvidence>> {
	const [sets, rows] = await Promise.all([
		db.query<{ requirement_code: string; version: number }>('select requirement_code, version from evidence_sets where return_id = $1', [returnId]),
		db.query<CitedRow>(
			`select l.requirement_code, d.id as document_id, d.title, v.id as revision_id, v.revision, v.file_name, v.media_type, v.size_bytes, v.sha256,
				jsonb_array_length(v.findings) as findings
			 from evidence_links l join evidence_documents d on d.id = l.document_id
			 join lateral (select * from evidence_revisions w where w.document_id = d.id order by w.revision desc limit 1) v on true
			 where l.return_id = $1 order by l.requirement_code, lower(d.title), d.id`,
			[returnId]
		)
	]);
	const result = new Map<string, RequirementEvidence>(sets.map((s) => [s.requirement_code, { version: s.version, documents: [] }]));
	for (const r of rows) {
		result.get(r.requirement_code)?.documents.push({
			documentId: r.document_id,
			title: r.title,
			revisionId: r.revision_id,
			revision: r.revision,
			fileName: r.file_name,
			mediaType: r.media_type,
			size: Number(r.size_bytes),
			sha256: r.sha256,
			findings: r.findings
		});
	}
	return result;
}

/** How many documents each requirement cites: what completion's evidence rules count. */
export async function evidenceCounts(db: Queryable, returnId: string): Promise<Record<string, number>> {
	const rows = await db.query<{ requirement_code: string; n: number }>(
		'select requirement_code, count(*)::int as n from evidence_links where return_id = $1 group by requirement_code',
		[returnId]
	);
	return Object.fromEntries(rows.map((r) => [r.requirement_code, r.n]));
}

export type LinkOutcome = { ok: true; version: number } | { ok: false; reason: 'stale'; current: RequirementEvidence } | { ok: false; reason: 'not_in_library' };

type Ret = { id: string; organisationId: string };

/** Moves a requirement's evidence version on, if it is still `expected` (null: whatever it is). */
async function bump(tx: Queryable, ret: Ret, code: string, expected: number | null): Promise<number | null> {
	await tx.query('insert into evidence_sets (return_id, requirement_code, version) values ($1, $2, 0) on conflict do nothing', [ret.id, code]);
	const rows = await tx.query<{ version: number }>(
		`update evidence_sets set version = version + 1 where return_id = $1 and requirement_code = $2 and ($3::int is null or version = $3::int) returning version`,
		[ret.id, code, expected]
	);
	return rows[0]?.version ?? null;
}

async function staleOutcome(tx: Queryable, ret: Ret, code: string): Promise<LinkOutcome> {
	const current = (await listReturnEvidence(tx, ret.id)).get(code) ?? { version: 0, documents: [] };
	return { ok: false, reason: 'stale', current };
}

/**
 * Cites library documents for a requirement. `expected` is the evidence
 * version the page showed; null when an upload adds its own new documents,
 * which overwrites nothing. Documents already cited are left as they are.
 */
export async function linkDocuments(db: Queryable, ctx: AuditContext, ret: Ret, code: string, documentIds: readonly string[], expected: number | null): Promise<LinkOutcome> {
	return db.transaction(async (tx) => {
		const ids = [...new Set(documentIds)];
		const usable = await tx.query<{ id: string }>(
			'select id from evidence_documents where organisation_id = $1 and removed_at is null and id = any($2::uuid[])',
			[ret.organisationId, ids]
		);
		if (usable.length !== ids.length) return { ok: false, reason: 'not_in_library' } as const;
		const version = await bump(tx, ret, code, expected);
		if (version === null) return staleOutcome(tx, ret, code);
		const added = await tx.query<{ document_id: string }>(
			`insert into evidence_links (return_id, requirement_code, document_id, linked_by)
			 select $1, $2, unnest($3::uuid[]), $4 on conflict do nothing returning document_id`,
			[ret.id, code, ids, ctx.actorId]
		);
		for (const a of added) {
			await recordAudit(tx, ctx, { action: 'evidence.link', organisationId: ret.organisationId, subjectType: 'return', subjectId: ret.id, detail: { requirement: code, document: a.document_id } });
		}
		return { ok: true, version } as const;
	});
}

/** Stops citing a document for a requirement, if the evidence is still as the page showed it. */
export async function unlinkDocument(db: Queryable, ctx: AuditContext, ret: Ret, code: string, documentId: string, expected: number): Promise<LinkOutcome> {
	return db.transaction(async (tx) => {
		const version = await bump(tx, ret, code, expected);
		if (version === null) return staleOutcome(tx, ret, code);
		const removed = await tx.query('delete from evidence_links where return_id = $1 and requirement_code = $2 and document_id = $3 returning document_id', [ret.id, code, documentId]);
		if (removed.length) {
			await recordAudit(tx, ctx, { action: 'evidence.unlink', organisationId: ret.organisationId, subjectType: 'return', subjectId: ret.id, detail: { requirement: code, document: documentId } });
		}
		return { ok: true, version } as const;
	});
}

/** What a submission freezes: each requirement's cited revisions, by requirement code. */
export async function evidenceToFreeze(db: Queryable, returnId: string, codes: ReadonlySet<string>): Promise<Record<string, EvidenceFile[]>> {
	const evidence: Record<string, EvidenceFile[]> = {};
	for (const [code, set] of await listReturnEvidence(db, returnId)) {
		if (!codes.has(code) || !set.documents.length) continue;
		evidence[code] = set.documents.map((d) => ({
			documentId: d.documentId,
			revisionId: d.revisionId,
			revision: d.revision,
			name: d.title,
			fileName: d.fileName,
			size: d.size,
			mediaType: d.mediaType,
			sha256: d.sha256
		}));
	}
	return evidence;
}

/** Records exactly which revisions a new submission cites: what its readers may open. */
export async function recordSubmissionEvidence(tx: Queryable, submissionId: string, evidence: Record<string, EvidenceFile[]>): Promise<void> {
	for (const [code, files] of Object.entries(evidence)) {
		for (const f of files) {
			await tx.query('insert into submission_evidence (submission_id, requirement_code, revision_id) values ($1, $2, $3) on conflict do nothing', [submissionId, code, f.revisionId]);
		}
	}
}

/** The canonical form of a return's citations, for its fingerprint: empty when it cites nothing. */
export async function citationsFingerprint(db: Queryable, returnId: string): Promise<[string, string, string][]> {
	const rows = await db.query<{ requirement_code: string; document_id: string; sha256: string }>(
		`select l.requirement_code, l.document_id, (select v.sha256 from evidence_revisions v where v.document_id = l.document_id order by v.revision desc limit 1) as sha256
		 from evidence_links l where l.return_id = $1 order by l.requirement_code, l.document_id`,
		[returnId]
	);
	return rows.map((r) => [r.requirement_code, r.document_id, r.sha256]);
}
