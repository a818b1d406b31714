// An organisation's live return: always editable by the organisation, never
// seen by a partnership (partnerships read submissions). Every response and
// action row carries a version, so a stale write is refused, never applied.
import { createHash } from 'node:crypto';
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { getTemplate, type TemplateVersion } from './templates';
import { NOT_APPLICABLE, type ResponseState } from '../domain/completion';
import type { PostedAnswer } from '../domain/answers';
import { planCarryForward, type ActionState } from '../domain/carry-forward';
import type { Cycle } from './cycles';

export interface LiveReturn {
	id: string;
	organisationId: string;
	template: TemplateVersion;
	carriedFrom: string | null;
	createdAt: Date;
}

export async function getReturn(db: Queryable, id: string): Promise<LiveReturn | null> {
	const rows = await db.query<{ id: string; organisation_id: string; template_id: string; carried_from: string | null; created_at: Date }>(
		'select * from returns where id = $1',
		[id]
	);
	const r = rows[0];
	if (!r) return null;
	const template = await getTemplate(db, r.template_id);
	if (!template) throw new Error(`return ${id} has no template ${r.template_id}`);
	return { id: r.id, organisationId: r.organisation_id, template, carriedFrom: r.carried_from, createdAt: r.created_at };
}

export interface ReturnSummary {
	id: string;
	templateTitle: string;
	templateVersion: number;
	answered: number;
	updatedAt: Date | null;
}

export async function listReturns(db: Queryable, organisationId: string): Promise<ReturnSummary[]> {
	const rows = await db.query<{ id: string; title: string; version: number; answered: number; updated_at: Date | null }>(
		`select r.id, t.title, t.version,
			(select count(*) from responses x where x.return_id = r.id and x.grade is not null) as answered,
			(select max(updated_at) from responses x where x.return_id = r.id) as updated_at
		 from returns r join templates t on t.id = r.template_id
		 where r.organisation_id = $1 order by t.title, t.version desc`,
		[organisationId]
	);
	return rows.map((r) => ({ id: r.id, templateTitle: r.title, templateVersion: r.version, answered: r.answered, updatedAt: r.updated_at }));
}

export interface StoredResponse extends ResponseState {
	version: number;
	updatedAt: Date;
	updatedByName: string | null;
}

export async function listResponses(db: Queryable, returnId: string): Promise<StoredResponse[]> {
	const rows = await db.query<{
		requirement_code: string;
		grade: string | null;
		na_reason: string;
		narrative: string;
		carried_forward: boolean;
		version: number;
		updated_at: Date;
		updated_by_name: string | null;
	}>(
		`select x.*, u.name as updated_by_name from responses x left join users u on u.id = x.updated_by
		 where x.return_id = $1`,
		[returnId]
	);
	return rows.map((r) => ({
		requirementCode: r.requirement_code,
		grade: r.grade,
		naReason: r.na_reason,
		narrative: r.narrative,
		carriedForward: r.carried_forward,
		version: r.version,
		updatedAt: r.updated_at,
		updatedByName: r.updated_by_name
	}));
}

export interface ResponseInput {
	grade: string | null;
	naReason: string;
	narrative: string;
}

export type SaveOutcome =
	| { ok: true; version: number; updatedAt: Date }
	| { ok: false; reason: 'stale'; current: StoredResponse | null };

/** A refused write's answer: the newer response the person must see. */
async function stale(db: Queryable, returnId: string, code: string): Promise<SaveOutcome> {
	const current = (await listResponses(db, returnId)).find((r) => r.requirementCode === code) ?? null;
	return { ok: false, reason: 'stale', current };
}

/**
 * Saves one answer if `expectedVersion` is still current (0 when there is no
 * answer yet). Saving confirms a carried-forward answer.
 */
