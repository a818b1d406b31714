// Reading the challenge log: one challenge with its current state, the
// filtered lists (overdue first), and a challenge's whole history in order.
import type { Queryable } from './db';
import { REVISION_COLUMNS, toRevision, type EvidenceRevision } from './evidence';
import { isOverdue, type ChallengeRow, type ChallengeSource, type ChallengeStatus, type StepKind } from '../domain/challenges';

export interface Challenge {
	id: string;
	partnershipId: string;
	partnershipName: string;
	organisationId: string;
	organisationName: string;
	cycleId: string | null;
	cycleTitle: string | null;
	submissionId: string | null;
	submissionVersion: number | null;
	standardCode: string | null;
	requirementCode: string | null;
	source: ChallengeSource;
	raisedByName: string | null;
	raisedAt: Date;
	text: string;
	dueOn: string;
	status: ChallengeStatus;
	actionId: string | null;
	action: { id: string; returnId: string; requirementCode: string; description: string; status: string } | null;
	actionClosureRequired: boolean;
	version: number;
}

type Row = {
	id: string;
	partnership_id: string;
	partnership_name: string;
	organisation_id: string;
	organisation_name: string;
	cycle_id: string | null;
	cycle_title: string | null;
	submission_id: string | null;
	submission_version: number | null;
	standard_code: string | null;
	requirement_code: string | null;
	source: ChallengeSource;
	raised_by_name: string | null;
	raised_at: Date;
	text: string;
	due_on: string;
	status: ChallengeStatus;
	action_id: string | null;
	action_return_id: string | null;
	action_requirement: string | null;
	action_description: string | null;
	action_status: string | null;
	action_closure_required: boolean;
	version: number;
	total?: number;
};

const SELECT = `select c.*, p.name as partnership_name, o.name as organisation_name, y.title as cycle_title, s.version as submission_version,
	u.name as raised_by_name, a.return_id as action_return_id, a.requirement_code as action_requirement, a.description as action_description, a.status as action_status
	from challenges c join partnerships p on p.id = c.partnership_id join organisations o on o.id = c.organisation_id
	left join cycles y on y.id = c.cycle_id left join submissions s on s.id = c.submission_id
	left join users u on u.id = c.raised_by left join actions a on a.id = c.action_id`;

const toChallenge = (r: Row): Challenge => ({
	id: r.id,
	partnershipId: r.partnership_id,
	partnershipName: r.partnership_name,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	cycleId: r.cycle_id,
	cycleTitle: r.cycle_title,
	submissionId: r.submission_id,
	submissionVersion: r.submission_version,
	standardCode: r.standard_code,
	requirementCode: r.requirement_code,
	source: r.source,
	raisedByName: r.raised_by_name,
	raisedAt: r.raised_at,
	text: r.text,
	dueOn: r.due_on,
	status: r.status,
	actionId: r.action_id,
	action: r.action_id
		? { id: r.action_id, returnId: r.action_return_id!, requirementCode: r.action_requirement!, description: r.action_description!, status: r.action_status! }
		: null,
	actionClosureRequired: r.action_closure_required,
	version: r.version
});

export async function getChallenge(db: Queryable, id: string): Promise<Challenge | null> {
	const rows = await db.query<Row>(`${SELECT} where c.id = $1`, [id]);
	return rows[0] ? toChallenge(rows[0]) : null;
}

export interface ChallengeFilter {
	partnershipId?: string;
	organisationId?: string;
	status?: ChallengeStatus | 'not_closed';
	standardCode?: string;
	cycleId?: string;
	source?: ChallengeSource;
	overdue?: boolean;
	page?: number;
}

export const CHALLENGE_PAGE_SIZE = 25;

/** Waiting for the organisation past its due date (UK): the same rule as isOverdue, for sorting and filtering. */
/** Whether challenge `c` is overdue, with today as $1. */
export const OVERDUE = `(c.status in ('open', 'escalated') and c.due_on < $1::date)`;

export async function listChallenges(db: Queryable, filter: ChallengeFilter, today: string, pageSize = CHALLENGE_PAGE_SIZE): Promise<{ challenges: Challenge[]; total: number }> {
	const where: string[] = [];
	const params: unknown[] = [today];
	const add = (sql: string, value: unknown) => {
		params.push(value);
		where.push(sql.replace('?', `$${params.length}`));
	};
	if (filter.partnershipId) add('c.partnership_id = ?', filter.partnershipId);
	if (filter.organisationId) add('c.organisation_id = ?', filter.organisationId);
	if (filter.status === 'not_closed') where.push(`c.status <> 'closed'`);
	else if (filter.status) add('c.status = ?', filter.status);
	if (filter.standardCode) add('c.standard_code = ?', filter.standardCode);
	if (filter.cycleId) add('c.cycle_id = ?', filter.cycleId);
	if (filter.source) add('c.source = ?', filter.source);
	if (filter.overdue) where.push(OVERDUE);
	const page = Math.max(1, filter.page ?? 1);
	params.push(pageSize, (page - 1) * pageSize);
	const rows = await db.query<Row>(
		`${SELECT.replace('select c.*,', 'select c.*, count(*) over ()::int as total,')}
		 ${where.length ? `where ${where.join(' and ')}` : ''}
		 order by ${OVERDUE} desc, (c.status = 'closed'), c.due_on, c.raised_at desc, c.id
		 limit $${params.length - 1} offset $${params.length}`,
		params
	);
	return { challenges: rows.map(toChallenge), total: rows[0]?.total ?? 0 };
}

