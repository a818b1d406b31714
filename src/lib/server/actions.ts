// The action plan: what an organisation will do about its areas for
// improvement, one row per action, versioned like answers.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { ActionState } from '../domain/carry-forward';

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
