// The organisations invited to a challenge event: a slot each, and the record
// of its session (attendees, questions and answers, the outcome, the agreed
// grades). A slot carries its own version: a stale save is refused with what
// is stored now. Agreed grades go through setAgreedGrade, which keeps the
// grade history; challenges raised go straight into the challenge log.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { setAgreedGrade } from './moderation-steps';
import { getModeration } from './moderation';
import type { EventOutcome, QuestionAndAnswer, SlotRecord } from '../domain/challenge-events';

export interface Slot {
	id: string;
	eventId: string;
	organisationId: string;
	organisationName: string;
	startsAt: Date;
	endsAt: Date;
	reason: string;
	attendees: string;
	questions: QuestionAndAnswer[];
	outcome: EventOutcome | null;
	recordedAt: Date | null;
	recordedByName: string | null;
	sequence: number;
	version: number;
}

type SlotRow = {
	id: string;
	event_id: string;
	organisation_id: string;
	organisation_name: string;
	starts_at: Date;
	ends_at: Date;
	reason: string;
	attendees: string;
	questions: QuestionAndAnswer[];
	outcome: EventOutcome | null;
	recorded_at: Date | null;
	recorded_by_name: string | null;
	sequence: number;
	version: number;
};

const SELECT = `select s.*, o.name as organisation_name, u.name as recorded_by_name from challenge_event_slots s
	join organisations o on o.id = s.organisation_id left join users u on u.id = s.recorded_by`;

const toSlot = (r: SlotRow): Slot => ({
	id: r.id,
	eventId: r.event_id,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	startsAt: r.starts_at,
	endsAt: r.ends_at,
	reason: r.reason,
	attendees: r.attendees,
	questions: r.questions ?? [],
	outcome: r.outcome,
	recordedAt: r.recorded_at,
	recordedByName: r.recorded_by_name,
	sequence: r.sequence,
	version: r.version
});

export async function listSlots(db: Queryable, eventId: string): Promise<Slot[]> {
	return (await db.query<SlotRow>(`${SELECT} where s.event_id = $1 order by s.starts_at, o.name`, [eventId])).map(toSlot);
}

/** A slot of this event: any other id, wherever it exists, is null. */
export async function getSlot(db: Queryable, eventId: string, slotId: string): Promise<Slot | null> {
	const rows = await db.query<SlotRow>(`${SELECT} where s.event_id = $1 and s.id = $2`, [eventId, slotId]);
	return rows[0] ? toSlot(rows[0]) : null;
}

/** A slot of this organisation: another organisation's is null. */
export async function slotOfOrganisation(db: Queryable, organisationId: string, slotId: string): Promise<Slot | null> {
	const rows = await db.query<SlotRow>(`${SELECT} where s.organisation_id = $1 and s.id = $2`, [organisationId, slotId]);
	return rows[0] ? toSlot(rows[0]) : null;
}

export interface Invitation {
	organisationId: string;
	startsAt: Date;
	endsAt: Date;
	reason: string;
}

/**
 * Invites organisations of the event's cycle (others are skipped, as are those
 * already invited). Returns the slots made, for the invitations to be sent.
 */
export async function inviteOrganisations(db: Queryable, ctx: AuditContext, event: { id: string; partnershipId: string; cycleId: string }, invitations: readonly Invitation[]): Promise<Slot[]> {
	return db.transaction(async (tx) => {
		const made: string[] = [];
		for (const i of invitations) {
			const rows = await tx.query<{ id: string }>(
				`insert into challenge_event_slots (event_id, organisation_id, starts_at, ends_at, reason)
				 select $1, $2, $3, $4, $5 where exists (select 1 from cycle_participants cp where cp.cycle_id = $6 and cp.organisation_id = $2)
				 on conflict (event_id, organisation_id) do nothing returning id`,
				[event.id, i.organisationId, i.startsAt, i.endsAt, i.reason, event.cycleId]
			);
			if (!rows.length) continue;
			made.push(rows[0].id);
			await recordAudit(tx, ctx, { action: 'challenge_event.invited', partnershipId: event.partnershipId, organisationId: i.organisationId, subjectType: 'challenge_event', subjectId: event.id, detail: { slot: rows[0].id, startsAt: i.startsAt.toISOString() } });
		}
		return (await listSlots(tx, event.id)).filter((s) => made.includes(s.id));
	});
}

export type SlotWrite = { ok: true; slot: Slot } | { ok: false; reason: 'stale'; current: Slot };

async function lockSlot(tx: Queryable, slot: Slot, expectedVersion: number): Promise<SlotWrite | null> {
	const [row] = await tx.query<{ version: number }>('select version from challenge_event_slots where id = $1 for update', [slot.id]);
	return row.version === expectedVersion ? null : { ok: false, reason: 'stale', current: (await getSlot(tx, slot.eventId, slot.id))! };
}