export interface CitedRevision {
	revisionId: string;
	documentId: string;
	title: string;
	revision: number;
	fileName: string;
}

export interface ChallengeStep {
	seq: number;
	kind: StepKind;
	actorName: string;
	at: Date;
	text: string;
	newDueOn: string | null;
	statusAfter: ChallengeStatus;
	action: { id: string; description: string } | null;
	evidence: CitedRevision[];
}

/** Every step, oldest first, with the exact revisions each answer cites. */
export async function challengeHistory(db: Queryable, challengeId: string): Promise<ChallengeStep[]> {
	const [steps, evidence] = await Promise.all([
		db.query<{ id: string; seq: number; kind: StepKind; actor_name: string; at: Date; text: string; new_due_on: string | null; status_after: ChallengeStatus; action_id: string | null; action_description: string | null }>(
			`select s.*, a.description as action_description from challenge_steps s left join actions a on a.id = s.action_id
			 where s.challenge_id = $1 order by s.seq`,
			[challengeId]
		),
		db.query<{ step_id: string; revision_id: string; document_id: string; title: string; revision: number; file_name: string }>(
			`select e.step_id, v.id as revision_id, v.document_id, d.title, v.revision, v.file_name
			 from challenge_step_evidence e join challenge_steps s on s.id = e.step_id
			 join evidence_revisions v on v.id = e.revision_id join evidence_documents d on d.id = v.document_id
			 where s.challenge_id = $1 order by lower(d.title), v.id`,
			[challengeId]
		)
	]);
	return steps.map((s) => ({
		seq: s.seq,
		kind: s.kind,
		actorName: s.actor_name,
		at: s.at,
		text: s.text,
		newDueOn: s.new_due_on,
		statusAfter: s.status_after,
		action: s.action_id ? { id: s.action_id, description: s.action_description ?? 'An action since deleted' } : null,
		evidence: evidence
			.filter((e) => e.step_id === s.id)
			.map((e) => ({ revisionId: e.revision_id, documentId: e.document_id, title: e.title, revision: e.revision, fileName: e.file_name }))
	}));
}

/** A revision one of the challenge's answers cites, or null: the only evidence a partnership opens through a challenge. */
export async function challengeRevision(db: Queryable, challengeId: string, revisionId: string): Promise<EvidenceRevision | null> {
	const rows = await db.query<Parameters<typeof toRevision>[0]>(
		`select ${REVISION_COLUMNS} from evidence_revisions v where v.id = $2 and exists (
			select 1 from challenge_step_evidence e join challenge_steps s on s.id = e.step_id where s.challenge_id = $1 and e.revision_id = v.id)`,
		[challengeId, revisionId]
	);
	return rows[0] ? toRevision(rows[0]) : null;
}

/** A challenge as a list shows it, linked from `base` (the partnership's or organisation's challenges page). */
export const challengeRow = (c: Challenge, today: string, base: string): ChallengeRow => ({
	id: c.id,
	href: `${base}/${c.id}`,
	organisationName: c.organisationName,
	partnershipName: c.partnershipName,
	about: [c.requirementCode ? `Requirement ${c.requirementCode}` : c.standardCode ? `Standard ${c.standardCode}` : '', c.cycleTitle ?? ''].filter(Boolean).join(' · '),
	text: c.text.length > 160 ? `${c.text.slice(0, 159)}…` : c.text,
	source: c.source,
	dueOn: c.dueOn,
	status: c.status,
	overdue: isOverdue(c, today)
});

/** The challenges not yet closed (overdue first), a page of them, for an organisation's or member's page. */
export async function openChallengesOf(db: Queryable, scope: { organisationId: string; partnershipId?: string }, today: string, base: string, allHref = base) {
	const { challenges, total } = await listChallenges(db, { ...scope, status: 'not_closed' }, today, 10);
	const overdue = challenges.filter((c) => isOverdue(c, today)).length;
	return { rows: challenges.map((c) => challengeRow(c, today, base)), total, overdue, allHref };
}

/** Per organisation, its challenges not yet closed and how many of those are overdue: for the home page. */
export async function openChallengeCounts(db: Queryable, organisationIds: string[], today: string): Promise<Map<string, { open: number; overdue: number }>> {
	if (!organisationIds.length) return new Map();
	const rows = await db.query<{ organisation_id: string; open: number; overdue: number }>(
		`select c.organisation_id, count(*)::int as open, count(*) filter (where ${OVERDUE})::int as overdue
		 from challenges c where c.organisation_id = any($2::uuid[]) and c.status <> 'closed' group by c.organisation_id`,
		[today, organisationIds]
	);
	return new Map(rows.map((r) => [r.organisation_id, { open: r.open, overdue: r.overdue }]));
}
