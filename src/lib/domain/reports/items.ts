// Item-level results (the Section 175 reports' "96% of schools report staff are
// familiar with KCSIE"): per requirement, the share of returning organisations
// giving each answer on the scale. Not applicable is counted on its own and left
// out of the denominator; an item left unanswered counts as "No answer" and stays
// in it, so the shares of the scale's answers and "No answer" add up to 100%.
// Pure: no I/O.
import { NOT_APPLICABLE } from '../completion';
import type { Template } from '../template';
import { isSettled, type ModeratedGrades, type SubmittedAnswers } from './answers';
import { addTo, cycleStandards, emptyCounts, type GradeCounts } from './grades';
import { share, type Share } from './shares';

export interface ItemResult {
	code: string;
	text: string;
	standardCode: string;
	/** Per scale grade value, out of those that did not mark it not applicable. */
	answers: Record<string, Share>;
	noAnswer: Share;
	notApplicable: number;
	/** Settled moderated grades of the requirement, where the template moderates requirements. */
	moderated: GradeCounts | null;
}

/** `latest` must already be one submission per organisation (latestPerOrganisation), filtered as the page shows it. */
export function itemResults(
	template: Pick<Template, 'scale' | 'standards' | 'moderation'>,
	standardCodes: readonly string[],
	latest: readonly SubmittedAnswers[],
	moderations: readonly ModeratedGrades[]
): ItemResult[] {
	const returning = new Set(latest.map((a) => a.organisationId));
	const settled = moderations.filter((m) => isSettled(m) && returning.has(m.organisationId));
	return cycleStandards(template, standardCodes).flatMap((standard) =>
		standard.requirements.map((r) => {
			const counts = emptyCounts(template.scale);
			let notApplicable = 0;
			let noAnswer = 0;
			for (const a of latest) {
				const grade = a.grades[r.code] ?? null;
				if (grade === NOT_APPLICABLE) notApplicable++;
				else if (!addTo(counts, grade)) noAnswer++;
			}
			const applicable = latest.length - notApplicable;
			let moderated: GradeCounts | null = null;
			if (template.moderation.perRequirement) {
				moderated = emptyCounts(template.scale);
				for (const m of settled) addTo(moderated, m.standards.find((s) => s.code === standard.code)?.requirementGrades[r.code]);
			}
			return {
				code: r.code,
				text: r.text,
				standardCode: standard.code,
				answers: Object.fromEntries(Object.entries(counts).map(([v, n]) => [v, share(n, applicable)])),
				noAnswer: share(noAnswer, applicable),
				notApplicable,
				moderated
			};
		})
	);
}
