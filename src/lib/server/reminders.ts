// Chasing returns: who has not returned and whom a reminder reaches, the
// cycle's schedule, and sending. Each reminder is logged once per (cycle,
// organisation, occasion), in the transaction that queues its mail: a second
// send of the same occasion (another instance, a rerun after a crash, a double
// click) finds the row and sends nothing.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { enqueueMail } from './mail';
import { listParticipants } from './cycle-participants';
import type { Cycle } from './cycles';
import { ukToday } from '../domain/cycles';
import { DEFAULT_SCHEDULE, reminderMessage, type ReminderSchedule } from '../domain/reminders';

export interface Lead {
	name: string;
	email: string;
}

/** A participant that has not returned, with the leads a reminder goes to (none: it cannot be reminded). */
export interface Outstanding {
	organisationId: string;
	name: string;
	deadline: string;
	overdue: boolean;
	returnId: string | null;
	leads: Lead[];
}

export async function outstandingOrganisations(db: Queryable, cycle: Cycle, today: string): Promise<Outstanding[]> {
	const waiting = (await listParticipants(db, cycle, today)).filter((p) => !p.firstSubmittedAt);
	if (!waiting.length) return [];
	const ids = waiting.map((p) => p.organisationId);
	const [leads, returns] = await Promise.all([
		db.query<{ organisation_id: string; name: string; email: string }>(
			`select r.organisation_id, u.name, u.email from organisation_roles r join users u on u.id = r.user_id
			 where r.organisation_id = any($1::uuid[]) and r.role = 'lead' and u.disabled_at is null order by lower(u.name), u.email`,
			[ids]
		),
		db.query<{ organisation_id: string; id: string }>('select organisation_id, id from returns where organisation_id = any($1::uuid[]) and template_id = $2', [ids, cycle.templateId])
	]);
	return waiting.map((p) => ({
		organisationId: p.organisationId,
		name: p.name,
		deadline: p.deadline,
		overdue: p.state === 'overdue',
		returnId: returns.find((r) => r.organisation_id === p.organisationId)?.id ?? null,
		leads: leads.filter((l) => l.organisation_id === p.organisationId).map((l) => ({ name: l.name, email: l.email }))
	}));
}

/** The page a reminder links to: the return itself once started, else the organisation's page with Start. */
export const returnLink = (origin: string, o: Outstanding) => `${origin}/organisations/${o.organisationId}${o.returnId ? `/returns/${o.returnId}` : ''}`;

export function messageFor(cycle: Cycle, o: Outstanding, origin: string, today: string, extra = '') {
	return reminderMessage({
		partnershipName: cycle.partnershipName,
		organisationName: o.name,
		cycleTitle: cycle.title,
		templateTitle: cycle.templateTitle,
		deadline: o.deadline,
		today,
		link: returnLink(origin, o),
		extra
	});
}

export async function getSchedule(db: Queryable, cycleId: string): Promise<ReminderSchedule> {
	const rows = await db.query<{ enabled: boolean; days_before: number[]; weekly_overdue: boolean }>(
		'select enabled, days_before, weekly_overdue from reminder_schedules where cycle_id = $1',
		[cycleId]
	);
	const r = rows[0];
	return r ? { enabled: r.enabled, daysBefore: r.days_before.map(Number), weeklyOverdue: r.weekly_overdue } : DEFAULT_SCHEDULE;
}

export async function setSchedule(db: Queryable, ctx: AuditContext, cycle: Cycle, s: ReminderSchedule): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into reminder_schedules (cycle_id, enabled, days_before, weekly_overdue, updated_at, updated_by)
			 values ($1, $2, $3::int[], $4, now(), $5)
			 on conflict (cycle_id) do update set enabled = excluded.enabled, days_before = excluded.days_before,
			   weekly_overdue = excluded.weekly_overdue, updated_at = now(), updated_by = excluded.updated_by`,
			[cycle.id, s.enabled, `{${s.daysBefore.join(',')}}`, s.weeklyOverdue, ctx.actorId]
		);
		await recordAudit(tx, ctx, { action: 'cycle.reminder_schedule', partnershipId: cycle.partnershipId, subjectType: 'cycle', subjectId: cycle.id, detail: { ...s } });
	});
}

export interface Occasion {
	/** A scheduled occasion's UK date, or 'now:' and the form's key. */
	key: string;
	kind: 'now' | 'scheduled';
	extra?: string;
}

/**
 * Mails each of the organisation's leads, logs the reminder and records it in
 * the audit log, all in one transaction. False when this occasion was already
 * sent to the organisation (or it has no lead): nothing is sent again.
 */
export async function sendReminder(db: Queryable, ctx: AuditContext, cycle: Cycle, o: Outstanding, occasion: Occasion, origin: string, now = new Date()): Promise<boolean> {
	if (!o.leads.length) return false;
	const { subject, text } = messageFor(cycle, o, origin, ukToday(now), occasion.extra);
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into reminders (cycle_id, organisation_id, occasion, kind, recipients, subject, sent_at, sent_by)
			 values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8) on conflict (cycle_id, organisation_id, occasion) do nothing returning id`,
			[cycle.id, o.organisationId, occasion.key, occasion.kind, JSON.stringify(o.leads), subject, now, ctx.actorId]
		);
		if (!rows.length) return false;
		for (const lead of o.leads) await enqueueMail(tx, { to: lead.email, subject, text }, now);
		await recordAudit(tx, ctx, {
			action: 'cycle.reminder',
			partnershipId: cycle.partnershipId,
			organisationId: o.organisationId,
			subjectType: 'cycle',
			subjectId: cycle.id,
			detail: { kind: occasion.kind, occasion: occasion.kind === 'scheduled' ? occasion.key : 'now', recipients: o.leads.map((l) => l.email) }
		});
		return true;
	});
}

export interface SentReminder {
	id: string;
	organisationName: string;
	recipients: Lead[];
	subject: string;
	kind: 'now' | 'scheduled';
	sentAt: Date;
	sentByName: string | null;
}

/** Every reminder sent for the cycle, newest first. */
export async function sentReminders(db: Queryable, cycleId: string): Promise<SentReminder[]> {
	const rows = await db.query<{ id: string; organisation_name: string; recipients: Lead[]; subject: string; kind: 'now' | 'scheduled'; sent_at: Date; sent_by_name: string | null }>(
		`select r.id, o.name as organisation_name, r.recipients, r.subject, r.kind, r.sent_at, u.name as sent_by_name
		 from reminders r join organisations o on o.id = r.organisation_id left join users u on u.id = r.sent_by
		 where r.cycle_id = $1 order by r.sent_at desc, lower(o.name)`,
		[cycleId]
	);
	return rows.map((r) => ({ id: r.id, organisationName: r.organisation_name, recipients: r.recipients, subject: r.subject, kind: r.kind, sentAt: r.sent_at, sentByName: r.sent_by_name }));
}

/** The UK day each organisation was last reminded in the cycle, by any means. */
export async function lastReminded(db: Queryable, cycleId: string): Promise<Map<string, string>> {
	const rows = await db.query<{ organisation_id: string; at: Date }>('select organisation_id, max(sent_at) as at from reminders where cycle_id = $1 group by organisation_id', [cycleId]);
	return new Map(rows.map((r) => [r.organisation_id, ukToday(new Date(r.at))]));
}
