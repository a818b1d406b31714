// How long a partnership keeps the evidence of submissions made to it after a
// cycle closes, and the purge that deletes files nothing may open any more.
// Rows stay (purged_at set) so every submission can still say what it cited.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { Storage } from './storage/types';

export async function getRetention(db: Queryable, partnershipId: string): Promise<number | null> {
	const [row] = await db.query<{ months: number | null }>('select evidence_retention_months as months from partnerships where id = $1', [partnershipId]);
	return row?.months ?? null;
}

/** Sets (whole months) or clears (null: keep forever) the partnership's retention period. */
export async function setRetention(db: Queryable, ctx: AuditContext, partnershipId: string, months: number | null): Promise<void> {
	await db.transaction(async (tx) => {
		const [before] = await tx.query<{ months: number | null }>(
			'select evidence_retention_months as months from partnerships where id = $1 for update',
			[partnershipId]
		);
		if (before.months === months) return;
		await tx.query('update partnerships set evidence_retention_months = $2 where id = $1', [partnershipId, months]);
		await recordAudit(tx, ctx, {
			action: 'partnership.evidence_retention',
			partnershipId,
			subjectType: 'partnership',
			subjectId: partnershipId,
			detail: { from: before.months, to: months }
		});
	});
}

export type PurgeReason = 'retention_expired' | 'removed_never_submitted';

export interface PurgedRevision {
	revisionId: string;
	documentId: string;
	organisationId: string;
	revision: number;
	partnershipIds: string[];
	reason: PurgeReason;
	/** Whether the stored object went too (not when another revision still names it). */
	fileDeleted: boolean;
}

type Candidate = { id: string; document_id: string; organisation_id: string; revision: number; storage_key: string; removed: boolean; partnership_ids: string[] };

/** A submission still protects a revision while its partnership keeps evidence forever, its cycle is open, or the period has not run out. */
const UNEXPIRED_SUBMISSION = `exists (select 1 from submission_evidence se join submissions s on s.id = se.submission_id
	join cycles c on c.id = s.cycle_id join partnerships p on p.id = s.partnership_id
	where se.revision_id = v.id and (p.evidence_retention_months is null or c.closed_at is null
		or c.closed_at > $1::timestamptz - make_interval(months => p.evidence_retention_months)))`;
/**
 * An answer to a challenge protects what it cites while the challenge is being
 * decided, and after it is accepted or closed for the partnership's period
 * (from its last step), or for ever when the partnership keeps evidence for ever.
 */
const UNEXPIRED_CHALLENGE = `exists (select 1 from challenge_step_evidence ce join challenge_steps st on st.id = ce.step_id
	join challenges ch on ch.id = st.challenge_id join partnerships p on p.id = ch.partnership_id
	where ce.revision_id = v.id and (p.evidence_retention_months is null or ch.status not in ('accepted', 'closed')
		or ch.updated_at > $1::timestamptz - make_interval(months => p.evidence_retention_months)))`;
const ANY_SUBMISSION = 'exists (select 1 from submission_evidence se where se.revision_id = v.id)';
const NEWEST = 'v.revision = (select max(w.revision) from evidence_revisions w where w.document_id = v.document_id)';

/**
 * Deletes the files of revisions that nothing may open any more: not the
 * newest revision of a document in use, cited by no live return, and either
 * cited only by submissions whose partnership's retention period has run out
 * since their cycle closed, or a removed document no submission ever cited;
 * and cited by no answer to a challenge still kept (UNEXPIRED_CHALLENGE).
 * Several instances may run it at once: each revision is claimed with a row
 * lock (skip locked), marked purged, audit-logged, and only then its object
 * deleted, unless another unpurged revision names the same object. A delete
 * that fails leaves a file without a record, which the start-up sweep removes.
 */
export async function purgeEvidence(db: Queryable, storage: Storage, ctx: AuditContext, now: Date, batch = 200): Promise<PurgedRevision[]> {
	const purged: PurgedRevision[] = [];
	for (;;) {
		const claimed = await db.transaction(async (tx) => {
			const rows = await tx.query<Candidate>(
				`select v.id, v.document_id, d.organisation_id, v.revision, v.storage_key, d.removed_at is not null as removed,
					array(select distinct s.partnership_id::text from submission_evidence se join submissions s on s.id = se.submission_id
						where se.revision_id = v.id order by 1) as partnership_ids
				 from evidence_revisions v join evidence_documents d on d.id = v.document_id
				 where v.purged_at is null
				   and not (d.removed_at is null and ${NEWEST})
				   and not (${NEWEST} and exists (select 1 from evidence_links l where l.document_id = v.document_id))
				   and not ${UNEXPIRED_SUBMISSION}
				   and not ${UNEXPIRED_CHALLENGE}
				   and (${ANY_SUBMISSION} or d.removed_at is not null)
				 order by v.uploaded_at, v.id limit ${batch}
				 for update of v skip locked`,
				[now]
			);
			for (const r of rows) {
				await tx.query('update evidence_revisions set purged_at = $2 where id = $1', [r.id, now]);
				const reason: PurgeReason = r.partnership_ids.length ? 'retention_expired' : 'removed_never_submitted';
				await recordAudit(tx, ctx, {
					action: 'evidence.purge',
					organisationId: r.organisation_id,
					partnershipId: r.partnership_ids.length === 1 ? r.partnership_ids[0] : null,
					subjectType: 'evidence_revision',
					subjectId: r.id,
					detail: { document: r.document_id, revision: r.revision, partnerships: r.partnership_ids, reason }
				});
			}
			return rows;
		});
		for (const r of claimed) {
			const stillNamed = (await db.query('select 1 from evidence_revisions where storage_key = $1 and purged_at is null limit 1', [r.storage_key])).length > 0;
			const fileDeleted = !stillNamed && (await storage.delete(r.storage_key).then(() => true, () => false));
			purged.push({
				revisionId: r.id,
				documentId: r.document_id,
				organisationId: r.organisation_id,
				revision: r.revision,
				partnershipIds: r.partnership_ids,
				reason: r.partnership_ids.length ? 'retention_expired' : 'removed_never_submitted',
				fileDeleted
			});
		}
		if (claimed.length < batch) return purged;
	}
}
