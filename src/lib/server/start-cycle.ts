// Starting work on a cycle: the live return is created on first use, carrying
// forward answers and open actions from an earlier template version; a cycle
// that opened after the last submission asks for every answer to be reviewed.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { getTemplate, type TemplateVersion } from './templates';
import { listResponses } from './returns';
import { listActions } from './actions';
import type { Cycle } from './cycles';
import type { ResponseState } from '../domain/completion';
import { planCarryForward, type ActionState } from '../domain/carry-forward';

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
