// The challenge log's writes. Each step is one transaction: it checks the
// challenge's version (a stale page gets the current state back, never an
// overwrite), appends a row to challenge_steps (which is never updated or
// deleted), updates the current state on the challenge, audit-logs the step
// and queues a notice to the organisation's leads and the partnership's chairs.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { notifyStep } from './challenge-mail';
import { getChallenge, type Challenge } from './challenge-log';
import { closureProblem, transition, type StepKind } from '../domain/challenges';
import type { DecisionForm, RaiseForm } from '../domain/challenge-forms';

/** A challenge as raised: what the form gives, in the partnership, optionally with an action already linked. */
export type NewChallenge = RaiseForm & { partnershipId: string; actionId: string | null; challengeEventId?: string | null };

export interface Actor {
	ctx: AuditContext;
	name: string;
	origin: string;
}

export async function raiseChallenge(db: Queryable, actor: Actor, input: NewChallenge, now = new Date()): Promise<Challenge> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into challenges (partnership_id, organisation_id, cycle_id, submission_id, standard_code, requirement_code, source,
				raised_by, raised_at, text, due_on, status, action_id, action_closure_required, updated_at, challenge_event_id)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $9, $14) returning id`,
			[input.partnershipId, input.organisationId, input.cycleId, input.submissionId, input.standardCode, input.requirementCode,
				input.source, actor.ctx.actorId, now, input.text, input.dueOn, input.actionId, input.actionClosureRequired, input.challengeEventId ?? null]
		);
		const id = rows[0].id;
		await appendStep(tx, actor, id, 1, { kind: 'raise', text: input.text, newDueOn: input.dueOn, statusAfter: 'open', actionId: input.actionId }, now);
		const challenge = (await getChallenge(tx, id))!;
		await finishStep(tx, actor, challenge, 'raise', { source: input.source, dueOn: input.dueOn });
		return challenge;
	});
}

export type StepOutcome =
	| { ok: true; challenge: Challenge }
	| { ok: false; reason: 'stale'; current: Challenge }
	| { ok: false; reason: 'refused'; field: string; message: string };

export interface Answer {
	text: string;
	/** Revisions of the organisation's documents (each document's newest when answered). */
	revisionIds: string[];
	actionId: string | null;
}

export async function answerChallenge(db: Queryable, actor: Actor, challenge: Challenge, answer: Answer, expectedVersion: number, now = new Date()): Promise<StepOutcome> {
	return step(db, actor, challenge, expectedVersion, 'answer', async (tx, current, seq, to) => {
		const actionId = answer.actionId ?? current.actionId;
		const stepId = await appendStep(tx, actor, current.id, seq, { kind: 'answer', text: answer.text, newDueOn: null, statusAfter: to, actionId: answer.actionId }, now);
		for (const revisionId of answer.revisionIds) {
			await tx.query('insert into challenge_step_evidence (step_id, revision_id) values ($1, $2) on conflict do nothing', [stepId, revisionId]);
		}
		await tx.query('update challenges set status = $2, action_id = $3, updated_at = $4, version = version + 1 where id = $1', [current.id, to, actionId, now]);
		return { evidence: answer.revisionIds.length, action: answer.actionId };
	});
}

/** The chair's decision as the form gives it (`actionId` undefined keeps the linked action; null unlinks it). */
export type DecisionInput = DecisionForm;

export async function decideChallenge(db: Queryable, actor: Actor, challenge: Challenge, input: DecisionInput, expectedVersion: number, now = new Date()): Promise<StepOutcome> {
	return step(db, actor, challenge, expectedVersion, input.decision, async (tx, current, seq, to) => {
		const actionId = input.actionId === undefined ? current.actionId : input.actionId;
		// Once closing needs the action done, it stays so: the rule cannot be lifted in the act of closing.
		const actionClosureRequired = current.actionClosureRequired || input.actionClosureRequired;
		if (input.decision === 'close') {
			const action = actionId ? (await tx.query<{ status: string }>('select status from actions where id = $1', [actionId]))[0] ?? null : null;
			const problem = closureProblem({ actionClosureRequired }, action, input.closureConfirmed);
			if (problem) return { refused: { field: action && action.status === 'done' ? 'closureConfirmed' : 'action', message: problem } };
		}
		const dueOn = input.decision === 'further' ? input.newDueOn : null;
		await appendStep(tx, actor, current.id, seq, { kind: input.decision, text: input.text, newDueOn: dueOn, statusAfter: to, actionId: actionId !== current.actionId ? actionId : null }, now);
		await tx.query(
			`update challenges set status = $2, due_on = coalesce($3::date, due_on), action_id = $4, action_closure_required = $5,
				updated_at = $6, version = version + 1 where id = $1`,
			[current.id, to, dueOn, actionId, actionClosureRequired, now]
		);
		return { dueOn, action: actionId, actionClosureRequired };
	});
}

type StepBody = (tx: Queryable, current: Challenge, seq: number, to: Challenge['status']) => Promise<Record<string, unknown> | { refused: { field: string; message: string } }>;

class Refused extends Error {
	constructor(readonly field: string, message: string) {
		super(message);
	}
}

/** The shared frame of a step after raising: lock, version check, transition, body, audit and mail. */
async function step(db: Queryable, actor: Actor, challenge: Challenge, expectedVersion: number, kind: Exclude<StepKind, 'raise'>, body: StepBody): Promise<StepOutcome> {
	try {
		return await db.transaction(async (tx) => {
			const locked = await tx.query<{ version: number; status: Challenge['status'] }>('select version, status from challenges where id = $1 for update', [challenge.id]);
			const current = (await getChallenge(tx, challenge.id))!;
			if (!locked.length || locked[0].version !== expectedVersion) return { ok: false, reason: 'stale', current } as const;
			const move = transition(current.status, kind);
			if (!move.ok) return { ok: false, reason: 'refused', field: kind === 'answer' ? 'text' : 'decision', message: move.message } as const;
			const seq = (await tx.query<{ n: number }>('select coalesce(max(seq), 0)::int + 1 as n from challenge_steps where challenge_id = $1', [current.id]))[0].n;
			const detail = await body(tx, current, seq, move.to);
			if ('refused' in detail) throw new Refused((detail.refused as { field: string }).field, (detail.refused as { message: string }).message);
			const after = (await getChallenge(tx, current.id))!;
			await finishStep(tx, actor, after, kind, { from: current.status, to: move.to, ...detail });
			return { ok: true, challenge: after } as const;
		});
	} catch (e) {
		if (e instanceof Refused) return { ok: false, reason: 'refused', field: e.field, message: e.message };
		throw e;
	}
}

type StepRow = { kind: StepKind; text: string; newDueOn: string | null; statusAfter: Challenge['status']; actionId: string | null };

async function appendStep(tx: Queryable, actor: Actor, challengeId: string, seq: number, s: StepRow, now: Date): Promise<string> {
	const rows = await tx.query<{ id: string }>(
		`insert into challenge_steps (challenge_id, seq, kind, actor_id, actor_name, at, text, new_due_on, status_after, action_id)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
		[challengeId, seq, s.kind, actor.ctx.actorId, actor.name, now, s.text, s.newDueOn, s.statusAfter, s.actionId]
	);
	return rows[0].id;
}

async function finishStep(tx: Queryable, actor: Actor, challenge: Challenge, kind: StepKind, detail: Record<string, unknown>): Promise<void> {
	await recordAudit(tx, actor.ctx, {
		action: `challenge.${kind}`,
		partnershipId: challenge.partnershipId,
		organisationId: challenge.organisationId,
		subjectType: 'challenge',
		subjectId: challenge.id,
		detail
	});
	await notifyStep(tx, challenge, kind, actor);
}
