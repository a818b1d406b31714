// Moderation as the partnership reviews a submission: its states and the steps
// between them, the six review criteria, a standard's self grade, and what must
// be filled in before a moderation can be accepted. Pure: no I/O.
import { compareGrades, gradeFor, type Scale, type Template } from './template';
import { NOT_APPLICABLE } from './completion';

export const MODERATION_STATES = ['awaiting', 'changes_requested', 'accepted', 'completed'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const MODERATION_STATE_LABELS: Record<ModerationState, string> = {
	awaiting: 'To moderate',
	changes_requested: 'Changes requested',
	accepted: 'Accepted',
	completed: 'Moderation complete'
};

/**
 * The steps a person takes. A resubmission is not one of them: it moves a
 * moderation whose changes were requested (or not yet completed) back to
 * awaiting by itself (see `afterResubmission`).
 */
export const MODERATION_STEPS = ['request_changes', 'accept', 'send_back', 'complete'] as const;
export type ModerationStep = (typeof MODERATION_STEPS)[number];

const TRANSITIONS: Record<ModerationStep, { from: readonly ModerationState[]; to: ModerationState }> = {
	/** The moderator (or chair) asks the organisation to amend and resubmit. */
	request_changes: { from: ['awaiting'], to: 'changes_requested' },
	/** The moderator (or chair) is content with the grades: the chair confirms next. */
	accept: { from: ['awaiting', 'changes_requested'], to: 'accepted' },
	/** The chair returns an accepted moderation to the moderator. */
	send_back: { from: ['accepted'], to: 'awaiting' },
	/** The chair confirms: the organisation now sees its moderated and agreed grades. */
	complete: { from: ['accepted'], to: 'completed' }
};

export function nextState(state: ModerationState, step: ModerationStep): ModerationState | null {
	const t = TRANSITIONS[step];
	return t.from.includes(state) ? t.to : null;
}

/** What a new version of the submission does to the moderation: completed moderations stay with the version they moderated. */
export function afterResubmission(state: ModerationState): ModerationState {
	return state === 'completed' ? 'completed' : 'awaiting';
}

/** Grades and the review can be changed until the moderation is accepted. */
export const isEditable = (state: ModerationState) => state === 'awaiting' || state === 'changes_requested';

export const REVIEW_CRITERIA = [
	{ key: 'complete', question: 'Is the self-assessment complete?' },
	{ key: 'evidence', question: 'Is the evidence extensive and robust?' },
	{ key: 'justifiable', question: 'Are the grades justifiable from the evidence?' },
	{ key: 'learning', question: 'Does the organisation learn from quality assurance and act on its findings?' },
	{ key: 'risks', question: 'Are risks identified and managed?' },
	{ key: 'good_practice', question: 'Is there innovative or good practice to share?' }
] as const;
export type CriterionKey = (typeof REVIEW_CRITERIA)[number]['key'];

export const CRITERION_RATINGS = [
	{ value: 'yes', label: 'Yes' },
	{ value: 'partly', label: 'Partly' },
	{ value: 'no', label: 'No' }
] as const;
export type CriterionRating = (typeof CRITERION_RATINGS)[number]['value'];

export type Criteria = Partial<Record<CriterionKey, { rating: CriterionRating | null; comment: string }>>;

export const RATIONALE_MAX = 5000;
export const CHANGE_REQUEST_MAX = 5000;

/** Whether the template asks for a moderated grade per requirement as well as per standard. */
export const moderatesRequirements = (template: Pick<Template, 'moderation'>) => template.moderation.perRequirement;

/**
 * A standard's self grade, from its requirements' grades: the middle one in
 * order from best to worst (the weaker of the two middle ones when there is an
 * even number). Not applicable and ungraded requirements do not count.
 */
export function standardSelfGrade(scale: Scale, grades: readonly (string | null)[]): string | null {
	const graded = grades
		.filter((g): g is string => g !== null && g !== NOT_APPLICABLE)
		.map((g) => gradeFor(scale, g))
		.filter((g) => g !== undefined)
		.sort((a, b) => compareGrades(scale, a, b));
	if (!graded.length) return null;
	return graded[Math.floor(graded.length / 2)].value;
}

/** How far the moderated grade is from the self grade, in steps of the scale (positive: moderated is weaker). */
export function gradeGap(scale: Scale, self: string | null, moderated: string | null): number | null {
	const a = gradeFor(scale, self);
	const b = gradeFor(scale, moderated);
	if (!a || !b) return null;
	const order = [...scale.grades].sort((x, y) => compareGrades(scale, x, y)).map((g) => g.value);
	return order.indexOf(b.value) - order.indexOf(a.value);
}

export interface StandardModeration {
	code: string;
	grade: string | null;
	rationale: string;
	requirementGrades: Record<string, { grade: string | null; rationale: string }>;
	changeRequest: string;
}

export interface AcceptProblem {
	/** A standard's code, or 'review' for the criteria. */
	where: string;
	message: string;
}

/** What must be filled in before the moderation can be accepted: a grade and rationale per standard (and per requirement where asked) and every criterion rated. */
export function acceptProblems(
	standards: readonly { code: string; title: string; requirementCodes: readonly string[] }[],
	moderated: ReadonlyMap<string, StandardModeration>,
	criteria: Criteria,
	perRequirement: boolean
): AcceptProblem[] {
	const problems: AcceptProblem[] = [];
	for (const s of standards) {
		const m = moderated.get(s.code);
		if (!m?.grade) problems.push({ where: s.code, message: `Standard ${s.code} has no moderated grade` });
		else if (!m.rationale.trim()) problems.push({ where: s.code, message: `Standard ${s.code} needs a rationale for its moderated grade` });
		if (perRequirement) {
			const missing = s.requirementCodes.filter((code) => !m?.requirementGrades[code]?.grade || !m.requirementGrades[code].rationale.trim());
			if (missing.length) problems.push({ where: s.code, message: `Standard ${s.code}: requirements ${missing.join(', ')} need a moderated grade and rationale` });
		}
	}
	const unrated = REVIEW_CRITERIA.filter((c) => !criteria[c.key]?.rating);
	if (unrated.length) problems.push({ where: 'review', message: `Rate every review criterion (${unrated.length} not rated)` });
	return problems;
}

/** Changes can be requested only with a message for at least one standard. */
export const hasChangeRequest = (moderated: Iterable<StandardModeration>) => [...moderated].some((m) => m.changeRequest.trim().length > 0);

export type ModerationFlag = 'thin_evidence' | 'personal_data' | 'late' | 'resubmitted';

export const FLAG_LABELS: Record<ModerationFlag, string> = {
	thin_evidence: 'Strong grade, thin evidence',
	personal_data: 'Personal data flagged',
	late: 'Late',
	resubmitted: 'Resubmitted'
};

/** A requirement graded strong (good, green, yes) with no evidence cited. */
export function hasThinEvidence(scale: Scale, requirements: readonly { grade: string | null; evidence: number }[]): boolean {
	return requirements.some((r) => r.evidence === 0 && gradeFor(scale, r.grade)?.strong === true);
}
