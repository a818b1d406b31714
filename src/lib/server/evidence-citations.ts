// Where a library document is cited: by requirements of the organisation's
// live returns (always its newest revision), and by submissions (each the exact
// revision it was sent with). The document page lists both; removal and the
// retention purge depend on the second.
import type { Queryable } from './db';

export interface LiveCitation {
	returnId: string;
	templateTitle: string;
	templateVersion: number;
	requirementCode: string;
	/** The standard the requirement belongs to, for a link to its page. */
	standardCode: string | null;
}

export interface SubmissionCitation {
	submissionId: string;
	cycleTitle: string;
	partnershipName: string;
	version: number;
	submittedAt: Date;
	requirementCode: string;
	revision: number;
}

export interface Citations {
	live: LiveCitation[];
	submissions: SubmissionCitation[];
}

export async function whereCited(db: Queryable, documentId: string): Promise<Citations> {
	const [live, submissions] = await Promise.all([
		db.query<{ return_id: string; title: string; version: number; requirement_code: string; standard_code: string | null }>(
			`select l.return_id, t.title, t.version, l.requirement_code,
				(select s->>'code' from jsonb_array_elements(t.definition->'standards') s, jsonb_array_elements(s->'requirements') q
				 where q->>'code' = l.requirement_code limit 1) as standard_code
			 from evidence_links l join returns r on r.id = l.return_id join templates t on t.id = r.template_id
			 where l.document_id = $1 order by lower(t.title), t.version, l.requirement_code`,
			[documentId]
		),
		db.query<{ id: string; cycle_title: string; partnership_name: string; version: number; submitted_at: Date; requirement_code: string; revision: number }>(
			`select s.id, c.title as cycle_title, p.name as partnership_name, s.version, s.submitted_at, se.requirement_code, v.revision
			 from evidence_revisions v join submission_evidence se on se.revision_id = v.id
			 join submissions s on s.id = se.submission_id join cycles c on c.id = s.cycle_id join partnerships p on p.id = s.partnership_id
			 where v.document_id = $1 order by s.submitted_at desc, s.id, se.requirement_code`,
			[documentId]
		)
	]);
	return {
		live: live.map((r) => ({ returnId: r.return_id, templateTitle: r.title, templateVersion: r.version, requirementCode: r.requirement_code, standardCode: r.standard_code })),
		submissions: submissions.map((r) => ({
			submissionId: r.id,
			cycleTitle: r.cycle_title,
			partnershipName: r.partnership_name,
			version: r.version,
			submittedAt: r.submitted_at,
			requirementCode: r.requirement_code,
			revision: r.revision
		}))
	};
}

/** How many submissions cite any revision of the document: what keeps a removed document. */
export async function submissionsCiting(db: Queryable, documentId: string): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`select count(distinct se.submission_id)::int as n from submission_evidence se
		 join evidence_revisions v on v.id = se.revision_id where v.document_id = $1`,
		[documentId]
	);
	return row.n;
}

/**
 * Documents in the library whose newest revision the personal-data check
 * flagged: all of them, or (`uploadedBy`) only those whose newest revision that
 * person uploaded.
 */
export async function flaggedDocuments(db: Queryable, organisationId: string, uploadedBy: string | null = null): Promise<number> {
	const [row] = await db.query<{ n: number }>(
		`select count(*)::int as n from evidence_documents d
		 join lateral (select w.findings, w.uploaded_by from evidence_revisions w where w.document_id = d.id order by w.revision desc limit 1) v on true
		 where d.organisation_id = $1 and d.removed_at is null and jsonb_array_length(v.findings) > 0 and ($2::uuid is null or v.uploaded_by = $2::uuid)`,
		[organisationId, uploadedBy]
	);
	return row.n;
}

/** The requirement codes the organisation's live returns cite library documents for: the library's filter. */
export async function citedRequirements(db: Queryable, organisationId: string): Promise<string[]> {
	const rows = await db.query<{ code: string }>(
		`select distinct l.requirement_code as code from evidence_links l join returns r on r.id = l.return_id where r.organisation_id = $1`,
		[organisationId]
	);
	return rows.map((r) => r.code).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
