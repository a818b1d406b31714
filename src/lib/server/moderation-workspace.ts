// A cycle's moderation workspace: every organisation's latest submission with
// its moderation, in one query. It reads each submission's grade summary
// (each requirement's grade and how many files it cites, written with the
// submission), never the snapshot with its narratives, unless a submission
// lacks the summary.
import type { Queryable } from './db';
import type { ModerationState } from '../domain/moderation';
import type { OrganisationKind } from '../domain/organisations';

export interface WorkspaceRow {
	submissionId: string;
	organisationId: string;
	organisationName: string;
	kind: OrganisationKind;
	sector: string;
	version: number;
	submittedAt: Date;
	late: boolean;
	/** Null until someone assigns it or starts moderating. */
	moderationId: string | null;
	state: ModerationState;
	moderatorId: string | null;
	moderatorName: string | null;
	/** Per standard: each requirement's self grade and the number of files it cites. */
	requirements: Record<string, { grade: string | null; evidence: number }[]>;
	/** Moderated grade per standard, drafts included. */
	moderated: Record<string, string | null>;
	agreed: Record<string, string | null>;
	evidenceCount: number;
	personalData: boolean;
	/** The version moderated when complete, if a newer one came since. */
	moderatedVersion: number;
}

type Row = {
	submission_id: string;
	organisation_id: string;
	organisation_name: string;
	kind: OrganisationKind;
	sector: string;
	version: number;
	submitted_at: Date;
	late: boolean;
	moderation_id: string | null;
	state: ModerationState | null;
	moderator_id: string | null;
	moderator_name: string | null;
	requirements: Record<string, { grade: string | null; evidence: number }[]> | null;
	moderated: Record<string, string | null> | null;
	agreed: Record<string, string | null> | null;
	evidence_count: number;
	personal_data: boolean;
	moderated_version: number | null;
};

/** `moderatorId` set: only the submissions assigned to that moderator. */
export async function moderationWorkspace(db: Queryable, cycleId: string, moderatorId: string | null = null): Promise<WorkspaceRow[]> {
	const rows = await db.query<Row>(
		`with latest as (
			select distinct on (organisation_id) id, cycle_id, organisation_id, version, submitted_at, late from submissions
			where cycle_id = $1 order by organisation_id, version desc
		)
		select s.id as submission_id, s.organisation_id, o.name as organisation_name, o.kind, o.sector, s.version, s.submitted_at, s.late,
			m.id as moderation_id, m.state, m.moderator_id, u.name as moderator_name,
			coalesce(ss.grades, (select jsonb_object_agg(st->>'code', (
				select coalesce(jsonb_agg(jsonb_build_object('grade', r->'grade', 'evidence', coalesce(jsonb_array_length(s.snapshot->'evidence'->(r->>'code')), 0))), '[]')
				from jsonb_array_elements(st->'requirements') r))
			 from jsonb_array_elements(s.snapshot->'standards') st)) as requirements,
			(select jsonb_object_agg(ms.standard_code, ms.grade) from moderation_standards ms where ms.moderation_id = m.id) as moderated,
			(select jsonb_object_agg(ms.standard_code, ms.agreed_grade) from moderation_standards ms where ms.moderation_id = m.id) as agreed,
			(select count(distinct se.revision_id)::int from submission_evidence se where se.submission_id = s.id) as evidence_count,
			exists (select 1 from submission_evidence se join evidence_revisions er on er.id = se.revision_id
				where se.submission_id = s.id and jsonb_array_length(er.findings) > 0) as personal_data,
			ms_sub.version as moderated_version
		from latest l
		join submissions s on s.id = l.id
		left join submission_summaries ss on ss.submission_id = s.id
		join organisations o on o.id = s.organisation_id
		left join moderations m on m.cycle_id = s.cycle_id and m.organisation_id = s.organisation_id
		left join submissions ms_sub on ms_sub.id = m.submission_id
		left join users u on u.id = m.moderator_id
		where $2::uuid is null or m.moderator_id = $2
		order by o.name`,
		[cycleId, moderatorId]
	);
	return rows.map((r) => ({
		submissionId: r.submission_id,
		organisationId: r.organisation_id,
		organisationName: r.organisation_name,
		kind: r.kind,
		sector: r.sector,
		version: r.version,
		submittedAt: r.submitted_at,
		late: r.late,
		moderationId: r.moderation_id,
		state: r.state ?? 'awaiting',
		moderatorId: r.moderator_id,
		moderatorName: r.moderator_name,
		requirements: r.requirements ?? {},
		moderated: r.moderated ?? {},
		agreed: r.agreed ?? {},
		evidenceCount: r.evidence_count,
		personalData: r.personal_data,
		moderatedVersion: r.moderated_version ?? r.version
	}));
}

/** The partnership's moderators (and its chair, who may moderate too), for assigning. */
export async function moderatorsOf(db: Queryable, partnershipId: string): Promise<{ id: string; name: string; role: 'moderator' | 'chair' }[]> {
	return db.query<{ id: string; name: string; role: 'moderator' | 'chair' }>(
		`select distinct on (u.id) u.id, u.name, r.role from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = $1 and r.role in ('moderator', 'chair') and u.disabled_at is null
		 order by u.id, r.role desc`,
		[partnershipId]
	);
}
