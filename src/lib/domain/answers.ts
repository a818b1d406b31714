// The answer form: what a standard page posts, read and validated the same way
// for the whole-standard save (no JavaScript) and the per-field autosave.
import { z } from 'zod';
import { allowsNotApplicable, gradeFor, type Standard, type Template } from './template';
import { NOT_APPLICABLE } from './completion';
import { plainText, withoutControlCharacters } from './text';
import { rowVersion } from './row-version';

export const NARRATIVE_MAX = 10_000;
export const NA_REASON_MAX = 2_000;

export interface PostedAnswer {
	code: string;
	grade: string | null;
	naReason: string;
	narrative: string;
	/** The version the person started from (0: there was no answer). */
	version: number;
	/** Fingerprint of the values the page showed, to tell untouched rows from edited ones. */
	original: string;
	/** "I have reviewed this carried-forward answer and it is still right." */
	confirm: boolean;
}

/** The fields of one answer, as the page names them (`narrative-7.2`) and as autosave sends them. */
export type AnswerField = 'grade' | 'naReason' | 'narrative';

/** Types only: lengths are checked by `lengthProblems`, so both ways of saving say the same. */
export const answerSchema = z.object({
	grade: plainText().max(20).nullable(),
	naReason: plainText(),
	narrative: plainText(),
	version: rowVersion
});

/** Why an answer's text is too long, per field, in the GOV.UK character count's words. Counts trimmed text. */
export function lengthProblems(code: string, answer: { naReason: string; narrative: string }): Partial<Record<AnswerField, string>> {
	const problems: Partial<Record<AnswerField, string>> = {};
	const over = (text: string, max: number) => text.trim().length > max;
	if (over(answer.narrative, NARRATIVE_MAX)) problems.narrative = `Narrative for ${code} must be ${NARRATIVE_MAX.toLocaleString('en-GB')} characters or fewer`;
	if (over(answer.naReason, NA_REASON_MAX)) problems.naReason = `The reason for ${code} must be ${NA_REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
	return problems;
}

/** Null if `grade` is a value this requirement may take (or no grade yet), otherwise why not. */
export function gradeProblem(template: Template, requirement: { allowNotApplicable?: boolean }, grade: string | null): string | null {
	if (grade === null) return null;
	if (grade === NOT_APPLICABLE) return allowsNotApplicable(template, requirement) ? null : 'This requirement cannot be marked not applicable';
	return gradeFor(template.scale, grade) ? null : 'Choose a grade from the scale';
}

/** Reads one standard's answers from a posted form; errors are keyed by field name. */
export function readStandardForm(
	template: Template,
	standard: Standard,
	form: FormData
): { answers: PostedAnswer[]; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? withoutControlCharacters(v).replace(/\r\n/g, '\n') : '';
	};
	const answers = standard.requirements.map((r) => {
		const grade = text(`grade-${r.code}`) || null;
		const version = rowVersion.safeParse(text(`version-${r.code}`) || '0');
		const answer: PostedAnswer = {
			code: r.code,
			grade,
			naReason: text(`naReason-${r.code}`).trim(),
			narrative: text(`narrative-${r.code}`).trim(),
			version: version.success ? version.data : 0,
			original: text(`original-${r.code}`),
			confirm: form.get(`confirm-${r.code}`) === 'yes'
		};
		const problem = gradeProblem(template, r, grade);
		if (problem) errors[`grade-${r.code}`] = problem;
		for (const [field, message] of Object.entries(lengthProblems(r.code, answer))) errors[`${field}-${r.code}`] = message;
		if (!version.success) errors[`grade-${r.code}`] = version.error.issues[0].message;
		return answer;
	});
	return { answers, errors };
}
