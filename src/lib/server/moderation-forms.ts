// Reading the moderation page's forms: a standard's draft and the review. What
// a person typed always comes back with an error, so nothing is lost.
import { rowVersion } from '../domain/row-version';
import { CHANGE_REQUEST_MAX, CRITERION_RATINGS, RATIONALE_MAX, REVIEW_CRITERIA, type Criteria, type CriterionRating } from '../domain/moderation';
import type { StandardInput } from './moderation';
import type { FieldErrors } from '../domain/forms';

type Parsed<T> = { ok: true; version: number; value: T } | { ok: false; errors: FieldErrors };

const text = (form: FormData, name: string) => String(form.get(name) ?? '').replace(/\r\n/g, '\n');

function tooLong(errors: FieldErrors, field: string, value: string, max: number, what: string) {
	if (value.length > max) errors[field] = `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}

export function readStandardForm(form: FormData, grades: readonly string[], requirementCodes: readonly string[], perRequirement: boolean): Parsed<StandardInput> {
	const errors: FieldErrors = {};
	const version = rowVersion.safeParse(form.get('version'));
	if (!version.success) errors._form = version.error.issues[0].message;
	const grade = text(form, 'grade');
	if (grade && !grades.includes(grade)) errors.grade = 'Choose a grade from the scale';
	const rationale = text(form, 'rationale');
	tooLong(errors, 'rationale', rationale, RATIONALE_MAX, 'The rationale');
	const changeRequest = text(form, 'changeRequest');
	tooLong(errors, 'changeRequest', changeRequest, CHANGE_REQUEST_MAX, 'What to change');
	const requirementGrades: StandardInput['requirementGrades'] = {};
	if (perRequirement) {
		for (const code of requirementCodes) {
			const g = text(form, `grade-${code}`);
			const r = text(form, `rationale-${code}`);
			if (g && !grades.includes(g)) errors[`grade-${code}`] = `Choose a grade from the scale for requirement ${code}`;
			tooLong(errors, `rationale-${code}`, r, RATIONALE_MAX, `The rationale for requirement ${code}`);
			if (g || r) requirementGrades[code] = { grade: g || null, rationale: r };
		}
	}
	if (Object.keys(errors).length || !version.success) return { ok: false, errors };
	return { ok: true, version: version.data, value: { grade: grade || null, rationale, requirementGrades, changeRequest } };
}

export function readReviewForm(form: FormData): Parsed<{ criteria: Criteria; summary: string }> {
	const errors: FieldErrors = {};
	const version = rowVersion.safeParse(form.get('version'));
	if (!version.success) errors._form = version.error.issues[0].message;
	const ratings = CRITERION_RATINGS.map((r) => r.value) as readonly string[];
	const criteria: Criteria = {};
	for (const c of REVIEW_CRITERIA) {
		const rating = text(form, `rating-${c.key}`);
		const comment = text(form, `comment-${c.key}`);
		if (rating && !ratings.includes(rating)) errors[`rating-${c.key}`] = 'Choose yes, partly or no';
		tooLong(errors, `comment-${c.key}`, comment, RATIONALE_MAX, 'The comment');
		if (rating || comment) criteria[c.key] = { rating: (rating || null) as CriterionRating | null, comment };
	}
	const summary = text(form, 'summary');
	tooLong(errors, 'summary', summary, RATIONALE_MAX, 'The overall comment');
	if (Object.keys(errors).length || !version.success) return { ok: false, errors };
	return { ok: true, version: version.data, value: { criteria, summary } };
}
