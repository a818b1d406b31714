// Who takes part in a cycle: participants, their extensions, how far each has
// got, and every cycle an organisation takes part in.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { CYCLE_COLUMNS, CYCLE_FROM, toCycle, type Cycle, type CycleRow } from './cycles';
import { contentHash } from './returns';
import type { OrganisationKind, SchoolPhase, Sector } from '../domain/organisations';
import { countStates, effectiveDeadline, participantState, type ParticipantState } from '../domain/cycles';

// An organisation has started on a cycle once it pressed Start for it, or has
// worked on the return the cycle asks for since the cycle opened (one return
// serves every partnership that asks for it). Needs aliases c and cp.
export const STARTED = `exists (select 1 from returns r2 where r2.organisation_id = cp.organisation_id and r2.template_id = c.template_id
	and (exists (select 1 from return_cycles rc where rc.return_id = r2.id and rc.cycle_id = c.id)
		or exists (select 1 from responses x where x.return_id = r2.id and x.updated_at >= c.opens_on)))`;

// A participant's submissions to its cycle, summed up in one pass: the first
// (when, and whether it was late) and the latest. Needs alias cp; gives alias s.
export const SUBMISSIONS = `left join lateral (
	select min(submitted_at) as first_submitted_at,
		(array_agg(late order by version))[1] as first_late,
		(array_agg(id order by version desc))[1] as latest_submission_id,
		max(version) as latest_version,
		max(submitted_at) as latest_submitted_at
	from submissions where cycle_id = cp.cycle_id and organisation_id = cp.organisation_id
) s on true`;

export interface Participant {
	organisationId: string;
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	/** A school's phase as the national register gives it; null when not known (and for agencies). */
	phase: SchoolPhase | null;
	extendedTo: string | null;
	deadline: string;
	started: boolean;
	firstSubmittedAt: Date | null;
	latestSubmissionId: string | null;
	latestVersion: number | null;
	state: ParticipantState;
}

/** The first submission's stored late flag, as participantState reads it. */
const firstSubmission = (r: { first_submitted_at: Date | null; first_late: boolean | null }) =>
	r.first_submitted_at ? { late: r.first_late === true } : null;

export async function listParticipants(db: Queryable, cycle: Cycle, today: string): Promise<Participant[]> {
	return (await participantsOfCycles(db, [cycle], today)).get(cycle.id) ?? [];
}

/** Each cycle's participants (as listParticipants gives them), read in one query however many cycles: a partnership's dashboard. */
export async function participantsOfCycles(db: Queryable, cycles: readonly Cycle[], today: string): Promise<Map<string, Participant[]>> {
	const byId = new Map(cycles.map((c) => [c.id, c]));
	const result = new Map<string, Participant[]>(cycles.map((c) => [c.id, []]));
	if (!cycles.length) return result;
	const rows = await db.query<{
		cycle_id: string;
		organisation_id: string;
		name: string;
		kind: OrganisationKind;
		sector: Sector;
		phase: SchoolPhase | null;
		extended_to: string | null;
		started: boolean;
		first_submitted_at: Date | null;
		first_late: boolean | null;
		latest_submission_id: string | null;
		latest_version: number | null;
	}>(
		`select cp.cycle_id, cp.organisation_id, o.name, o.kind, o.sector, o.phase, cp.extended_to,
			${STARTED} as started,
			s.first_submitted_at, s.first_late, s.latest_submission_id, s.latest_version
		 from cycle_participants cp
		 join cycles c on c.id = cp.cycle_id
		 join organisations o on o.id = cp.organisation_id
		 ${SUBMISSIONS}
		 where cp.cycle_id = any($1::uuid[])
		 order by lower(o.name)`,
		[[...byId.keys()]]
	);
	for (const r of rows) {
		const cycle = byId.get(r.cycle_id)!;
		const deadline = effectiveDeadline(cycle, r.extended_to);
		result.get(cycle.id)!.push({
			organisationId: r.organisation_id,
			name: r.name,
			kind: r.kind,
			sector: r.sector,
			phase: r.phase,
			extendedTo: r.extended_to,
			deadline,
			started: r.started,
			firstSubmittedAt: r.first_submitted_at,
			latestSubmissionId: r.latest_submission_id,
			latestVersion: r.latest_version,
			state: participantState({ started: r.started, firstSubmission: firstSubmission(r), deadline }, today)
		});
	}
	return result;
}

