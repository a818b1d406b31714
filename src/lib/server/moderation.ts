// Moderation of what an organisation submitted to a cycle: reading it, and
// saving its drafts (a standard's moderated grade, the review criteria), each
// versioned so a stale write is refused with what is stored now. The steps
// between states and assignment are in moderation-steps.ts.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { Criteria, ModerationState, StandardModeration } from '../domain/moderation';

export interface StoredStandard extends StandardModeration {
	basedOnSubmissionId: string | null;
	agreedGrade: string | null;
	agreedRationale: string;
	agreedSource: 'chair' | 'challenge_event' | null;
	agreedAt: Date | null;
	updatedAt: Date;
	updatedBy: string | null;
	version: number;
}

export interface Moderation {
	id: string;
	cycleId: string;
	organisationId: string;
	partnershipId: string;
	submissionId: string;
	state: ModerationState;
	moderatorId: string | null;
	moderatorName: string | null;
	criteria: Criteria;
	summary: string;
	reviewVersion: number;
	reviewUpdatedAt: Date | null;
	stateChangedAt: Date;
	version: number;
	standards: Map<string, StoredStandard>;
}

type ModerationRow = {
	id: string;
	cycle_id: string;
	organisation_id: string;
	partnership_id: string;
	submission_id: string;
	state: ModerationState;
	moderator_id: string | null;
	moderator_name: string | null;
	criteria: Criteria;
	summary: string;
	review_version: number;
	review_updated_at: Date | null;
	state_changed_at: Date;
	version: number;
};

type StandardRow = {
	standard_code: string;
	grade: string | null;
	rationale: string;
	requirement_grades: StandardModeration['requirementGrades'];
	change_request: string;
	based_on_submission_id: string | null;
	agreed_grade: string | null;
	agreed_rationale: string;
	agreed_source: StoredStandard['agreedSource'];
	agreed_at: Date | null;
	updated_at: Date;
	updated_by: string | null;
	version: number;
};

export const toStandard = (r: StandardRow): StoredStandard => ({
	code: r.standard_code,
	grade: r.grade,
	rationale: r.rationale,
	requirementGrades: r.requirement_grades,
	changeRequest: r.change_request,
	basedOnSubmissionId: r.based_on_submission_id,
	agreedGrade: r.agreed_grade,
	agreedRationale: r.agreed_rationale,
	agreedSource: r.agreed_source,
	agreedAt: r.agreed_at,
	updatedAt: r.updated_at,
	updatedBy: r.updated_by,
	version: r.version
});

const SELECT = `select m.*, u.name as moderator_name from moderations m left join users u on u.id = m.moderator_id`;

async function withStandards(db: Queryable, row: ModerationRow | undefined): Promise<Moderation | null> {
	if (!row) return null;
	const standards = await db.query<StandardRow>('select * from moderation_standards where moderation_id = $1', [row.id]);
	return {
		id: row.id,
		cycleId: row.cycle_id,
		organisationId: row.organisation_id,
		partnershipId: row.partnership_id,
		submissionId: row.submission_id,
		state: row.state,
		moderatorId: row.moderator_id,
		moderatorName: row.moderator_name,
		criteria: row.criteria,
		summary: row.summary,
		reviewVersion: row.review_version,
		reviewUpdatedAt: row.review_updated_at,
		stateChangedAt: row.state_changed_at,
		version: row.version,
		standards: new Map(standards.map((s) => [s.standard_code, toStandard(s)]))
	};
}

export async function getModeration(db: Queryable, cycleId: string, organisationId: string): Promise<Moderation | null> {
	const [row] = await db.query<ModerationRow>(`${SELECT} where m.cycle_id = $1 and m.organisation_id = $2`, [cycleId, organisationId]);
	return withStandards(db, row);
}

/**
 * The moderation of a cycle's submissions from one organisation, made when first
 * needed (assigning it, or the first draft saved), pointing at the latest version.
 */
