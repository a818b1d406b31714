// A submission's moderation page: the organisation's answers per standard
// beside the moderation panel, what changed since the version the grades were
// written against, what is still missing, and the history of the grades.
import { found } from './access';
import { db } from './runtime';
import { getTemplate } from './templates';
import { getSubmission, submissionVersions, type Submission } from './submissions';
import { gradeHistory, type Moderation } from './moderation';
import { compareSnapshots, type SnapshotComparison } from '../domain/snapshot';
import { acceptProblems, isEditable, moderatesRequirements, standardSelfGrade } from '../domain/moderation';
import { gradeLabel } from '../domain/completion';
import type { Template } from '../domain/template';

/** The requirements of `codes` whose answer, actions or evidence differ in `c`. */
function changedCodes(c: SnapshotComparison, codes: ReadonlySet<string>): string[] {
	const changed = new Set([...c.answers.map((a) => a.code), ...c.actions.map((a) => (a.kind === 'changed' ? a.after : a.action).requirementCode), ...c.evidence.map((e) => e.requirementCode)]);
	return [...codes].filter((code) => changed.has(code));
}

async function comparisons(moderation: Moderation | null, submission: Submission): Promise<Map<string, { version: number; comparison: SnapshotComparison }>> {
	const based = new Set([...(moderation?.standards.values() ?? [])].map((s) => s.basedOnSubmissionId).filter((id): id is string => !!id && id !== submission.id));
	const out = new Map<string, { version: number; comparison: SnapshotComparison }>();
	for (const id of based) {
		const older = await getSubmission(db(), id);
		if (older) out.set(id, { version: older.version, comparison: compareSnapshots(older.snapshot, submission.snapshot) });
	}
	return out;
}

export async function moderationPage(submission: Submission, moderation: Moderation | null, can: { edit: boolean; complete: boolean }) {
	const template: Template = found(await getTemplate(db(), submission.snapshot.template.id)).definition;
	const scale = template.scale;
	const [versions, compared, history] = await Promise.all([
		submissionVersions(db(), submission.cycleId, submission.organisationId),
		comparisons(moderation, submission),
		moderation ? gradeHistory(db(), moderation.id) : []
	]);
	const latest = versions[versions.length - 1];
	// Grades are written against the version being moderated: the latest, until moderation is complete.
	const current = moderation ? moderation.submissionId === submission.id : latest.id === submission.id;
	const state = moderation?.state ?? 'awaiting';
	const perRequirement = moderatesRequirements(template);
	const snapshot = submission.snapshot;
	const standards = snapshot.standards.map((s) => {
		const stored = moderation?.standards.get(s.code);
		const codes = new Set(s.requirements.map((r) => r.code));
		const against = stored?.basedOnSubmissionId ? compared.get(stored.basedOnSubmissionId) : undefined;
		return {
			code: s.code,
			title: s.title,
			selfGrade: standardSelfGrade(scale, s.requirements.map((r) => r.grade)),
			requirements: s.requirements.map((r) => ({ ...r, evidence: snapshot.evidence[r.code] ?? [] })),
			actions: snapshot.actions.filter((a) => codes.has(a.requirementCode)),
			moderation: {
				grade: stored?.grade ?? '',
				rationale: stored?.rationale ?? '',
				requirementGrades: stored?.requirementGrades ?? {},
				changeRequest: stored?.changeRequest ?? '',
				version: stored?.version ?? 0,
				updatedAt: stored?.updatedAt.toISOString() ?? null,
				agreedGrade: stored?.agreedGrade ?? null,
				agreedRationale: stored?.agreedRationale ?? '',
				agreedSource: stored?.agreedSource ?? null
			},
			changedSince: against ? { version: against.version, submissionId: stored!.basedOnSubmissionId!, codes: changedCodes(against.comparison, codes) } : null
		};
	});
	const problems = acceptProblems(
		snapshot.standards.map((s) => ({ code: s.code, title: s.title, requirementCodes: s.requirements.map((r) => r.code) })),
		moderation?.standards ?? new Map(),
		moderation?.criteria ?? {},
		perRequirement
	);
	return {
		submission: { id: submission.id, version: submission.version, submittedAt: submission.submittedAt.toISOString(), late: submission.late, organisationName: snapshot.organisation.name, cycleTitle: snapshot.cycle.title, cycleId: submission.cycleId },
		latest: { id: latest.id, version: latest.version },
		moderatedSubmissionId: moderation?.submissionId ?? null,
		current,
		moderation: {
			id: moderation?.id ?? null,
			state,
			// A moderation starts at version 1 (migrations/0010), made by the first save: the outcome forms must match it then.
			version: moderation?.version ?? 1,
			moderatorName: moderation?.moderatorName ?? null,
			criteria: moderation?.criteria ?? {},
			summary: moderation?.summary ?? '',
			reviewVersion: moderation?.reviewVersion ?? 0
		},
		grades: scale.grades.map((g) => ({ value: g.value, label: g.label })),
		perRequirement,
		standards,
		problems,
		canEdit: can.edit && current && isEditable(state),
		canRequestOrAccept: can.edit && current && isEditable(state),
		canComplete: can.complete && current,
		history: history.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString(), gradeLabel: gradeLabel(scale, h.grade) }))
	};
}

/**
 * What the organisation is told about the moderation of this submission: the
 * changes asked of it while they are, and its self, moderated and agreed grades
 * once moderation is complete. Never a draft.
 */
export async function moderationForOrganisation(submission: Submission, moderation: Moderation | null) {
	if (!moderation || moderation.submissionId !== submission.id) return null;
	const scale = found(await getTemplate(db(), submission.snapshot.template.id)).definition.scale;
	const standards = submission.snapshot.standards.map((s) => {
		const m = moderation.standards.get(s.code);
		return {
			code: s.code,
			title: s.title,
			self: gradeLabel(scale, standardSelfGrade(scale, s.requirements.map((r) => r.grade))),
			moderated: gradeLabel(scale, m?.grade),
			rationale: m?.rationale ?? '',
			agreed: gradeLabel(scale, m?.agreedGrade),
			agreedRationale: m?.agreedRationale ?? '',
			changeRequest: m?.changeRequest.trim() ?? ''
		};
	});
	if (moderation.state === 'changes_requested') return { state: moderation.state, partnershipName: submission.snapshot.cycle.partnershipName, standards: standards.filter((s) => s.changeRequest).map(({ code, title, changeRequest }) => ({ code, title, changeRequest })), grades: [] };
	if (moderation.state === 'completed') return { state: moderation.state, partnershipName: submission.snapshot.cycle.partnershipName, standards: [], grades: standards.map(({ changeRequest: _, ...g }) => g) };
	return null;
}