export async function saveResponse(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	code: string,
	input: ResponseInput,
	expectedVersion: number
): Promise<SaveOutcome> {
	const naReason = input.grade === NOT_APPLICABLE ? input.naReason : '';
	return db.transaction(async (tx) => {
		const rows =
			expectedVersion === 0
				? await tx.query<{ version: number; updated_at: Date }>(
						`insert into responses (return_id, requirement_code, grade, na_reason, narrative, updated_by)
						 values ($1, $2, $3, $4, $5, $6) on conflict (return_id, requirement_code) do nothing
						 returning version, updated_at`,
						[ret.id, code, input.grade, naReason, input.narrative, ctx.actorId]
					)
				: await tx.query<{ version: number; updated_at: Date }>(
						`update responses set grade = $3, na_reason = $4, narrative = $5, carried_forward = false,
							updated_at = now(), updated_by = $6, version = version + 1
						 where return_id = $1 and requirement_code = $2 and version = $7
						 returning version, updated_at`,
						[ret.id, code, input.grade, naReason, input.narrative, ctx.actorId, expectedVersion]
					);
		if (!rows.length) return stale(tx, ret.id, code);
		await recordAudit(tx, ctx, {
			action: 'response.save',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { requirement: code, grade: input.grade, version: rows[0].version }
		});
		return { ok: true, version: rows[0].version, updatedAt: rows[0].updated_at } as const;
	});
}

/** Confirms a carried-forward answer unchanged. */
export async function confirmResponse(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	code: string,
	expectedVersion: number
): Promise<SaveOutcome> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ version: number; updated_at: Date }>(
			`update responses set carried_forward = false, updated_at = now(), updated_by = $3, version = version + 1
			 where return_id = $1 and requirement_code = $2 and version = $4 returning version, updated_at`,
			[ret.id, code, ctx.actorId, expectedVersion]
		);
		if (!rows.length) return stale(tx, ret.id, code);
		await recordAudit(tx, ctx, {
			action: 'response.confirm',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { requirement: code }
		});
		return { ok: true, version: rows[0].version, updatedAt: rows[0].updated_at } as const;
	});
}

export interface StoredAction extends ActionState {
	id: string;
	carriedForward: boolean;
	version: number;
	updatedAt: Date;
}

export async function listActions(db: Queryable, returnId: string): Promise<StoredAction[]> {
	const rows = await db.query<{
		id: string;
		requirement_code: string;
		description: string;
		owner: string;
		due_on: string | null;
		status: ActionState['status'];
		progress: string;
		carried_forward: boolean;
		version: number;
		updated_at: Date;
	}>('select * from actions where return_id = $1 order by requirement_code, created_at', [returnId]);
	return rows.map((r) => ({
		id: r.id,
		requirementCode: r.requirement_code,
		description: r.description,
		owner: r.owner,
		dueOn: r.due_on,
		status: r.status,
		progress: r.progress,
		carriedForward: r.carried_forward,
		version: r.version,
		updatedAt: r.updated_at
	}));
}

export async function getAction(db: Queryable, returnId: string, actionId: string): Promise<StoredAction | null> {
	return (await listActions(db, returnId)).find((a) => a.id === actionId) ?? null;
}

export type ActionInput = Omit<ActionState, 'requirementCode'>;

export async function addAction(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	code: string,
	input: ActionInput
): Promise<string> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into actions (return_id, requirement_code, description, owner, due_on, status, progress, updated_by)
			 values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
			[ret.id, code, input.description, input.owner, input.dueOn, input.status, input.progress, ctx.actorId]
		);
		await recordAudit(tx, ctx, { action: 'action.create', organisationId: ret.organisationId, subjectType: 'action', subjectId: rows[0].id, detail: { requirement: code } });
		return rows[0].id;
	});
}

export type ActionUpdate = { ok: true } | { ok: false; reason: 'stale'; current: StoredAction | null };

