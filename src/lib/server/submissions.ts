// Sign-off and submission. A signatory signs the return as it stands; the lead
// then submits it to one or more open cycles using the same template version,
// each submission an immutable snapshot.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { contentHash, listResponses, type LiveReturn } from './returns';
import { evidenceCounts, evidenceToFreeze, recordSubmissionEvidence } from './evidence-links';
import { listActions } from './actions';
import { getCycle, type Cycle } from './cycles';
import { isParticipant } from './cycle-participants';
import { byRequirement, standardProgress, submissionBlockers, type ReadinessProblem } from '../domain/completion';
import { cycleStatus, effectiveDeadline, isLate, ukToday } from '../domain/cycles';
import type { SignatoryCapacity } from '../domain/roles';
import { capacityWords, thingsToFinish } from '../domain/sign-off';
import { freezeStandards, sameContent, type Snapshot } from '../domain/snapshot';
import { recordSubmissionSummary } from './submission-summaries';
import { moderationResubmitted } from './moderation-steps';

export interface SignOff {
	id: string;
	capacity: SignatoryCapacity;
	userId: string;
	signedName: string;
	signedRole: string;
	signedAt: Date;
	/** The return's fingerprint the signature binds to. */
	contentHash: string;
	/** The return changed after this signature: it no longer counts. */
	stale: boolean;
}

/** The latest signature for each capacity. */
export async function currentSignOffs(db: Queryable, returnId: string, hash?: string): Promise<SignOff[]> {
	const [rows, current] = await Promise.all([
		db.query<{ id: string; capacity: SignatoryCapacity; user_id: string; signed_name: string; signed_role: string; signed_at: Date; content_hash: string }>(
			`select distinct on (capacity) * from sign_offs where return_id = $1 order by capacity, signed_at desc`,
			[returnId]
		),
		hash ? Promise.resolve(hash) : contentHash(db, returnId)
	]);
	return rows.map((r) => ({
		id: r.id,
		capacity: r.capacity,
		userId: r.user_id,
		signedName: r.signed_name,
		signedRole: r.signed_role,
		signedAt: r.signed_at,
		contentHash: r.content_hash,
		stale: r.content_hash !== current
	}));
}

export async function signReturn(
	db: Queryable,
	ctx: AuditContext,
	ret: LiveReturn,
	signer: { userId: string; capacity: SignatoryCapacity; name: string; role: string },
	now = new Date()
): Promise<SignOff> {
	return db.transaction(async (tx) => {
		// One signature at a time per return, so a double click signs once.
		await tx.query('select id from returns where id = $1 for update', [ret.id]);
		const hash = await contentHash(tx, ret.id);
		const current = (await currentSignOffs(tx, ret.id, hash)).find((s) => s.capacity === signer.capacity && s.userId === signer.userId && !s.stale);
		if (current) return current;
		const rows = await tx.query<{ id: string; signed_at: Date }>(
			`insert into sign_offs (return_id, capacity, user_id, signed_name, signed_role, content_hash, signed_at)
			 values ($1, $2, $3, $4, $5, $6, $7) returning id, signed_at`,
			[ret.id, signer.capacity, signer.userId, signer.name, signer.role, hash, now]
		);
		await recordAudit(tx, ctx, {
			action: 'return.sign_off',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { capacity: signer.capacity, contentHash: hash }
		});
		return { id: rows[0].id, capacity: signer.capacity, userId: signer.userId, signedName: signer.name, signedRole: signer.role, signedAt: rows[0].signed_at, contentHash: hash, stale: false };
	});
}

/** What is missing from the sign-off the template asks for. */
export function signOffProblems(required: readonly SignatoryCapacity[], signOffs: readonly SignOff[]): ReadinessProblem[] {
	return required.flatMap((capacity) => {
		const s = signOffs.find((o) => o.capacity === capacity);
		const who = capacityWords(capacity);
		if (!s) return [{ kind: 'sign_off' as const, message: `Sign-off by the ${who} is needed` }];
		if (s.stale) return [{ kind: 'sign_off' as const, message: `The return has changed since ${s.signedName} signed it as ${who}: they need to sign again` }];
		return [];
	});
}

export interface CycleReadiness {
	cycle: Cycle;
	deadline: string;
	open: boolean;
	problems: ReadinessProblem[];
	previousVersions: number;
}

