// The steps a moderation takes: assignment to a moderator, requesting changes,
// accepting, the chair sending it back or completing it, a resubmission, and
// the agreed grades. Each is one transaction that checks the state under a row
// lock, appends to the moderation's history and the audit log, and queues the
// mail that tells people.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { enqueueMail } from './mail';
import { activeLeadEmails } from './membership-requests';
import { getModeration, type Moderation } from './moderation';
import { afterResubmission, nextState, type ModerationState, type ModerationStep } from '../domain/moderation';

type Step = ModerationStep | 'assigned' | 'unassigned' | 'resubmitted';
const STEP_NAMES: Record<Step, string> = {
	request_changes: 'changes_requested',
	accept: 'accepted',
	send_back: 'sent_back',
	complete: 'completed',
	assigned: 'assigned',
	unassigned: 'unassigned',
	resubmitted: 'resubmitted'
};

async function recordStep(tx: Queryable, ctx: AuditContext, m: Pick<Moderation, 'id' | 'organisationId' | 'partnershipId'>, step: Step, stateAfter: ModerationState, submissionId: string, detail: Record<string, unknown> = {}) {
	await tx.query('insert into moderation_steps (moderation_id, step, state_after, submission_id, actor_id, detail) values ($1, $2, $3, $4, $5, $6)', [
		m.id,
		STEP_NAMES[step],
		stateAfter,
		submissionId,
		ctx.actorId,
		detail
	]);
	await recordAudit(tx, ctx, { action: `moderation.${STEP_NAMES[step]}`, organisationId: m.organisationId, partnershipId: m.partnershipId, subjectType: 'moderation', subjectId: m.id, detail });
}

/**
 * Assigns the latest submissions of these organisations in the cycle to a
 * moderator (null: to nobody). Organisations that have not submitted are skipped.
 */
export async function assignModerations(db: Queryable, ctx: AuditContext, cycle: { id: string; partnershipId: string }, organisationIds: readonly string[], moderatorId: string | null, now = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		await tx.query(
			`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id)
			 select distinct on (organisation_id) cycle_id, organisation_id, partnership_id, id from submissions
			 where cycle_id = $1 and organisation_id = any($2::uuid[]) order by organisation_id, version desc
			 on conflict (cycle_id, organisation_id) do nothing`,
			[cycle.id, organisationIds]
		);
		const changed = await tx.query<{ id: string; organisation_id: string; submission_id: string; state: ModerationState; before: string | null }>(
			`update moderations m set moderator_id = $3, assigned_at = $4, assigned_by = $5
			 from moderations old where old.id = m.id and m.cycle_id = $1 and m.organisation_id = any($2::uuid[]) and m.moderator_id is distinct from $3
			 returning m.id, m.organisation_id, m.submission_id, m.state, old.moderator_id as before`,
			[cycle.id, organisationIds, moderatorId, now, ctx.actorId]
		);
		for (const row of changed) {
			const m = { id: row.id, organisationId: row.organisation_id, partnershipId: cycle.partnershipId };
			await recordStep(tx, ctx, m, moderatorId ? 'assigned' : 'unassigned', row.state, row.submission_id, { moderator: moderatorId, previous: row.before });
		}
		return changed.length;
	});
}

export type StepOutcome = { ok: true; state: ModerationState } | { ok: false; reason: 'conflict' | 'not_allowed' | 'cycle_closed'; state: ModerationState };

export interface StepNotice {
	origin: string;
	organisationName: string;
	cycleTitle: string;
	partnershipName: string;
}

/** Takes `step` if the moderation is still at `expectedVersion` and in a state the step leaves from. */
export async function takeStep(db: Queryable, ctx: AuditContext, moderation: Moderation, step: ModerationStep, expectedVersion: number, notice: StepNotice, options: { confirmAgreed?: boolean } = {}, now = new Date()): Promise<StepOutcome> {
	return db.transaction(async (tx) => {
		const [row] = await tx.query<{ state: ModerationState; version: number }>('select state, version from moderations where id = $1 for update', [moderation.id]);
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', state: row.state } as const;
		const to = nextState(row.state, step);
		if (!to) return { ok: false, reason: 'not_allowed', state: row.state } as const;
		// Changes can be asked for only while the organisation can still resubmit to the cycle.
		if (step === 'request_changes' && (await cycleClosed(tx, moderation.cycleId))) return { ok: false, reason: 'cycle_closed', state: row.state } as const;
		await tx.query('update moderations set state = $2, state_changed_at = $3, state_changed_by = $4, version = version + 1 where id = $1', [moderation.id, to, now, ctx.actorId]);
		const current = (await getModeration(tx, moderation.cycleId, moderation.organisationId))!;
		if (step === 'accept') await recordGrades(tx, ctx, current, 'moderated', 'moderation', now);
		if (step === 'complete' && options.confirmAgreed) await confirmAgreed(tx, ctx, current, now);
		await recordStep(tx, ctx, current, step, to, current.submissionId, step === 'request_changes' ? { standards: [...current.standards.values()].filter((s) => s.changeRequest.trim()).map((s) => s.code) } : {});
		if (step === 'request_changes' || step === 'complete') await tellOrganisation(tx, current, step, notice);
		return { ok: true, state: to } as const;
	});
}

export async function cycleClosed(db: Queryable, cycleId: string): Promise<boolean> {
	const [row] = await db.query<{ closed: boolean }>('select closed_at is not null as closed from cycles where id = $1', [cycleId]);
	return row?.closed ?? false;
}