/** Moves a slot: its calendar invitation's sequence goes up so calendars update the entry they have. */
export async function moveSlot(db: Queryable, ctx: AuditContext, partnershipId: string, slot: Slot, startsAt: Date, endsAt: Date, expectedVersion: number): Promise<SlotWrite> {
	return db.transaction(async (tx) => {
		const stale = await lockSlot(tx, slot, expectedVersion);
		if (stale) return stale;
		await tx.query('update challenge_event_slots set starts_at = $2, ends_at = $3, sequence = sequence + 1, version = version + 1 where id = $1', [slot.id, startsAt, endsAt]);
		await recordAudit(tx, ctx, { action: 'challenge_event.slot_moved', partnershipId, organisationId: slot.organisationId, subjectType: 'challenge_event', subjectId: slot.eventId, detail: { slot: slot.id, startsAt: startsAt.toISOString() } });
		return { ok: true, slot: (await getSlot(tx, slot.eventId, slot.id))! };
	});
}

/**
 * Saves the record of an organisation's session if the slot is still at
 * `expectedVersion`. Agreed grades are written only where they differ from
 * what is agreed now; a standard the moderation has no row for is skipped.
 */
export async function saveRecord(
	db: Queryable,
	ctx: AuditContext,
	event: { id: string; partnershipId: string; cycleId: string; title: string },
	slot: Slot,
	record: SlotRecord,
	expectedVersion: number,
	defaultRationale: string
): Promise<SlotWrite & { agreed?: string[] }> {
	return db.transaction(async (tx) => {
		const stale = await lockSlot(tx, slot, expectedVersion);
		if (stale) return stale;
		await tx.query(
			`update challenge_event_slots set attendees = $2, questions = $3, outcome = $4, recorded_at = now(), recorded_by = $5, version = version + 1 where id = $1`,
			[slot.id, record.attendees, record.questions, record.outcome, ctx.actorId]
		);
		const agreed: string[] = [];
		const moderation = await getModeration(tx, event.cycleId, slot.organisationId);
		for (const [code, a] of Object.entries(record.agreed)) {
			const current = moderation?.standards.get(code);
			if (!moderation || !current) continue;
			const rationale = a.rationale || defaultRationale;
			if (current.agreedGrade === a.grade && (current.agreedRationale === rationale || !a.rationale)) continue;
			await setAgreedGrade(tx, ctx, moderation, code, a.grade, rationale, 'challenge_event');
			agreed.push(code);
		}
		await recordAudit(tx, ctx, { action: 'challenge_event.recorded', partnershipId: event.partnershipId, organisationId: slot.organisationId, subjectType: 'challenge_event', subjectId: event.id, detail: { slot: slot.id, outcome: record.outcome, questions: record.questions.length, agreed } });
		return { ok: true, slot: (await getSlot(tx, event.id, slot.id))!, agreed };
	});
}

export interface OwnSlot {
	slotId: string;
	eventId: string;
	eventTitle: string;
	partnershipName: string;
	cycleTitle: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
	onlineLink: string;
	agenda: string;
	standardCodes: string[];
	cancelled: boolean;
}

/** An organisation's slots at events not yet over (and cancelled ones, so people know), soonest first. */
export async function slotsOfOrganisations(db: Queryable, organisationIds: readonly string[], now = new Date()): Promise<(OwnSlot & { organisationId: string })[]> {
	if (!organisationIds.length) return [];
	const rows = await db.query<{ slot_id: string; organisation_id: string; event_id: string; event_title: string; partnership_name: string; cycle_title: string; starts_at: Date; ends_at: Date; place: string; online_link: string; agenda: string; standard_codes: string[]; cancelled_at: Date | null }>(
		`select s.id as slot_id, s.organisation_id, e.id as event_id, e.title as event_title, p.name as partnership_name, c.title as cycle_title,
			s.starts_at, s.ends_at, e.place, e.online_link, e.agenda, c.standard_codes, e.cancelled_at
		 from challenge_event_slots s join challenge_events e on e.id = s.event_id join cycles c on c.id = e.cycle_id join partnerships p on p.id = e.partnership_id
		 where s.organisation_id = any($1::uuid[]) and s.ends_at > $2 order by s.starts_at`,
		[organisationIds, now]
	);
	return rows.map((r) => ({
		slotId: r.slot_id,
		organisationId: r.organisation_id,
		eventId: r.event_id,
		eventTitle: r.event_title,
		partnershipName: r.partnership_name,
		cycleTitle: r.cycle_title,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		place: r.place,
		onlineLink: r.online_link,
		agenda: r.agenda,
		standardCodes: r.standard_codes,
		cancelled: r.cancelled_at !== null
	}));
}