export async function isParticipant(db: Queryable, cycleId: string, organisationId: string): Promise<{ extendedTo: string | null } | null> {
	const rows = await db.query<{ extended_to: string | null }>(
		'select extended_to from cycle_participants where cycle_id = $1 and organisation_id = $2',
		[cycleId, organisationId]
	);
	return rows[0] ? { extendedTo: rows[0].extended_to } : null;
}

export type ExtensionOutcome = 'changed' | 'not_participant' | 'cycle_closed';

/**
 * Gives one organisation a later deadline, or takes it away. Only until the
 * cycle is closed: lateness is fixed on each submission when it is sent, and a
 * closed cycle's deadlines are part of its record.
 */
export async function setExtension(
	db: Queryable,
	ctx: AuditContext,
	cycle: Cycle,
	organisationId: string,
	extendedTo: string | null
): Promise<ExtensionOutcome> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ closed: boolean }>(
			`select c.closed_at is not null as closed from cycle_participants cp join cycles c on c.id = cp.cycle_id
			 where cp.cycle_id = $1 and cp.organisation_id = $2 for update`,
			[cycle.id, organisationId]
		);
		if (!rows.length) return 'not_participant';
		if (rows[0].closed) return 'cycle_closed';
		await tx.query('update cycle_participants set extended_to = $3 where cycle_id = $1 and organisation_id = $2', [cycle.id, organisationId, extendedTo]);
		await recordAudit(tx, ctx, {
			action: 'cycle.extension',
			partnershipId: cycle.partnershipId,
			organisationId,
			subjectType: 'cycle',
			subjectId: cycle.id,
			detail: { extendedTo }
		});
		return 'changed';
	});
}

export type AddOutcome = { ok: true; added: number } | { ok: false; reason: 'cycle_closed' };

/** Adds current members to a cycle that is not closed: a closed cycle's participants are part of its record. */
export async function addParticipants(db: Queryable, ctx: AuditContext, cycle: Cycle, organisationIds: string[]): Promise<AddOutcome> {
	return db.transaction(async (tx) => {
		const state = await tx.query<{ closed: boolean }>('select closed_at is not null as closed from cycles where id = $1 for update', [cycle.id]);
		if (state[0]?.closed) return { ok: false, reason: 'cycle_closed' } as const;
		const rows = await tx.query<{ organisation_id: string }>(
			`insert into cycle_participants (cycle_id, organisation_id)
			 select $1, m.organisation_id from partnership_members m
			 where m.partnership_id = $2 and m.active and m.organisation_id = any($3::uuid[])
			 on conflict do nothing returning organisation_id`,
			[cycle.id, cycle.partnershipId, organisationIds]
		);
		if (rows.length) {
			await recordAudit(tx, ctx, {
				action: 'cycle.add_participants',
				partnershipId: cycle.partnershipId,
				organisationId: rows.length === 1 ? rows[0].organisation_id : null,
				subjectType: 'cycle',
				subjectId: cycle.id,
				detail: { added: rows.length }
			});
		}
		return { ok: true, added: rows.length } as const;
	});
}

/** The partnership's cycles that are not closed and that the organisation is not in, soonest deadline first: to offer a new member. */
export async function cyclesToJoin(db: Queryable, partnershipId: string, organisationId: string): Promise<Cycle[]> {
	const rows = await db.query<CycleRow>(
		`select ${CYCLE_COLUMNS} ${CYCLE_FROM}
		 where c.partnership_id = $1 and c.closed_at is null
		   and not exists (select 1 from cycle_participants cp where cp.cycle_id = c.id and cp.organisation_id = $2)
		 order by c.closes_on, c.title`,
		[partnershipId, organisationId]
	);
	return rows.map(toCycle);
}

/** Members of the partnership not yet in the cycle, for adding late joiners. */
export async function nonParticipants(db: Queryable, cycle: Cycle): Promise<{ id: string; name: string; kind: OrganisationKind }[]> {
	return db.query(
		`select o.id, o.name, o.kind from partnership_members m join organisations o on o.id = m.organisation_id
		 where m.partnership_id = $1 and m.active
		   and not exists (select 1 from cycle_participants cp where cp.cycle_id = $2 and cp.organisation_id = o.id)
		 order by lower(o.name)`,
		[cycle.partnershipId, cycle.id]
	);
}