export async function ensureModeration(db: Queryable, submission: { cycleId: string; organisationId: string; partnershipId: string }): Promise<Moderation> {
	await db.query(
		`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id)
		 select cycle_id, organisation_id, partnership_id, id from submissions
		 where cycle_id = $1 and organisation_id = $2 order by version desc limit 1
		 on conflict (cycle_id, organisation_id) do nothing`,
		[submission.cycleId, submission.organisationId]
	);
	const found = await getModeration(db, submission.cycleId, submission.organisationId);
	if (!found) throw new Error('no submission to moderate');
	return found;
}

export type SaveOutcome<T> = { ok: true; version: number; savedAt: Date } | { ok: false; reason: 'conflict'; theirs: T | null; version: number } | { ok: false; reason: 'locked' | 'stale_submission' };

export interface StandardInput {
	grade: string | null;
	rationale: string;
	requirementGrades: StandardModeration['requirementGrades'];
	changeRequest: string;
}

/** Whether `row` already holds `input`, drafted on `submissionId`. */
function holds(row: StandardRow, submissionId: string, input: StandardInput): boolean {
	const grades = (g: StandardInput['requirementGrades']) => JSON.stringify(Object.entries(g ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	return (
		row.based_on_submission_id === submissionId &&
		row.grade === input.grade &&
		row.rationale === input.rationale &&
		row.change_request === input.changeRequest &&
		grades(row.requirement_grades) === grades(input.requirementGrades)
	);
}

/**
 * Saves a standard's draft if `expectedVersion` is what is stored (0: nothing
 * stored yet), or if what is stored is already exactly this draft.
 */
export async function saveStandard(
	db: Queryable,
	ctx: AuditContext,
	moderation: Pick<Moderation, 'id' | 'organisationId' | 'partnershipId' | 'submissionId'>,
	code: string,
	input: StandardInput,
	expectedVersion: number,
	now = new Date()
): Promise<SaveOutcome<StoredStandard>> {
	return db.transaction(async (tx) => {
		const [m] = await tx.query<{ state: ModerationState; submission_id: string }>('select state, submission_id from moderations where id = $1 for update', [moderation.id]);
		if (m.state !== 'awaiting' && m.state !== 'changes_requested') return { ok: false, reason: 'locked' } as const;
		if (m.submission_id !== moderation.submissionId) return { ok: false, reason: 'stale_submission' } as const;
		const [stored] = await tx.query<StandardRow>('select * from moderation_standards where moderation_id = $1 and standard_code = $2', [moderation.id, code]);
		if ((stored?.version ?? 0) !== expectedVersion) {
			// The same draft arriving twice (sent as a page closed, then put back and sent again by the next) is not a conflict.
			if (stored && holds(stored, moderation.submissionId, input)) return { ok: true, version: stored.version, savedAt: stored.updated_at } as const;
			return { ok: false, reason: 'conflict', theirs: stored ? toStandard(stored) : null, version: stored?.version ?? 0 } as const;
		}
		const values = [moderation.id, code, input.grade, input.rationale, input.requirementGrades, input.changeRequest, moderation.submissionId, now, ctx.actorId];
		const [row] = stored
			? await tx.query<{ version: number }>(
					`update moderation_standards set grade = $3, rationale = $4, requirement_grades = $5, change_request = $6, based_on_submission_id = $7,
					 updated_at = $8, updated_by = $9, version = version + 1 where moderation_id = $1 and standard_code = $2 returning version`,
					values
				)
			: await tx.query<{ version: number }>(
					`insert into moderation_standards (moderation_id, standard_code, grade, rationale, requirement_grades, change_request, based_on_submission_id, updated_at, updated_by)
					 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning version`,
					values
				);
		await recordAudit(tx, ctx, {
			action: 'moderation.standard.save',
			organisationId: moderation.organisationId,
			partnershipId: moderation.partnershipId,
			subjectType: 'moderation',
			subjectId: moderation.id,
			detail: { standard: code, grade: input.grade, version: row.version }
		});
		return { ok: true, version: row.version, savedAt: now } as const;
	});
}

export type StoredReview = { criteria: Criteria; summary: string; updatedAt: Date | null };

/** Saves the review criteria and overall comment if `expectedVersion` is what is stored. */
export async function saveReview(
	db: Queryable,
	ctx: AuditContext,
	moderation: Pick<Moderation, 'id' | 'organisationId' | 'partnershipId' | 'submissionId'>,
	review: { criteria: Criteria; summary: string },
	expectedVersion: number,
	now = new Date()
): Promise<SaveOutcome<StoredReview>> {
	return db.transaction(async (tx) => {
		const [m] = await tx.query<{ state: ModerationState; submission_id: string; criteria: Criteria; summary: string; review_version: number; review_updated_at: Date | null }>(
			'select state, submission_id, criteria, summary, review_version, review_updated_at from moderations where id = $1 for update',
			[moderation.id]
		);
		if (m.state !== 'awaiting' && m.state !== 'changes_requested') return { ok: false, reason: 'locked' } as const;
		if (m.review_version !== expectedVersion) {
			return { ok: false, reason: 'conflict', theirs: { criteria: m.criteria, summary: m.summary, updatedAt: m.review_updated_at }, version: m.review_version } as const;
		}
		const [row] = await tx.query<{ review_version: number }>(
			`update moderations set criteria = $2, summary = $3, review_version = review_version + 1, review_updated_at = $4, review_updated_by = $5
			 where id = $1 returning review_version`,
			[moderation.id, review.criteria, review.summary, now, ctx.actorId]
		);
		await recordAudit(tx, ctx, {
			action: 'moderation.review.save',
			organisationId: moderation.organisationId,
			partnershipId: moderation.partnershipId,
			subjectType: 'moderation',
			subjectId: moderation.id,
			detail: { version: row.review_version }
		});
		return { ok: true, version: row.review_version, savedAt: now } as const;
	});
}

export interface GradeHistoryEntry {
	standardCode: string;
	requirementCode: string | null;
	kind: 'moderated' | 'agreed';
	grade: string | null;
	rationale: string;
	submissionId: string;
	source: 'moderation' | 'chair' | 'challenge_event';
	actorName: string | null;
	recordedAt: Date;
}

export async function gradeHistory(db: Queryable, moderationId: string): Promise<GradeHistoryEntry[]> {
	const rows = await db.query<{
		standard_code: string;
		requirement_code: string | null;
		kind: GradeHistoryEntry['kind'];
		grade: string | null;
		rationale: string;
		submission_id: string;
		source: GradeHistoryEntry['source'];
		actor_name: string | null;
		recorded_at: Date;
	}>(
		`select h.*, u.name as actor_name from grade_history h left join users u on u.id = h.actor_id
		 where h.moderation_id = $1 order by h.recorded_at, h.id`,
		[moderationId]
	);
	return rows.map((r) => ({
		standardCode: r.standard_code,
		requirementCode: r.requirement_code,
		kind: r.kind,
		grade: r.grade,
		rationale: r.rationale,
		submissionId: r.submission_id,
		source: r.source,
		actorName: r.actor_name,
		recordedAt: r.recorded_at
	}));
}

/** The moderations of an organisation's submissions the organisation may be told about: changes asked of it, and completed ones. */
export async function moderationsToTell(db: Queryable, organisationId: string): Promise<{ id: string; cycleId: string; submissionId: string; state: ModerationState; cycleTitle: string; partnershipName: string; stateChangedAt: Date }[]> {
	const rows = await db.query<{ id: string; cycle_id: string; submission_id: string; state: ModerationState; cycle_title: string; partnership_name: string; state_changed_at: Date }>(
		`select m.id, m.cycle_id, m.submission_id, m.state, c.title as cycle_title, p.name as partnership_name, m.state_changed_at
		 from moderations m join cycles c on c.id = m.cycle_id join partnerships p on p.id = m.partnership_id
		 where m.organisation_id = $1 and m.state in ('changes_requested', 'completed') order by m.state_changed_at desc`,
		[organisationId]
	);
	return rows.map((r) => ({ id: r.id, cycleId: r.cycle_id, submissionId: r.submission_id, state: r.state, cycleTitle: r.cycle_title, partnershipName: r.partnership_name, stateChangedAt: r.state_changed_at }));
}
