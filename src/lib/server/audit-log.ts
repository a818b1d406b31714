// The append-only audit log: every write, sign-in and download. The database
// refuses UPDATE and DELETE on it; this module only inserts and reads.
import type { Queryable } from './db';

/** Who did it and from where: built once per request. */
export interface AuditContext {
	actorId: string | null;
	actorEmail: string | null;
	ip: string | null;
	userAgent: string | null;
	requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = {
	actorId: null,
	actorEmail: 'system',
	ip: null,
	userAgent: null,
	requestId: null
};

export interface AuditEvent {
	action: string;
	partnershipId?: string | null;
	organisationId?: string | null;
	subjectType?: string;
	subjectId?: string;
	detail?: Record<string, unknown>;
}

export async function recordAudit(db: Queryable, ctx: AuditContext, event: AuditEvent): Promise<void> {
	await db.query(
		`insert into audit_log (actor_id, actor_email, action, partnership_id, organisation_id,
			subject_type, subject_id, detail, ip, user_agent, request_id)
		 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		[
			ctx.actorId,
			ctx.actorEmail,
			event.action,
			event.partnershipId ?? null,
			event.organisationId ?? null,
			event.subjectType ?? null,
			event.subjectId ?? null,
			event.detail ?? {},
			ctx.ip,
			ctx.userAgent?.slice(0, 300) ?? null,
			ctx.requestId
		]
	);
}

export interface AuditEntry {
	id: number;
	at: Date;
	actorEmail: string | null;
	action: string;
	organisationName: string | null;
	subjectType: string | null;
	subjectId: string | null;
	detail: Record<string, unknown>;
	ip: string | null;
	/** The cycle the entry is about (its subject, or the cycle a return was started on or sent to), by its title. */
	cycleTitle: string | null;
}

export interface AuditFilter {
	/** Limit to one partnership's entries; undefined means the whole installation. */
	partnershipId?: string;
	actor?: string;
	action?: string;
	from?: string;
	to?: string;
	page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(
	db: Queryable,
	filter: AuditFilter
): Promise<{ entries: AuditEntry[]; total: number; page: number; pages: number }> {
	const where: string[] = [];
	const params: unknown[] = [];
	const add = (clause: string, value: unknown) => {
		params.push(value);
		where.push(clause.replaceAll('?', `$${params.length}`));
	};
	if (filter.partnershipId) add('a.partnership_id = ?', filter.partnershipId);
	if (filter.actor) add(`a.actor_email ilike '%' || ? || '%'`, filter.actor);
	if (filter.action) add(`a.action like ? || '%'`, filter.action);
	// From and to are UK calendar days: midnight in London, BST or not.
	if (filter.from) add(`a.at >= (?::date)::timestamp at time zone 'Europe/London'`, filter.from);
	if (filter.to) add(`a.at < (?::date + 1)::timestamp at time zone 'Europe/London'`, filter.to);
	const whereSql = where.length ? `where ${where.join(' and ')}` : '';
	const page = Math.max(1, filter.page ?? 1);
	const [countRows, rows] = await Promise.all([
		db.query<{ n: number }>(`select count(*) as n from audit_log a ${whereSql}`, params),
		db.query<{
			id: number;
			at: Date;
			actor_email: string | null;
			action: string;
			organisation_name: string | null;
			subject_type: string | null;
			subject_id: string | null;
			detail: Record<string, unknown>;
			ip: string | null;
		}>(
			`select a.id, a.at, a.actor_email, a.action, o.name as organisation_name, a.subject_type, a.subject_id,
				a.detail, a.ip
			 from audit_log a left join organisations o on o.id = a.organisation_id
			 ${whereSql} order by a.at desc, a.id desc limit ${AUDIT_PAGE_SIZE} offset ${(page - 1) * AUDIT_PAGE_SIZE}`,
			params
		)
	]);
	const total = countRows[0].n;
	const titles = await cycleTitles(db, rows.map(cycleOf));
	return {
		total,
		page,
		pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
		entries: rows.map((r) => ({
			id: r.id,
			at: r.at,
			actorEmail: r.actor_email,
			action: r.action,
			organisationName: r.organisation_name,
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			detail: r.detail,
			ip: r.ip,
			cycleTitle: titles.get(cycleOf(r) ?? '') ?? null
		}))
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cycle an entry names: as its subject, or in its detail (a submission, a return started on a cycle). */
function cycleOf(r: { subject_type: string | null; subject_id: string | null; detail: Record<string, unknown> }): string | null {
	const id = r.subject_type === 'cycle' ? r.subject_id : r.detail.cycle;
	return typeof id === 'string' && UUID.test(id) ? id : null;
}

/** Titles are looked up when the log is read, so entries written before they named their cycle read as well as new ones. */
async function cycleTitles(db: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (!wanted.length) return new Map();
	const rows = await db.query<{ id: string; title: string }>('select id, title from cycles where id = any($1::uuid[])', [wanted]);
	return new Map(rows.map((r) => [r.id, r.title]));
}

/** An entry as the audit log pages show it. */
export function auditRow(e: AuditEntry) {
	const detail = Object.entries(e.detail)
		// The cycle is named on its own line, not again by its id.
		.filter(([k]) => !(k === 'cycle' && e.cycleTitle))
		.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
		.join(', ');
	return {
		id: e.id,
		at: e.at.toISOString(),
		actorEmail: e.actorEmail,
		action: e.action,
		organisationName: e.organisationName,
		cycleTitle: e.cycleTitle,
		subject: e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}`.trim() : '',
		detail,
		ip: e.ip
	};
}
