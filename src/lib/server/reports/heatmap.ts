// The heatmap's rows in one query: every organisation in the cycle (its
// participants, and any that submitted to it), with its latest submission's
// self grades per requirement (from the submission's grade summary, never the
// snapshot and its narratives, unless a submission lacks the summary) and its
// moderation's state, moderated and agreed grades per standard. Which of them
// a cell shows is decided in src/lib/domain/reports/heatmap.ts.
import type { Queryable } from '../db';
import type { ModerationState } from '../../domain/moderation';
import type { OrganisationKind, SchoolPhase, Sector } from '../../domain/organisations';
import type { HeatmapSource } from '../../domain/reports/heatmap';

type Row = {
	organisation_id: string;
	organisation_name: string;
	kind: OrganisationKind;
	sector: Sector;
	phase: SchoolPhase | null;
	submission_id: string | null;
	requirements: Record<string, { grade: string | null }[]> | null;
	state: ModerationState | null;
	moderator_id: string | null;
	grades: Record<string, { moderated: string | null; agreed: string | null }> | null;
};

export async function heatmapSources(db: Queryable, cycleId: string): Promise<HeatmapSource[]> {
	const rows = await db.query<Row>(
		`with members as (
			select organisation_id from cycle_participants where cycle_id = $1
			union
			select organisation_id from submissions where cycle_id = $1
		), latest as (
			select distinct on (organisation_id) id, organisation_id from submissions
			where cycle_id = $1 order by organisation_id, version desc
		)
		select o.id as organisation_id, o.name as organisation_name, o.kind, o.sector, o.phase, l.id as submission_id,
			case when l.id is not null then coalesce(ss.grades, (select jsonb_object_agg(st->>'code', (
				select coalesce(jsonb_agg(jsonb_build_object('grade', r->'grade')), '[]') from jsonb_array_elements(st->'requirements') r))
			 from submissions s, jsonb_array_elements(s.snapshot->'standards') st where s.id = l.id)) end as requirements,
			m.state, m.moderator_id,
			(select jsonb_object_agg(ms.standard_code, jsonb_build_object('moderated', ms.grade, 'agreed', ms.agreed_grade))
			 from moderation_standards ms where ms.moderation_id = m.id) as grades
		from members x
		join organisations o on o.id = x.organisation_id
		left join latest l on l.organisation_id = o.id
		left join submission_summaries ss on ss.submission_id = l.id
		left join moderations m on m.cycle_id = $1 and m.organisation_id = o.id
		order by o.name, o.id`,
		[cycleId]
	);
	return rows.map((r) => {
		const grades = Object.entries(r.grades ?? {});
		return {
			organisationId: r.organisation_id,
			organisationName: r.organisation_name,
			kind: r.kind,
			sector: r.sector,
			phase: r.phase,
			submissionId: r.submission_id,
			requirements: Object.fromEntries(Object.entries(r.requirements ?? {}).map(([code, reqs]) => [code, reqs.map((q) => q.grade)])),
			moderationState: r.state,
			moderatorId: r.moderator_id,
			moderated: Object.fromEntries(grades.map(([code, g]) => [code, g.moderated])),
			agreed: Object.fromEntries(grades.map(([code, g]) => [code, g.agreed]))
		};
	});
}