/** For each open cycle the organisation takes part in with this template version: can it be submitted now? */
export async function readiness(db: Queryable, ret: LiveReturn, now = new Date()): Promise<{ cycles: CycleReadiness[]; signOffs: SignOff[]; contentHash: string }> {
	const today = ukToday(now);
	const [cycles, responses, hash, counts] = await Promise.all([
		db.query<{ id: string; extended_to: string | null; versions: number }>(
			`select c.id, cp.extended_to,
				(select count(*) from submissions s where s.cycle_id = c.id and s.organisation_id = cp.organisation_id) as versions
			 from cycles c join cycle_participants cp on cp.cycle_id = c.id
			 -- Only partnerships the organisation still belongs to: ending a membership ends its submissions there.
			 join partnership_members m on m.partnership_id = c.partnership_id and m.organisation_id = cp.organisation_id and m.active
			 where cp.organisation_id = $1 and c.template_id = $2 and c.closed_at is null and c.opens_on <= $3
			 order by c.closes_on`,
			[ret.organisationId, ret.template.id, today]
		),
		listResponses(db, ret.id),
		contentHash(db, ret.id),
		evidenceCounts(db, ret.id)
	]);
	const signOffs = await currentSignOffs(db, ret.id, hash);
	const signProblems = signOffProblems(ret.template.definition.signOff.capacities, signOffs);
	const answers = byRequirement(responses);
	const result = await Promise.all(
		cycles.map(async (c) => {
			const cycle = (await getCycle(db, c.id))!;
			const progress = standardProgress({ template: ret.template.definition, evidenceCounts: counts }, answers, cycle.standardCodes);
			return {
				cycle,
				deadline: effectiveDeadline(cycle, c.extended_to),
				open: cycleStatus(cycle, today) === 'open',
				problems: [...submissionBlockers(progress), ...signProblems],
				previousVersions: c.versions
			};
		})
	);
	return { cycles: result, signOffs, contentHash: hash };
}

export type SubmitResult =
	| { ok: true; submissions: { id: string; cycleId: string; version: number; late: boolean }[] }
	| { ok: false; problems: { cycleId: string; message: string }[] };

/**
 * Submits the return to the chosen cycles in one transaction: every cycle must
 * be open, take this organisation and this template version, and be ready
 * (complete for its standards, signed off as it stands). All or nothing. A
 * cycle whose latest version already holds this content gets no new version.
 */
