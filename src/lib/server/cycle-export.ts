// The rows of a cycle's export, read in batches of organisations (keyset
// pages, the same on PGlite and postgres.js), so a 2,000-organisation cycle is
// never held in memory at once. Partnership-side data only: every answer and
// action comes from the organisation's latest submission, never its draft.
import type { Queryable } from './db';
import type { Cycle } from './cycles';
import { STARTED, SUBMISSIONS } from './cycle-participants';
import { effectiveDeadline, participantState } from '../domain/cycles';
import type { ActionRow, ChallengeExportRow, ModerationRow, OrganisationRow, ResponseRow } from '../domain/export-sheets';
import type { CycleSheet } from '../domain/exports';

/** Organisations per query: ~6,000 response rows for a 60-requirement return. */
export const BATCH = 100;

const FIRST = { sort: '', id: '00000000-0000-0000-0000-000000000000' };

/** The cycle's organisations (participants, and any it raised a challenge with), in name order, `size` at a time. */
export async function* organisationBatches(db: Queryable, cycleId: string, size = BATCH): AsyncGenerator<string[]> {
	let after = FIRST;
	for (;;) {
		const rows = await db.query<{ id: string; sort: string }>(
			`select o.id, lower(o.name) as sort from organisations o
			 where o.id in (select organisation_id from cycle_participants where cycle_id = $1
				union select organisation_id from challenges where cycle_id = $1)
				and (lower(o.name), o.id) > ($2, $3::uuid)
			 order by lower(o.name), o.id limit $4`,
			[cycleId, after.sort, after.id, size]
		);
		if (rows.length) yield rows.map((r) => r.id);
		if (rows.length < size) return;
		after = rows[rows.length - 1];
	}
}

const ORDER = 'order by lower(o.name), o.id';
// The latest submission of each organisation to the cycle. Needs alias o; gives alias s.
const LATEST = `join lateral (select * from submissions x where x.cycle_id = $1 and x.organisation_id = o.id order by x.version desc limit 1) s on true`;

async function organisations(db: Queryable, cycle: Cycle, ids: string[], today: string): Promise<OrganisationRow[]> {
	const rows = await db.query<{
		name: string; kind: OrganisationRow['kind']; sector: OrganisationRow['sector']; phase: OrganisationRow['phase']; urn: string | null; ukprn: string | null;
		ods_code: string | null; gss_code: string | null; extended_to: string | null; started: boolean; first_submitted_at: Date | null; first_late: boolean | null;
		latest_version: number | null; latest_submitted_at: Date | null;
	}>(
		`select o.name, o.kind, o.sector, o.phase, o.urn, o.ukprn, o.ods_code, o.gss_code, cp.extended_to, ${STARTED} as started,
			s.first_submitted_at, s.first_late, s.latest_version, s.latest_submitted_at
		 from cycle_participants cp join cycles c on c.id = cp.cycle_id join organisations o on o.id = cp.organisation_id
		 ${SUBMISSIONS}
		 where cp.cycle_id = $1 and o.id = any($2::uuid[]) ${ORDER}`,
		[cycle.id, ids]
	);
	return rows.map((r) => {
		const deadline = effectiveDeadline(cycle, r.extended_to);
		const firstSubmission = r.first_submitted_at ? { late: r.first_late === true } : null;
		return {
			name: r.name, kind: r.kind, sector: r.sector, phase: r.phase, urn: r.urn, ukprn: r.ukprn, odsCode: r.ods_code, gssCode: r.gss_code, deadline,
			state: participantState({ started: r.started, firstSubmission, deadline }, today),
			firstSubmittedAt: r.first_submitted_at, latestSubmittedAt: r.latest_submitted_at, latestVersion: r.latest_version, late: firstSubmission ? firstSubmission.late : null
		};
	});
}

