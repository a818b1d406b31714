// What an organisation has kept in the portal, read for its full export: its
// live returns (answers and actions), every submission, the challenges
// partnerships raised with it and their history, and its evidence library's
// current files. One organisation's records are small; files are read from
// storage only when the ZIP reaches them.
import type { Queryable } from './db';
import type { Template } from '../domain/template';
import type { Snapshot } from '../domain/snapshot';
import type { ChallengeLine, EvidenceLine, StepLine } from '../domain/organisation-export';

export interface ExportReturn {
	id: string;
	templateTitle: string;
	templateVersion: number;
	definition: Template;
	createdAt: Date;
	answers: { requirementCode: string; grade: string | null; naReason: string; narrative: string; carriedForward: boolean; updatedAt: Date; updatedBy: string }[];
	actions: { requirementCode: string; description: string; owner: string; dueOn: string | null; status: string; progress: string; updatedAt: Date }[];
}

export async function returnsForExport(db: Queryable, organisationId: string): Promise<ExportReturn[]> {
	const [returns, answers, actions] = await Promise.all([
		db.query<{ id: string; title: string; version: number; definition: Template; created_at: Date }>(
			`select r.id, t.title, t.version, t.definition, r.created_at from returns r join templates t on t.id = r.template_id
			 where r.organisation_id = $1 order by t.title, t.version`,
			[organisationId]
		),
		db.query<ExportReturn['answers'][number] & { return_id: string }>(
			`select x.return_id, x.requirement_code as "requirementCode", x.grade, x.na_reason as "naReason", x.narrative, x.carried_forward as "carriedForward",
				x.updated_at as "updatedAt", coalesce(nullif(u.name, ''), u.email, '') as "updatedBy"
			 from responses x join returns r on r.id = x.return_id left join users u on u.id = x.updated_by where r.organisation_id = $1`,
			[organisationId]
		),
		db.query<ExportReturn['actions'][number] & { return_id: string }>(
			`select a.return_id, a.requirement_code as "requirementCode", a.description, a.owner, a.due_on as "dueOn", a.status, a.progress, a.updated_at as "updatedAt"
			 from actions a join returns r on r.id = a.return_id where r.organisation_id = $1 order by a.requirement_code, a.created_at, a.id`,
			[organisationId]
		)
	]);
	return returns.map((r) => ({
		id: r.id,
		templateTitle: r.title,
		templateVersion: r.version,
		definition: r.definition,
		createdAt: r.created_at,
		answers: answers.filter((a) => a.return_id === r.id),
		actions: actions.filter((a) => a.return_id === r.id)
	}));
}

export interface ExportSubmission {
	id: string;
	partnershipName: string;
	cycleTitle: string;
	version: number;
	submittedAt: Date;
	late: boolean;
	snapshot: Snapshot;
}

export const submissionsForExport = (db: Queryable, organisationId: string) =>
	db.query<ExportSubmission>(
		`select s.id, p.name as "partnershipName", c.title as "cycleTitle", s.version, s.submitted_at as "submittedAt", s.late, s.snapshot
		 from submissions s join cycles c on c.id = s.cycle_id join partnerships p on p.id = s.partnership_id
		 where s.organisation_id = $1 order by p.name, c.opens_on, c.title, s.version`,
		[organisationId]
	);

export type ExportChallenge = Omit<ChallengeLine, 'reference'> & { id: string };
export type ExportChallengeStep = Omit<StepLine, 'reference'> & { challengeId: string };

export async function challengesForExport(db: Queryable, organisationId: string): Promise<{ challenges: ExportChallenge[]; steps: ExportChallengeStep[] }> {
	const [challenges, steps] = await Promise.all([
		db.query<ExportChallenge>(
			`select ch.id, p.name as "partnershipName", c.title as "cycleTitle", ch.standard_code as "standardCode", ch.requirement_code as "requirementCode",
				ch.source, ch.raised_at as "raisedAt", ch.text, ch.due_on as "dueOn", ch.status
			 from challenges ch join partnerships p on p.id = ch.partnership_id left join cycles c on c.id = ch.cycle_id
			 where ch.organisation_id = $1 order by ch.raised_at, ch.id`,
			[organisationId]
		),
		db.query<ExportChallengeStep>(
			`select s.challenge_id as "challengeId", s.seq, s.kind, s.actor_name as "actorName", s.at, s.text, s.new_due_on as "newDueOn", s.status_after as "statusAfter"
			 from challenge_steps s join challenges ch on ch.id = s.challenge_id
			 where ch.organisation_id = $1 order by ch.raised_at, ch.id, s.seq`,
			[organisationId]
		)
	]);
	return { challenges, steps };
}

export type ExportDocument = Omit<EvidenceLine, 'path'> & { storageKey: string };

/** The newest revision of every document in the library (not removed, file not purged). */
export const currentEvidence = (db: Queryable, organisationId: string) =>
	db.query<ExportDocument>(
		`select d.title, d.description, d.document_date as "documentDate", d.review_by as "reviewBy", v.revision, v.file_name as "fileName",
			v.media_type as "mediaType", v.size_bytes as size, v.sha256, v.storage_key as "storageKey", v.uploaded_at as "uploadedAt"
		 from evidence_documents d
		 join lateral (select * from evidence_revisions r where r.document_id = d.id order by r.revision desc limit 1) v on true
		 where d.organisation_id = $1 and d.removed_at is null and v.purged_at is null
		 order by lower(d.title), d.id`,
		[organisationId]
	);
