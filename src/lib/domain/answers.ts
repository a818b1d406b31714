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

export const answerSchema = z.object({
	grade: plainText().max(20).nullable(),
	naReason: plainText().max(NA_REASON_MAX, { error: `Keep the reason under ${NA_REASON_MAX} characters` }),
	narrative: plainText().max(NARRATIVE_MAX, { error: `Keep the narrative under ${NARRATIVE_MAX.toLocaleString('en-GB')} characters` }),
	version: rowVersion
});

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
		if (answer.narrative.length > NARRATIVE_MAX) errors[`narrative-${r.code}`] = `Keep the narrative under ${NARRATIVE_MAX.toLocaleString('en-GB')} characters`;
		if (answer.naReason.length > NA_REASON_MAX) errors[`naReason-${r.code}`] = `Keep the reason under ${NA_REASON_MAX} characters`;
		if (!version.success) errors[`grade-${r.code}`] = version.error.issues[0].message;
		return answer;
	});
	return { answers, errors };
}
