// What a cycle's dashboard reads: each participant's latest submission's
// answers (requirement code → grade, without the narratives) and action plan,
// and the grades of each moderation. One query each, however many organisations take part.
import type { Queryable } from '../db';
import type { ModeratedGrades, SubmittedAnswers } from '../../domain/reports/answers';
import type { ModerationState } from '../../domain/moderation';
import type { PlanAction } from '../../domain/reports/action-plans';
import type { OrganisationKind, SchoolPhase } from '../../domain/organisations';

/** Each participant's latest submission to the cycle ($1), without its snapshot; the summary beside it has what the reports read. */
const LATEST = `select distinct on (organisation_id) id, organisation_id, cycle_id, version from submissions where cycle_id = $1 order by organisation_id, version desc`;

/** The latest version each participant sent to the cycle: a resubmission replaces what it follows. */
export async function latestAnswers(db: Queryable, cycleId: string): Promise<SubmittedAnswers[]> {
	const rows = await db.query<{ organisation_id: string; version: number; kind: OrganisationKind; phase: SchoolPhase | null; grades: Record<string, string | null> | null }>(
		`select s.organisation_id, s.version, o.kind, o.phase,
			coalesce(ss.answers, (select jsonb_object_agg(r->>'code', r->'grade')
				from submissions x, jsonb_array_elements(x.snapshot->'standards') st, jsonb_array_elements(st->'requirements') r where x.id = s.id)) as grades
		 from (${LATEST}) s
		 join cycle_participants cp on cp.cycle_id = s.cycle_id and cp.organisation_id = s.organisation_id
		 join organisations o on o.id = s.organisation_id
		 left join submission_summaries ss on ss.submission_id = s.id`,
		[cycleId]
	);
	return rows.map((r) => ({ organisationId: r.organisation_id, version: r.version, kind: r.kind, phase: r.phase, grades: r.grades ?? {} }));
}

/** Every moderation of the cycle with its standards' moderated and agreed grades (and each requirement's, where moderated). */
export async function cycleModerations(db: Queryable, cycleId: string): Promise<ModeratedGrades[]> {
	const rows = await db.query<{ organisation_id: string; state: ModerationState; standards: ModeratedGrades['standards'] }>(
		`select m.organisation_id, m.state,
			coalesce(jsonb_agg(jsonb_build_object(
				'code', ms.standard_code, 'grade', ms.grade, 'agreedGrade', ms.agreed_grade,
				'requirementGrades', (select coalesce(jsonb_object_agg(e.key, e.value->'grade'), '{}'::jsonb) from jsonb_each(ms.requirement_grades) e)
			)) filter (where ms.standard_code is not null), '[]'::jsonb) as standards
		 from moderations m left join moderation_standards ms on ms.moderation_id = m.id
		 where m.cycle_id = $1
		 group by m.id, m.organisation_id, m.state`,
		[cycleId]
	);
	return rows.map((r) => ({ organisationId: r.organisation_id, state: r.state, standards: r.standards }));
}

/** Each action in the action plan every participant sent with its latest submission to the cycle. */
export async function latestActions(db: Queryable, cycleId: string): Promise<PlanAction[]> {
	const rows = await db.query<{ organisation_id: string; status: string; due_on: string | null }>(
		`select s.organisation_id, a->>'status' as status, a->>'dueOn' as due_on
		 from (${LATEST}) s
		 join cycle_participants cp on cp.cycle_id = s.cycle_id and cp.organisation_id = s.organisation_id
		 left join submission_summaries ss on ss.submission_id = s.id
		 cross join lateral jsonb_array_elements(coalesce(ss.actions, (select coalesce(x.snapshot->'actions', '[]'::jsonb) from submissions x where x.id = s.id))) a`,
		[cycleId]
	);
	return rows.map((r) => ({ organisationId: r.organisation_id, status: r.status, dueOn: r.due_on }));
}