export async function updateAction(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	actionId: string,
	input: ActionInput,
	expectedVersion: number
): Promise<ActionUpdate> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update actions set description = $3, owner = $4, due_on = $5, status = $6, progress = $7, carried_forward = false,
				updated_at = now(), updated_by = $8, version = version + 1
			 where return_id = $1 and id = $2 and version = $9 returning id`,
			[ret.id, actionId, input.description, input.owner, input.dueOn, input.status, input.progress, ctx.actorId, expectedVersion]
		);
		if (!rows.length) return { ok: false, reason: 'stale', current: await getAction(tx, ret.id, actionId) } as const;
		await recordAudit(tx, ctx, { action: 'action.update', organisationId: ret.organisationId, subjectType: 'action', subjectId: actionId, detail: { status: input.status } });
		return { ok: true } as const;
	});
}

export async function deleteAction(db: Queryable, ctx: AuditContext, ret: { id: string; organisationId: string }, actionId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.query('delete from actions where return_id = $1 and id = $2 returning id', [ret.id, actionId]);
		if (!rows.length) return false;
		await recordAudit(tx, ctx, { action: 'action.delete', organisationId: ret.organisationId, subjectType: 'action', subjectId: actionId });
		return true;
	});
}

/**
 * A fingerprint of what a signatory signs: every answer and action. Any change
 * afterwards changes it, and the sign-off no longer counts.
 */
export async function contentHash(db: Queryable, returnId: string): Promise<string> {
	const [responses, actions] = await Promise.all([listResponses(db, returnId), listActions(db, returnId)]);
	const canonical = {
		responses: responses
			.map((r) => [r.requirementCode, r.grade, r.naReason, r.narrative, r.carriedForward])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
		actions: actions
			.map((a) => [a.requirementCode, a.description, a.owner, a.dueOn, a.status, a.progress])
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
	};
	return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

async function latestSubmissionAt(db: Queryable, returnId: string): Promise<Date | null> {
	const rows = await db.query<{ at: Date | null }>('select max(submitted_at) as at from submissions where return_id = $1', [returnId]);
	return rows[0].at;
}

/** The organisation's most recent return against an earlier version of the same template. */
async function previousVersionReturn(db: Queryable, organisationId: string, template: TemplateVersion): Promise<string | null> {
	const rows = await db.query<{ id: string }>(
		`select r.id from returns r join templates t on t.id = r.template_id
		 where r.organisation_id = $1 and t.slug = $2 and t.version < $3
		 order by t.version desc limit 1`,
		[organisationId, template.slug, template.version]
	);
	return rows[0]?.id ?? null;
}

export interface StartOutcome {
	returnId: string;
	created: boolean;
	carriedForward: number;
	dropped: string[];
}

/**
 * The organisation starts work on a cycle. Its live return for the cycle's
 * template version is created if need be, carrying forward answers and open
 * actions from an earlier version; if the return was last submitted before this
 * cycle opened, every answer is marked for review.
 */
export async function startCycle(
	db: Queryable,
	ctx: AuditContext,
	organisationId: string,
	cycle: Cycle,
	now = new Date()
): Promise<StartOutcome> {
	return db.transaction(async (tx) => {
		const template = (await getTemplate(tx, cycle.templateId))!;
		const existing = await tx.query<{ id: string }>('select id from returns where organisation_id = $1 and template_id = $2 for update', [
			organisationId,
			template.id
		]);
		let returnId = existing[0]?.id;
		let created = false;
		let carried = 0;
		let dropped: string[] = [];
		if (!returnId) {
			const previous = await previousVersionReturn(tx, organisationId, template);
			const inserted = await tx.query<{ id: string }>(
				'insert into returns (organisation_id, template_id, carried_from, created_by) values ($1, $2, $3, $4) returning id',
				[organisationId, template.id, previous, ctx.actorId]
			);
			returnId = inserted[0].id;
			created = true;
			if (previous) {
				const plan = planCarryForward(template.definition, {
					responses: await listResponses(tx, previous),
					actions: await listActions(tx, previous)
				});
				await copyCarried(tx, returnId, plan.responses, plan.actions, ctx.actorId);
				carried = plan.responses.length;
				dropped = plan.dropped;
			}
		} else {
			const last = await latestSubmissionAt(tx, returnId);
			if (last && last.toISOString().slice(0, 10) < cycle.opensOn) {
				const marked = await tx.query('update responses set carried_forward = true where return_id = $1 and not carried_forward returning 1', [returnId]);
				carried = marked.length;
			}
		}
		await tx.query(
			'insert into return_cycles (return_id, cycle_id, started_by, started_at) values ($1, $2, $3, $4) on conflict do nothing',
			[returnId, cycle.id, ctx.actorId, now]
		);
		await recordAudit(tx, ctx, {
			action: 'return.start_cycle',
			organisationId,
			partnershipId: cycle.partnershipId,
			subjectType: 'return',
			subjectId: returnId,
			detail: { cycle: cycle.id, created, carriedForward: carried, dropped }
		});
		return { returnId, created, carriedForward: carried, dropped };
	});
}

async function copyCarried(tx: Queryable, returnId: string, responses: ResponseState[], actions: ActionState[], userId: string | null) {
	if (responses.length) {
		await tx.query(
			`insert into responses (return_id, requirement_code, grade, na_reason, narrative, carried_forward, updated_by)
			 select $1, x.code, x.grade, x.na_reason, x.narrative, true, $2
			 from jsonb_to_recordset($3::jsonb) as x(code text, grade text, na_reason text, narrative text)`,
			[returnId, userId, responses.map((r) => ({ code: r.requirementCode, grade: r.grade, na_reason: r.naReason, narrative: r.narrative }))]
		);
	}
	if (actions.length) {
		await tx.query(
			`insert into actions (return_id, requirement_code, description, owner, due_on, status, progress, carried_forward, updated_by)
			 select $1, x.code, x.description, x.owner, x.due_on, x.status, x.progress, true, $2
			 from jsonb_to_recordset($3::jsonb) as x(code text, description text, owner text, due_on date, status text, progress text)`,
			[
				returnId,
				userId,
				actions.map((a) => ({ code: a.requirementCode, description: a.description, owner: a.owner, due_on: a.dueOn, status: a.status, progress: a.progress }))
			]
		);
	}
}

/** Fingerprint of an answer's values as a page showed them. */
export function answerFingerprint(a: { grade: string | null; naReason: string; narrative: string }): string {
	return createHash('sha256').update(JSON.stringify([a.grade ?? '', a.naReason, a.narrative])).digest('hex').slice(0, 32);
}

export interface AnswerConflict {
	code: string;
	mine: { grade: string | null; naReason: string; narrative: string };
	theirs: StoredResponse;
}

export type StandardSave = { ok: true; saved: number } | { ok: false; conflicts: AnswerConflict[] };

/**
 * Saves a standard's answers in one transaction. Rows the person did not touch
 * are left alone (whatever happened to them meanwhile); an edited row whose
 * version moved on is a conflict, and then nothing is saved: the page shows
 * both texts and the person decides.
 */
export async function saveStandardAnswers(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	answers: PostedAnswer[]
): Promise<StandardSave> {
	return db.transaction(async (tx) => {
		await tx.query('select id from returns where id = $1 for update', [ret.id]);
		const current = new Map((await listResponses(tx, ret.id)).map((r) => [r.requirementCode, r]));
		const conflicts: AnswerConflict[] = [];
		const writes: { answer: PostedAnswer; confirmOnly: boolean }[] = [];
		for (const answer of answers) {
			const untouched = answerFingerprint(answer) === answer.original;
			if (untouched && !answer.confirm) continue;
			const now = current.get(answer.code);
			const sameAsStored = now && answerFingerprint(now) === answerFingerprint(answer);
			if ((now?.version ?? 0) !== answer.version) {
				if (sameAsStored && !answer.confirm) continue;
				if (!sameAsStored) {
					conflicts.push({ code: answer.code, mine: { grade: answer.grade, naReason: answer.naReason, narrative: answer.narrative }, theirs: now! });
					continue;
				}
			}
			if (!now && !answer.grade && !answer.narrative && !answer.naReason) continue;
			writes.push({ answer: { ...answer, version: now?.version ?? 0 }, confirmOnly: Boolean(untouched && answer.confirm) });
		}
		if (conflicts.length) return { ok: false, conflicts } as const;
		for (const { answer, confirmOnly } of writes) {
			const outcome = confirmOnly
				? await confirmResponse(tx, ctx, ret, answer.code, answer.version)
				: await saveResponse(tx, ctx, ret, answer.code, answer, answer.version);
			if (!outcome.ok) throw new Error(`answer ${answer.code} changed inside its own transaction`);
		}
		return { ok: true, saved: writes.length } as const;
	});
}

/**
 * Writes many answers at once (the demo seed, a future spreadsheet import),
 * overwriting what is there, with one audit entry for the lot.
 */
export async function bulkSaveResponses(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	answers: ResponseState[],
	now = new Date()
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into responses (return_id, requirement_code, grade, na_reason, narrative, carried_forward, updated_by, updated_at)
			 select $1, x.code, x.grade, x.na_reason, x.narrative, x.carried_forward, $2, $3
			 from jsonb_to_recordset($4::jsonb) as x(code text, grade text, na_reason text, narrative text, carried_forward boolean)
			 on conflict (return_id, requirement_code) do update set grade = excluded.grade, na_reason = excluded.na_reason,
				narrative = excluded.narrative, carried_forward = excluded.carried_forward, updated_by = excluded.updated_by,
				updated_at = excluded.updated_at, version = responses.version + 1`,
			[ret.id, ctx.actorId, now, answers.map((a) => ({ code: a.requirementCode, grade: a.grade, na_reason: a.naReason, narrative: a.narrative, carried_forward: a.carriedForward }))]
		);
		await recordAudit(tx, ctx, { action: 'response.bulk_save', organisationId: ret.organisationId, subjectType: 'return', subjectId: ret.id, detail: { answers: answers.length } });
	});
}
