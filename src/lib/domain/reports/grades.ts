// Grade distribution per standard: how many organisations have each grade of
// the scale as their self grade (latest submission), moderated grade (settled
// moderations only) and agreed grade. Pure: no I/O.
import { standardSelfGrade } from '../moderation';
import type { Scale, Template } from '../template';
import { isSettled, type ModeratedGrades, type SubmittedAnswers } from './answers';

/** Counts per scale grade value, in the scale's order (best first). */
export type GradeCounts = Record<string, number>;

export interface StandardDistribution {
	code: string;
	title: string;
	self: GradeCounts;
	/** Returned, but no requirement of the standard graded (all not applicable or unanswered). */
	selfUngraded: number;
	moderated: GradeCounts;
	agreed: GradeCounts;
}

export const emptyCounts = (scale: Scale): GradeCounts => Object.fromEntries(scale.grades.map((g) => [g.value, 0]));

export function addTo(counts: GradeCounts, grade: string | null | undefined): boolean {
	if (!grade || !Object.hasOwn(counts, grade)) return false;
	counts[grade]++;
	return true;
}

export const totalOf = (counts: GradeCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The cycle's standards, in the template's order. */
export const cycleStandards = (template: Pick<Template, 'standards'>, standardCodes: readonly string[]) => template.standards.filter((s) => standardCodes.includes(s.code));

/** `latest` must already be one submission per organisation (latestPerOrganisation). */
export function gradeDistribution(
	template: Pick<Template, 'scale' | 'standards'>,
	standardCodes: readonly string[],
	latest: readonly SubmittedAnswers[],
	moderations: readonly ModeratedGrades[]
): StandardDistribution[] {
	const settled = moderations.filter(isSettled);
	return cycleStandards(template, standardCodes).map((standard) => {
		const self = emptyCounts(template.scale);
		let selfUngraded = 0;
		for (const a of latest) {
			const grade = standardSelfGrade(template.scale, standard.requirements.map((r) => a.grades[r.code] ?? null));
			if (!addTo(self, grade)) selfUngraded++;
		}
		const moderated = emptyCounts(template.scale);
		const agreed = emptyCounts(template.scale);
		for (const m of settled) addTo(moderated, m.standards.find((s) => s.code === standard.code)?.grade);
		for (const m of moderations) addTo(agreed, m.standards.find((s) => s.code === standard.code)?.agreedGrade);
		return { code: standard.code, title: standard.title, self, selfUngraded, moderated, agreed };
	});
}