/** Appends the current moderated grades (per standard and per requirement) to the history where they differ from its last entry. */
async function recordGrades(tx: Queryable, ctx: AuditContext, m: Moderation, kind: 'moderated', source: 'moderation', now: Date) {
	const last = await tx.query<{ standard_code: string; requirement_code: string | null; grade: string | null; rationale: string }>(
		`select distinct on (standard_code, coalesce(requirement_code, '')) standard_code, requirement_code, grade, rationale from grade_history
		 where moderation_id = $1 and kind = $2 order by standard_code, coalesce(requirement_code, ''), recorded_at desc, id desc`,
		[m.id, kind]
	);
	const key = (s: string, r: string | null) => `${s} ${r ?? ''}`;
	const previous = new Map(last.map((l) => [key(l.standard_code, l.requirement_code), l]));
	const entries: { standard: string; requirement: string | null; grade: string | null; rationale: string }[] = [];
	for (const s of m.standards.values()) {
		entries.push({ standard: s.code, requirement: null, grade: s.grade, rationale: s.rationale });
		for (const [code, r] of Object.entries(s.requirementGrades)) entries.push({ standard: s.code, requirement: code, grade: r.grade, rationale: r.rationale });
	}
	for (const e of entries) {
		const p = previous.get(key(e.standard, e.requirement));
		if (!e.grade || (p && p.grade === e.grade && p.rationale === e.rationale)) continue;
		await tx.query(
			`insert into grade_history (moderation_id, standard_code, requirement_code, kind, grade, rationale, submission_id, source, actor_id, recorded_at)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			[m.id, e.standard, e.requirement, kind, e.grade, e.rationale, m.submissionId, source, ctx.actorId, now]
		);
	}
}

/** The chair confirms the moderated grades as agreed, without a challenge event, for every standard not yet agreed. */
async function confirmAgreed(tx: Queryable, ctx: AuditContext, m: Moderation, now: Date) {
	for (const s of m.standards.values()) {
		if (!s.grade || s.agreedGrade) continue;
		await setAgreedGrade(tx, ctx, m, s.code, s.grade, 'Moderated grade confirmed by the chair', 'chair', now);
	}
}

/** Sets a standard's agreed grade (the chair's, or from a challenge event) and appends it to the history. */
export async function setAgreedGrade(db: Queryable, ctx: AuditContext, m: Pick<Moderation, 'id' | 'organisationId' | 'partnershipId' | 'submissionId'>, code: string, grade: string, rationale: string, source: 'chair' | 'challenge_event', now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		const rows = await tx.query(
			`update moderation_standards set agreed_grade = $3, agreed_rationale = $4, agreed_source = $5, agreed_at = $6, agreed_by = $7
			 where moderation_id = $1 and standard_code = $2 returning *`,
			[m.id, code, grade, rationale, source, now, ctx.actorId]
		);
		if (!rows.length) throw new Error(`standard ${code} has no moderation`);
		await tx.query(
			`insert into grade_history (moderation_id, standard_code, kind, grade, rationale, submission_id, source, actor_id, recorded_at)
			 values ($1, $2, 'agreed', $3, $4, $5, $6, $7, $8)`,
			[m.id, code, grade, rationale, m.submissionId, source, ctx.actorId, now]
		);
		await recordAudit(tx, ctx, { action: 'moderation.agreed_grade', organisationId: m.organisationId, partnershipId: m.partnershipId, subjectType: 'moderation', subjectId: m.id, detail: { standard: code, grade, source } });
	});
}

async function tellOrganisation(tx: Queryable, m: Moderation, step: 'request_changes' | 'complete', n: StepNotice) {
	const link = `${n.origin}/organisations/${m.organisationId}/submissions/${m.submissionId}`;
	const asked = [...m.standards.values()].filter((s) => s.changeRequest.trim()).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
	const text =
		step === 'request_changes'
			? [
					`${n.partnershipName} has moderated what ${n.organisationName} submitted to ${n.cycleTitle} and asks for changes before it can be accepted:`,
					'',
					...asked.flatMap((s) => [`Standard ${s.code}: ${s.changeRequest.trim()}`, '']),
					'Amend your self-assessment in the portal and submit it again to the cycle.',
					'',
					`See the request: ${link}`
				]
			: [`${n.partnershipName} has completed its moderation of what ${n.organisationName} submitted to ${n.cycleTitle}.`, '', `See your moderated and agreed grades: ${link}`];
	const subject = step === 'request_changes' ? `${n.partnershipName} asks for changes to your ${n.cycleTitle} return` : `Moderation of your ${n.cycleTitle} return is complete`;
	for (const to of await activeLeadEmails(tx, m.organisationId)) await enqueueMail(tx, { to, subject, text: text.join('\n') });
}

/**
 * A new version submitted to the cycle: an open moderation moves to it (a
 * moderation whose changes were requested goes back to the moderator); a
 * completed one stays with the version it moderated. Called in the
 * submission's transaction.
 */
export async function moderationResubmitted(tx: Queryable, ctx: AuditContext, submission: { id: string; cycleId: string; organisationId: string; partnershipId: string }): Promise<void> {
	const [row] = await tx.query<{ id: string; state: ModerationState }>('select id, state from moderations where cycle_id = $1 and organisation_id = $2 for update', [submission.cycleId, submission.organisationId]);
	if (!row || row.state === 'completed') return;
	const to = afterResubmission(row.state);
	await tx.query('update moderations set submission_id = $2, state = $3, state_changed_at = now(), version = version + 1 where id = $1', [row.id, submission.id, to]);
	await recordStep(tx, ctx, { id: row.id, organisationId: submission.organisationId, partnershipId: submission.partnershipId }, 'resubmitted', to, submission.id, { from: row.state });
}