/** Each open cycle of a partnership (opened, not closed) with how many participants are in each state: its overview. */
export async function openCycleProgress(db: Queryable, partnershipId: string, today: string): Promise<{ cycle: Cycle; counts: Record<ParticipantState, number> }[]> {
	const rows = await db.query<CycleRow>(
		`select ${CYCLE_COLUMNS} ${CYCLE_FROM} where c.partnership_id = $1 and c.closed_at is null and c.opens_on <= $2 order by c.closes_on, c.title`,
		[partnershipId, today]
	);
	// Each one's states are worked out as on its own page.
	const cycles = rows.map(toCycle);
	const lists = await participantsOfCycles(db, cycles, today);
	return cycles.map((cycle) => ({ cycle, counts: countStates(lists.get(cycle.id)!) }));
}

export interface Participation {
	cycle: Cycle;
	extendedTo: string | null;
	deadline: string;
	returnId: string | null;
	started: boolean;
	/** The organisation still belongs to the cycle's partnership (ending a membership ends its submissions there). */
	member: boolean;
	firstSubmittedAt: Date | null;
	latestSubmittedAt: Date | null;
	latestSubmissionId: string | null;
	latestVersion: number | null;
	/** The return's fingerprint has moved on since its latest submission to this (not closed) cycle. */
	changedSinceSent: boolean;
	state: ParticipantState;
}

// The return's fingerprint when the latest version was sent. Submissions made
// before snapshots recorded it are matched to the last sign-off before them:
// a return is only sent signed off as it stands. Needs alias s.
const SENT_FINGERPRINT = `(select coalesce(x.snapshot->>'contentHash',
		(select so.content_hash from sign_offs so where so.return_id = x.return_id and so.signed_at <= x.submitted_at order by so.signed_at desc limit 1))
	from submissions x where x.id = s.latest_submission_id)`;

/** Every cycle an organisation takes part in, newest first: its home page. */
export async function participationsOf(db: Queryable, organisationId: string, today: string): Promise<Participation[]> {
	const rows = await db.query<CycleRow & {
		extended_to: string | null;
		return_id: string | null;
		started: boolean;
		member: boolean;
		first_submitted_at: Date | null;
		first_late: boolean | null;
		latest_submitted_at: Date | null;
		latest_submission_id: string | null;
		latest_version: number | null;
		sent_fingerprint: string | null;
	}>(
		`select ${CYCLE_COLUMNS}, cp.extended_to, r.id as return_id,
			${STARTED} as started,
			exists (select 1 from partnership_members m where m.partnership_id = c.partnership_id and m.organisation_id = cp.organisation_id and m.active) as member,
			s.first_submitted_at, s.first_late, s.latest_submitted_at, s.latest_submission_id, s.latest_version,
			case when c.closed_at is null then ${SENT_FINGERPRINT} end as sent_fingerprint
		 ${CYCLE_FROM}
		 join cycle_participants cp on cp.cycle_id = c.id
		 left join returns r on r.organisation_id = cp.organisation_id and r.template_id = c.template_id
		 ${SUBMISSIONS}
		 where cp.organisation_id = $1
		 order by c.closes_on desc`,
		[organisationId]
	);
	const sentFrom = [...new Set(rows.filter((r) => r.sent_fingerprint && r.return_id).map((r) => r.return_id!))];
	const fingerprints = new Map(await Promise.all(sentFrom.map(async (id) => [id, await contentHash(db, id)] as const)));
	return rows.map((r) => {
		const cycle = toCycle(r);
		const deadline = effectiveDeadline(cycle, r.extended_to);
		return {
			cycle,
			extendedTo: r.extended_to,
			deadline,
			returnId: r.return_id,
			started: r.started,
			member: r.member,
			firstSubmittedAt: r.first_submitted_at,
			latestSubmittedAt: r.latest_submitted_at,
			latestSubmissionId: r.latest_submission_id,
			latestVersion: r.latest_version,
			changedSinceSent: !!r.sent_fingerprint && !!r.return_id && fingerprints.get(r.return_id) !== r.sent_fingerprint,
			state: participantState({ started: r.started, firstSubmission: firstSubmission(r), deadline }, today)
		};
	});
}
