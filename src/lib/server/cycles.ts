// Audit cycles: a partnership's request for returns against one published
// template version. Who takes part, and how far each has got: cycle-participants.ts.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import type { TemplateKind } from '../domain/template';
import type { OrganisationKind } from '../domain/organisations';

export interface Cycle {
	id: string;
	partnershipId: string;
	partnershipName: string;
	templateId: string;
	templateTitle: string;
	templateVersion: number;
	templateKind: TemplateKind;
	title: string;
	standardCodes: string[];
	opensOn: string;
	closesOn: string;
	closedAt: Date | null;
	version: number;
}

export type CycleRow = {
	id: string;
	partnership_id: string;
	partnership_name: string;
	template_id: string;
	template_title: string;
	template_version: number;
	template_kind: TemplateKind;
	title: string;
	standard_codes: string[];
	opens_on: string;
	closes_on: string;
	closed_at: Date | null;
	version: number;
};

export const CYCLE_COLUMNS = `c.*, p.name as partnership_name, t.title as template_title, t.version as template_version,
	t.kind as template_kind`;
export const CYCLE_FROM = `from cycles c join partnerships p on p.id = c.partnership_id join templates t on t.id = c.template_id`;

export const toCycle = (r: CycleRow): Cycle => ({
	id: r.id,
	partnershipId: r.partnership_id,
	partnershipName: r.partnership_name,
	templateId: r.template_id,
	templateTitle: r.template_title,
	templateVersion: r.template_version,
	templateKind: r.template_kind,
	title: r.title,
	standardCodes: r.standard_codes,
	opensOn: r.opens_on,
	closesOn: r.closes_on,
	closedAt: r.closed_at,
	version: r.version
});

export async function getCycle(db: Queryable, id: string): Promise<Cycle | null> {
	const rows = await db.query<CycleRow>(`select ${CYCLE_COLUMNS} ${CYCLE_FROM} where c.id = $1`, [id]);
	return rows[0] ? toCycle(rows[0]) : null;
}

export interface CycleSummary extends Cycle {
	participants: number;
	submitted: number;
}

export async function listCycles(db: Queryable, partnershipId: string): Promise<CycleSummary[]> {
	const rows = await db.query<CycleRow & { participants: number; submitted: number }>(
		`select ${CYCLE_COLUMNS},
			(select count(*) from cycle_participants cp where cp.cycle_id = c.id) as participants,
			(select count(distinct s.organisation_id) from submissions s where s.cycle_id = c.id) as submitted
		 ${CYCLE_FROM} where c.partnership_id = $1 order by c.opens_on desc, c.created_at desc`,
		[partnershipId]
	);
	return rows.map((r) => ({ ...toCycle(r), participants: r.participants, submitted: r.submitted }));
}

/** The kind of organisation a template is for, to choose a cycle's participants by default. */
export function defaultKindsFor(kind: TemplateKind): OrganisationKind[] {
	if (kind === 'section-11') return ['agency'];
	if (kind === 'section-175') return ['school'];
	return ['agency', 'school', 'other'];
}

export interface NewCycle {
	partnershipId: string;
	templateId: string;
	title: string;
	standardCodes: string[];
	opensOn: string;
	closesOn: string;
	organisationIds: string[];
}

export async function createCycle(db: Queryable, ctx: AuditContext, input: NewCycle): Promise<Cycle> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on, created_by)
			 values ($1, $2, $3, $4, $5, $6, $7) returning id`,
			[input.partnershipId, input.templateId, input.title, input.standardCodes, input.opensOn, input.closesOn, ctx.actorId]
		);
		const id = rows[0].id;
		// Only current members can take part, whatever the form said.
		const participants = await tx.query<{ organisation_id: string }>(
			`insert into cycle_participants (cycle_id, organisation_id)
			 select $1, m.organisation_id from partnership_members m
			 where m.partnership_id = $2 and m.active and m.organisation_id = any($3::uuid[])
			 returning organisation_id`,
			[id, input.partnershipId, input.organisationIds]
		);
		await recordAudit(tx, ctx, {
			action: 'cycle.create',
			partnershipId: input.partnershipId,
			subjectType: 'cycle',
			subjectId: id,
			detail: { title: input.title, standards: input.standardCodes, opensOn: input.opensOn, closesOn: input.closesOn, participants: participants.length }
		});
		return (await getCycle(tx, id))!;
	});
}

export async function setCycleClosed(db: Queryable, ctx: AuditContext, cycle: Cycle, closed: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query(`update cycles set closed_at = case when $2 then now() else null end, version = version + 1 where id = $1`, [cycle.id, closed]);
		await recordAudit(tx, ctx, { action: closed ? 'cycle.close' : 'cycle.reopen', partnershipId: cycle.partnershipId, subjectType: 'cycle', subjectId: cycle.id });
	});
}