// Moderated and agreed grades count once the moderation is accepted or complete, and only for the version it moderated.
const responses = (db: Queryable, cycleId: string, ids: string[]) =>
	db.query<ResponseRow>(
		`select o.name as "organisation", s.version, st.std->>'code' as "standardCode", st.std->>'title' as "standardTitle",
			rq.req->>'code' as "requirementCode", rq.req->>'text' as "requirementText", rq.req->>'grade' as "selfGrade",
			coalesce(rq.req->>'naReason', '') as "naReason", coalesce(rq.req->>'narrative', '') as narrative,
			coalesce(jsonb_array_length(s.snapshot->'evidence'->(rq.req->>'code')), 0)::int4 as evidence,
			ms.grade as "moderatedStandardGrade", ms.requirement_grades->(rq.req->>'code')->>'grade' as "moderatedRequirementGrade",
			ms.agreed_grade as "agreedGrade"
		 from organisations o ${LATEST}
		 cross join lateral jsonb_array_elements(s.snapshot->'standards') with ordinality st(std, si)
		 cross join lateral jsonb_array_elements(st.std->'requirements') with ordinality rq(req, ri)
		 left join moderations m on m.submission_id = s.id and m.state in ('accepted', 'completed')
		 left join moderation_standards ms on ms.moderation_id = m.id and ms.standard_code = st.std->>'code'
		 where o.id = any($2::uuid[]) ${ORDER}, st.si, rq.ri`,
		[cycleId, ids]
	);

const actions = (db: Queryable, cycleId: string, ids: string[]) =>
	db.query<ActionRow>(
		`select o.name as "organisation", s.version, a.act->>'requirementCode' as "requirementCode", a.act->>'description' as description,
			coalesce(a.act->>'owner', '') as owner, a.act->>'dueOn' as "dueOn", a.act->>'status' as status, coalesce(a.act->>'progress', '') as progress
		 from organisations o ${LATEST}
		 cross join lateral jsonb_array_elements(s.snapshot->'actions') with ordinality a(act, ai)
		 where o.id = any($2::uuid[]) ${ORDER}, a.ai`,
		[cycleId, ids]
	);

const challenges = (db: Queryable, cycleId: string, ids: string[]) =>
	db.query<ChallengeExportRow>(
		`select o.name as "organisation", ch.standard_code as "standardCode", ch.requirement_code as "requirementCode", ch.source,
			ch.raised_at as "raisedAt", coalesce(nullif(u.name, ''), u.email, '') as "raisedBy", ch.text, ch.due_on as "dueOn", ch.status,
			(select max(cs.at) from challenge_steps cs where cs.challenge_id = ch.id) as "lastStepAt"
		 from challenges ch join organisations o on o.id = ch.organisation_id left join users u on u.id = ch.raised_by
		 where ch.cycle_id = $1 and o.id = any($2::uuid[]) ${ORDER}, ch.raised_at, ch.id`,
		[cycleId, ids]
	);

const moderation = (db: Queryable, cycleId: string, ids: string[]) =>
	db.query<ModerationRow>(
		`select o.name as "organisation", s.version, m.state, nullif(coalesce(nullif(u.name, ''), u.email), '') as moderator,
			m.assigned_at as "assignedAt", m.state_changed_at as "stateChangedAt", m.criteria, m.summary
		 from moderations m join organisations o on o.id = m.organisation_id join submissions s on s.id = m.submission_id
		 left join users u on u.id = m.moderator_id
		 where m.cycle_id = $1 and o.id = any($2::uuid[]) ${ORDER}`,
		[cycleId, ids]
	);

export interface SheetRows {
	organisations: OrganisationRow;
	responses: ResponseRow;
	actions: ActionRow;
	challenges: ChallengeExportRow;
	moderation: ModerationRow;
}

/** One batch of a sheet's rows for the organisations `ids` (in name order). */
export function sheetBatch<S extends CycleSheet>(db: Queryable, cycle: Cycle, sheet: S, ids: string[], today: string): Promise<SheetRows[S][]> {
	const read: { [K in CycleSheet]: () => Promise<SheetRows[K][]> } = {
		organisations: () => organisations(db, cycle, ids, today),
		responses: () => responses(db, cycle.id, ids),
		actions: () => actions(db, cycle.id, ids),
		challenges: () => challenges(db, cycle.id, ids),
		moderation: () => moderation(db, cycle.id, ids)
	};
	return read[sheet]() as Promise<SheetRows[S][]>;
}