export async function submitReturn(
	db: Queryable,
	ctx: AuditContext,
	ret: LiveReturn,
	organisationName: string,
	cycleIds: string[],
	submitter: { name: string; email: string },
	now = new Date()
): Promise<SubmitResult> {
	return db.transaction(async (tx) => {
		// Serialise submissions of one return, so versions are numbered without gaps or duplicates.
		await tx.query('select id from returns where id = $1 for update', [ret.id]);
		const { cycles, signOffs, contentHash: hash } = await readiness(tx, ret, now);
		const problems: { cycleId: string; message: string }[] = [];
		const chosen: CycleReadiness[] = [];
		// A cycle named twice (a repeated form field) is one submission, not two.
		for (const id of new Set(cycleIds)) {
			const c = cycles.find((r) => r.cycle.id === id);
			if (!c) problems.push({ cycleId: id, message: 'This cycle is not open to your organisation for this return' });
			else if (c.problems.length) problems.push({ cycleId: id, message: `${c.cycle.title} cannot be submitted yet: ${thingsToFinish(c.problems.length)}` });
			else chosen.push(c);
		}
		if (!cycleIds.length) problems.push({ cycleId: '', message: 'Choose at least one cycle to submit to' });
		if (problems.length) return { ok: false, problems } as const;

		const [responses, actions] = await Promise.all([listResponses(tx, ret.id), listActions(tx, ret.id)]);
		const answers = byRequirement(responses);
		const def = ret.template.definition;
		const submissions = [];
		for (const c of chosen) {
			if (!(await isParticipant(tx, c.cycle.id, ret.organisationId))) throw new Error('participant vanished during submission');
			const standards = freezeStandards(def, c.cycle.standardCodes, answers);
			const codes = new Set(standards.flatMap((s) => s.requirements.map((r) => r.code)));
			const snapshot: Snapshot = {
				template: { id: ret.template.id, slug: ret.template.slug, version: ret.template.version, title: ret.template.title, kind: ret.template.kind, scale: def.scale.name, better: def.scale.better },
				organisation: { id: ret.organisationId, name: organisationName },
				cycle: { id: c.cycle.id, title: c.cycle.title, partnershipName: c.cycle.partnershipName, deadline: c.deadline },
				standards,
				actions: actions
					.filter((a) => codes.has(a.requirementCode))
					.map((a) => ({ id: a.id, requirementCode: a.requirementCode, description: a.description, owner: a.owner, dueOn: a.dueOn, status: a.status, progress: a.progress })),
				signOffs: signOffs.map((s) => ({ capacity: s.capacity, name: s.signedName, role: s.signedRole, signedAt: s.signedAt.toISOString(), contentHash: s.contentHash })),
				evidence: await evidenceToFreeze(tx, ret.id, codes),
				submittedBy: submitter,
				contentHash: hash
			};
			// Pressing Submit twice (or again with nothing changed) sends nothing new: the latest version stands.
			const [latest] = await tx.query<{ id: string; version: number; snapshot: Snapshot; late: boolean }>(
				'select id, version, snapshot, late from submissions where return_id = $1 and cycle_id = $2 order by version desc limit 1',
				[ret.id, c.cycle.id]
			);
			if (latest && sameContent(latest.snapshot, snapshot)) {
				submissions.push({ id: latest.id, cycleId: c.cycle.id, version: latest.version, late: latest.late });
				continue;
			}
			const version = c.previousVersions + 1;
			const late = isLate(c.deadline, now);
			const rows = await tx.query<{ id: string }>(
				`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, submitted_at, submitted_by, late)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
				[ret.id, c.cycle.id, ret.organisationId, c.cycle.partnershipId, version, snapshot, now, ctx.actorId, late]
			);
			await recordSubmissionEvidence(tx, rows[0].id, snapshot.evidence);
			await recordSubmissionSummary(tx, rows[0].id, snapshot);
			await moderationResubmitted(tx, ctx, { id: rows[0].id, cycleId: c.cycle.id, organisationId: ret.organisationId, partnershipId: c.cycle.partnershipId });
			await recordAudit(tx, ctx, {
				action: 'submission.create',
				organisationId: ret.organisationId,
				partnershipId: c.cycle.partnershipId,
				subjectType: 'submission',
				subjectId: rows[0].id,
				detail: { cycle: c.cycle.id, version, late }
			});
			submissions.push({ id: rows[0].id, cycleId: c.cycle.id, version, late });
		}
		return { ok: true, submissions } as const;
	});
}

export interface Submission {
	id: string;
	returnId: string;
	cycleId: string;
	organisationId: string;
	partnershipId: string;
	version: number;
	snapshot: Snapshot;
	submittedAt: Date;
	late: boolean;
	/** Whom the partnership assigned the cycle's submissions from this organisation to moderate, if anyone. */
	moderatorId: string | null;
}

type SubmissionRow = {
	id: string;
	return_id: string;
	cycle_id: string;
	organisation_id: string;
	partnership_id: string;
	version: number;
	snapshot: Snapshot;
	submitted_at: Date;
	late: boolean;
	moderator_id: string | null;
};

const toSubmission = (r: SubmissionRow): Submission => ({
	id: r.id,
	returnId: r.return_id,
	cycleId: r.cycle_id,
	organisationId: r.organisation_id,
	partnershipId: r.partnership_id,
	version: r.version,
	snapshot: r.snapshot,
	submittedAt: r.submitted_at,
	late: r.late,
	moderatorId: r.moderator_id
});

export async function getSubmission(db: Queryable, id: string): Promise<Submission | null> {
	const rows = await db.query<SubmissionRow>(
		`select s.*, m.moderator_id from submissions s
		 left join moderations m on m.cycle_id = s.cycle_id and m.organisation_id = s.organisation_id where s.id = $1`,
		[id]
	);
	return rows[0] ? toSubmission(rows[0]) : null;
}

/** Every version sent to one cycle by one organisation, oldest first. */
export async function submissionVersions(db: Queryable, cycleId: string, organisationId: string): Promise<{ id: string; version: number; submittedAt: Date; late: boolean }[]> {
	const rows = await db.query<{ id: string; version: number; submitted_at: Date; late: boolean }>(
		'select id, version, submitted_at, late from submissions where cycle_id = $1 and organisation_id = $2 order by version',
		[cycleId, organisationId]
	);
	return rows.map((r) => ({ id: r.id, version: r.version, submittedAt: r.submitted_at, late: r.late }));
}

export interface SubmissionListItem {
	id: string;
	cycleTitle: string;
	partnershipName: string;
	version: number;
	submittedAt: Date;
	late: boolean;
}

/** The organisation's latest submissions, or (given ids) those of them it sent. */
export async function listSubmissionsOfOrganisation(db: Queryable, organisationId: string, ids?: string[]): Promise<SubmissionListItem[]> {
	const rows = await db.query<{ id: string; cycle_title: string; partnership_name: string; version: number; submitted_at: Date; late: boolean }>(
		`select s.id, c.title as cycle_title, p.name as partnership_name, s.version, s.submitted_at, s.late
		 from submissions s join cycles c on c.id = s.cycle_id join partnerships p on p.id = s.partnership_id
		 where s.organisation_id = $1 ${ids ? 'and s.id = any($2::uuid[])' : ''} order by s.submitted_at desc, p.name limit 100`,
		ids ? [organisationId, ids] : [organisationId]
	);
	return rows.map((r) => ({ id: r.id, cycleTitle: r.cycle_title, partnershipName: r.partnership_name, version: r.version, submittedAt: r.submitted_at, late: r.late }));
}
