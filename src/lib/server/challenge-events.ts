// Challenge events: the chair's panel meetings for a cycle, their details and
// panel. Each write is one transaction, audit-logged; the details carry a
// version so a stale page gets what is stored now, never an overwrite. The
// organisations' slots and their records are in challenge-event-slots.ts.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { eventStatus, type EventDetails, type EventStatus, type Guest } from '../domain/challenge-events';

export interface ChallengeEvent extends EventDetails {
	id: string;
	partnershipId: string;
	cycleId: string;
	cycleTitle: string;
	partnershipName: string;
	createdBy: string | null;
	createdByName: string | null;
	createdByEmail: string | null;
	cancelledAt: Date | null;
	status: EventStatus;
	slotCount: number;
	version: number;
}

type EventRow = {
	id: string;
	partnership_id: string;
	cycle_id: string;
	cycle_title: string;
	partnership_name: string;
	title: string;
	starts_at: Date;
	ends_at: Date;
	place: string;
	online_link: string;
	agenda: string;
	created_by: string | null;
	created_by_name: string | null;
	created_by_email: string | null;
	cancelled_at: Date | null;
	slot_count: number;
	recorded: number;
	version: number;
};

const SELECT = `select e.*, c.title as cycle_title, p.name as partnership_name, u.name as created_by_name, u.email as created_by_email,
	(select count(*)::int from challenge_event_slots s where s.event_id = e.id) as slot_count,
	(select count(*)::int from challenge_event_slots s where s.event_id = e.id and s.outcome is not null) as recorded
	from challenge_events e join cycles c on c.id = e.cycle_id join partnerships p on p.id = e.partnership_id left join users u on u.id = e.created_by`;

const toEvent = (r: EventRow): ChallengeEvent => ({
	id: r.id,
	partnershipId: r.partnership_id,
	cycleId: r.cycle_id,
	cycleTitle: r.cycle_title,
	partnershipName: r.partnership_name,
	title: r.title,
	startsAt: r.starts_at,
	endsAt: r.ends_at,
	place: r.place,
	onlineLink: r.online_link,
	agenda: r.agenda,
	createdBy: r.created_by,
	createdByName: r.created_by_name,
	createdByEmail: r.created_by_email,
	cancelledAt: r.cancelled_at,
	status: eventStatus({ cancelledAt: r.cancelled_at }, r.recorded),
	slotCount: r.slot_count,
	version: r.version
});

export async function getEvent(db: Queryable, id: string): Promise<ChallengeEvent | null> {
	const rows = await db.query<EventRow>(`${SELECT} where e.id = $1`, [id]);
	return rows[0] ? toEvent(rows[0]) : null;
}

/** A cycle's events, soonest first. */
export async function listEvents(db: Queryable, cycleId: string): Promise<ChallengeEvent[]> {
	return (await db.query<EventRow>(`${SELECT} where e.cycle_id = $1 order by e.starts_at, e.created_at`, [cycleId])).map(toEvent);
}

const audit = (tx: Queryable, ctx: AuditContext, e: { id: string; partnershipId: string }, action: string, detail: Record<string, unknown> = {}) =>
	recordAudit(tx, ctx, { action: `challenge_event.${action}`, partnershipId: e.partnershipId, subjectType: 'challenge_event', subjectId: e.id, detail });

export async function createEvent(db: Queryable, ctx: AuditContext, cycle: { id: string; partnershipId: string }, d: EventDetails): Promise<string> {
	return db.transaction(async (tx) => {
		const [row] = await tx.query<{ id: string }>(
			`insert into challenge_events (partnership_id, cycle_id, title, starts_at, ends_at, place, online_link, agenda, created_by, updated_by)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id`,
			[cycle.partnershipId, cycle.id, d.title, d.startsAt, d.endsAt, d.place, d.onlineLink, d.agenda, ctx.actorId]
		);
		await audit(tx, ctx, { id: row.id, partnershipId: cycle.partnershipId }, 'created', { cycle: cycle.id, startsAt: d.startsAt.toISOString() });
		return row.id;
	});
}

/** `invitationsChanged`: the time or place moved, so every slot's invitation must be sent again. */
export type EventWrite = { ok: true; event: ChallengeEvent; invitationsChanged: boolean } | { ok: false; reason: 'stale' | 'cancelled'; current: ChallengeEvent };

/**
 * Changes the details if the event is still at `expectedVersion` and not
 * cancelled. A new start moves every slot by as much; a new time or place
 * raises every slot's invitation sequence.
 */
