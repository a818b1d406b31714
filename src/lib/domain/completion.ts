// When is an answer complete, what blocks a submission, what deserves a second
// look. Pure: the standard page, the task list, the check-your-answers page and
// the server's submit action all ask the same questions here.
import { allowsNotApplicable, gradeFor, type Requirement, type Template } from './template';
import { findPersonalData, type PersonalDataWarning } from './personal-data';
import { plural } from './text';

export const NOT_APPLICABLE = 'na';

/** How a grade reads: its label on the scale, "Not applicable", or null for no grade. */
export function gradeLabel(scale: Template['scale'], grade: string | null | undefined): string | null {
	return grade === NOT_APPLICABLE ? 'Not applicable' : (gradeFor(scale, grade)?.label ?? null);
}

export interface ResponseState {
	requirementCode: string;
	grade: string | null;
	naReason: string;
	narrative: string;
	carriedForward: boolean;
}

export type RequirementStatus = 'not_started' | 'incomplete' | 'complete';

export interface RequirementCheck {
	code: string;
	status: RequirementStatus;
	/** Why it is not complete, in words for the author. */
	problems: string[];
	/** Worth a second look before submitting; never blocks. */
	prompts: string[];
	personalData: PersonalDataWarning[];
	carriedForward: boolean;
}

export interface CheckContext {
	template: Template;
	/** Documents cited for each requirement (none when not given). */
	evidenceCounts?: Record<string, number>;
}

const emptyResponse = (code: string): ResponseState => ({
	requirementCode: code,
	grade: null,
	naReason: '',
	narrative: '',
	carriedForward: false
});

export function checkRequirement(ctx: CheckContext, requirement: Requirement, response: ResponseState | undefined): RequirementCheck {
	const r = response ?? emptyResponse(requirement.code);
	const { template } = ctx;
	const problems: string[] = [];
	const prompts: string[] = [];
	const narrative = r.narrative.trim();
	const rules = template.narrative;
	const personalData = findPersonalData(`${r.narrative}\n${r.naReason}`);

	if (!r.grade && !narrative) {
		return { code: requirement.code, status: 'not_started', problems: ['Not answered yet'], prompts, personalData, carriedForward: r.carriedForward };
	}
	if (!r.grade) {
		problems.push('Choose a grade');
	} else if (r.grade === NOT_APPLICABLE) {
		if (!allowsNotApplicable(template, requirement)) problems.push('This requirement cannot be marked not applicable: choose a grade');
		else if (template.scale.notApplicable.reasonRequired && !r.naReason.trim()) problems.push('Say why this does not apply');
	} else if (!gradeFor(template.scale, r.grade)) {
		problems.push('Choose a grade from the scale');
	}
	const needsNarrative = rules.required && r.grade !== NOT_APPLICABLE;
	if (needsNarrative && !narrative) problems.push('Write the narrative that supports the grade');
	else if (needsNarrative && narrative.length < rules.minLength) {
		problems.push(`The narrative is too short: write at least ${plural(rules.minLength, 'character')} (${narrative.length} so far)`);
	}
	if (r.carriedForward) problems.push('Carried forward from your last return: review it and confirm or update it');

	const grade = gradeFor(template.scale, r.grade);
	const evidence = ctx.evidenceCounts?.[requirement.code] ?? 0;
	if (grade && evidence === 0 && template.quality.evidenceRequiredFor.includes(grade.value)) {
		problems.push(`“${grade.label}” needs at least one piece of evidence: add a document or link one from your evidence library`);
	}
	if (grade?.strong && template.quality.strongGradeNeedsEvidence && evidence === 0 && narrative.length < template.quality.strongGradeNarrativeBelow) {
		prompts.push(
			`“${grade.label}” is a strong grade, but the narrative is brief. Reviewers look for the evidence behind a strong grade: name the documents that show it.`
		);
	}
	return {
		code: requirement.code,
		status: problems.length ? 'incomplete' : 'complete',
		problems,
		prompts,
		personalData,
		carriedForward: r.carriedForward
	};
}

export interface StandardProgress {
	code: string;
	title: string;
	total: number;
	complete: number;
	status: 'not_started' | 'in_progress' | 'completed';
	checks: RequirementCheck[];
}

/** Progress of each standard (limited to `standardCodes` when a cycle covers only some). */
export function standardProgress(
	ctx: CheckContext,
	responses: ReadonlyMap<string, ResponseState>,
	standardCodes?: readonly string[]
): StandardProgress[] {
	return ctx.template.standards
		.filter((s) => !standardCodes || standardCodes.includes(s.code))
		.map((s) => {
			const checks = s.requirements.map((req) => checkRequirement(ctx, req, responses.get(req.code)));
			const complete = checks.filter((c) => c.status === 'complete').length;
			const touched = checks.some((c) => c.status !== 'not_started');
			return {
				code: s.code,
				title: s.title,
				total: checks.length,
				complete,
				status: complete === checks.length ? 'completed' : touched ? 'in_progress' : 'not_started',
				checks
			};
		});
}

export interface ReadinessProblem {
	kind: 'requirement' | 'sign_off';
	standardCode?: string;
	requirementCode?: string;
	message: string;
}

/** Everything that stops the return (or the cycle's part of it) being submitted. */
export function submissionBlockers(progress: StandardProgress[]): ReadinessProblem[] {
	return progress.flatMap((s) =>
		s.checks
			.filter((c) => c.status !== 'complete')
			.map((c) => ({
				kind: 'requirement' as const,
				standardCode: s.code,
				requirementCode: c.code,
				message: c.problems.join('. ')
			}))
	);
}

/** A map from requirement code to its response, for the functions above. */
export function byRequirement(responses: readonly ResponseState[]): Map<string, ResponseState> {
	return new Map(responses.map((r) => [r.requirementCode, r]));
}