export async function updateEvent(db: Queryable, ctx: AuditContext, event: ChallengeEvent, d: EventDetails, expectedVersion: number): Promise<EventWrite> {
	return db.transaction(async (tx) => {
		const locked = await lock(tx, event.id, expectedVersion);
		if (!locked.ok) return locked;
		await tx.query(
			`update challenge_events set title = $2, starts_at = $3, ends_at = $4, place = $5, online_link = $6, agenda = $7,
				updated_at = now(), updated_by = $8, version = version + 1 where id = $1`,
			[event.id, d.title, d.startsAt, d.endsAt, d.place, d.onlineLink, d.agenda, ctx.actorId]
		);
		const shift = d.startsAt.getTime() - event.startsAt.getTime();
		const invitationsChanged = shift !== 0 || d.endsAt.getTime() !== event.endsAt.getTime() || d.place !== event.place || d.onlineLink !== event.onlineLink;
		if (invitationsChanged) {
			await tx.query(
				`update challenge_event_slots set starts_at = starts_at + make_interval(secs => $2::int), ends_at = ends_at + make_interval(secs => $2::int),
					sequence = sequence + 1 where event_id = $1`,
				[event.id, Math.round(shift / 1000)]
			);
		}
		await audit(tx, ctx, event, 'updated', { startsAt: d.startsAt.toISOString(), place: d.place, onlineLink: d.onlineLink });
		return { ok: true, event: (await getEvent(tx, event.id))!, invitationsChanged };
	});
}

export async function cancelEvent(db: Queryable, ctx: AuditContext, event: ChallengeEvent, expectedVersion: number): Promise<EventWrite> {
	return db.transaction(async (tx) => {
		const locked = await lock(tx, event.id, expectedVersion);
		if (!locked.ok) return locked;
		await tx.query('update challenge_events set cancelled_at = now(), cancelled_by = $2, updated_at = now(), version = version + 1 where id = $1', [event.id, ctx.actorId]);
		await tx.query('update challenge_event_slots set sequence = sequence + 1 where event_id = $1', [event.id]);
		await audit(tx, ctx, event, 'cancelled');
		return { ok: true, event: (await getEvent(tx, event.id))!, invitationsChanged: true };
	});
}

async function lock(tx: Queryable, id: string, expectedVersion: number): Promise<{ ok: true } | { ok: false; reason: 'stale' | 'cancelled'; current: ChallengeEvent }> {
	const [row] = await tx.query<{ version: number; cancelled_at: Date | null }>('select version, cancelled_at from challenge_events where id = $1 for update', [id]);
	if (row.version === expectedVersion && !row.cancelled_at) return { ok: true };
	return { ok: false, reason: row.cancelled_at ? 'cancelled' : 'stale', current: (await getEvent(tx, id))! };
}

export interface PanelMember {
	userId: string | null;
	name: string;
	email: string | null;
	/** A user's roles in the partnership, or a guest's role and organisation as given. */
	role: string;
	guest: boolean;
}

export async function eventPanel(db: Queryable, eventId: string): Promise<PanelMember[]> {
	const rows = await db.query<{ user_id: string | null; name: string; email: string | null; role: string | null }>(
		`select p.user_id, coalesce(u.name, p.guest_name) as name, coalesce(u.email, p.guest_email) as email,
			case when p.user_id is null then p.guest_role else
				(select string_agg(r.role, ', ' order by r.role) from partnership_roles r join challenge_events e on e.id = p.event_id
				 where r.user_id = p.user_id and r.partnership_id = e.partnership_id) end as role
		 from challenge_event_panel p left join users u on u.id = p.user_id
		 where p.event_id = $1 order by p.user_id is null, coalesce(u.name, p.guest_name)`,
		[eventId]
	);
	return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, role: r.role ?? '', guest: r.user_id === null }));
}

/** The partnership's users who may sit on a panel: everyone holding a role in it. */
export async function panelChoices(db: Queryable, partnershipId: string): Promise<{ id: string; name: string; roles: string[] }[]> {
	return db.query<{ id: string; name: string; roles: string[] }>(
		`select u.id, u.name, array_agg(r.role order by r.role) as roles from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = $1 and u.disabled_at is null group by u.id, u.name order by u.name`,
		[partnershipId]
	);
}

/** Replaces the panel: the users chosen (only the partnership's own) and the named guests. */
export async function setPanel(db: Queryable, ctx: AuditContext, event: ChallengeEvent, userIds: readonly string[], guests: readonly Guest[]): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query('delete from challenge_event_panel where event_id = $1', [event.id]);
		await tx.query(
			`insert into challenge_event_panel (event_id, user_id)
			 select $1, u.id from users u where u.id = any($2::uuid[]) and exists (select 1 from partnership_roles r where r.user_id = u.id and r.partnership_id = $3)`,
			[event.id, userIds, event.partnershipId]
		);
		for (const g of guests) {
			await tx.query('insert into challenge_event_panel (event_id, guest_name, guest_email, guest_role) values ($1, $2, $3, $4)', [event.id, g.name, g.email || null, g.role || null]);
		}
		await audit(tx, ctx, event, 'panel', { users: userIds.length, guests: guests.length });
	});
}
