// Whom to invite to a challenge event: the cycle's organisations ranked by
// what a panel would want to question, each with its reasons in words. The
// chair decides; this only orders the list and says why. Pure: no I/O.
import { gradeGap, hasThinEvidence, standardSelfGrade } from './moderation';
import { compareGrades, gradeFor, type Scale } from './template';
import { formatDate } from './dates';
import { plural } from './text';

export interface SuggestionInput {
	organisationId: string;
	organisationName: string;
	/** Per standard: each requirement's self grade and how many files it cites (the workspace's summary). */
	requirements: Record<string, { grade: string | null; evidence: number }[]>;
	/** Moderated grade per standard, drafts included. */
	moderated: Record<string, string | null>;
	openChallenges: number;
	overdueChallenges: number;
	/** When it last had a slot at an earlier event of the partnership; null if never. */
	lastChallengedAt: Date | string | null;
}

export type ReasonKind = 'gap' | 'not_met' | 'thin_evidence' | 'challenges' | 'not_challenged';

export interface Reason {
	kind: ReasonKind;
	text: string;
}

export interface Suggestion {
	organisationId: string;
	organisationName: string;
	score: number;
	reasons: Reason[];
}

// How much each reason weighs: a standard graded two steps weaker counts as much as one not met.
const WEIGHT = { gapStep: 2, notMet: 4, thinRequirement: 1, open: 1, overdue: 2, never: 2, longAgo: 1 } as const;

const label = (scale: Scale, value: string | null) => gradeFor(scale, value)?.label ?? 'not graded';

/** The grade at the bottom of the scale: what "not met" means on it. */
export function worstGrade(scale: Scale): string {
	return [...scale.grades].sort((a, b) => compareGrades(scale, a, b)).at(-1)!.value;
}

const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function suggestionFor(scale: Scale, standardCodes: readonly string[], o: SuggestionInput, now: Date): Suggestion {
	const reasons: Reason[] = [];
	let score = 0;
	const worst = worstGrade(scale);
	for (const code of [...standardCodes].sort(byCode)) {
		const self = standardSelfGrade(scale, (o.requirements[code] ?? []).map((r) => r.grade));
		const moderated = o.moderated[code] ?? null;
		const gap = gradeGap(scale, self, moderated);
		if (gap !== null && gap > 0) {
			score += gap * WEIGHT.gapStep;
			reasons.push({ kind: 'gap', text: `Standard ${code}: self ${label(scale, self)}, moderated ${label(scale, moderated)}` });
		}
		const notMet = [self && self === worst ? 'self' : null, moderated === worst ? 'moderated' : null].filter(Boolean);
		if (notMet.length) {
			score += WEIGHT.notMet;
			reasons.push({ kind: 'not_met', text: `Standard ${code} not met: ${notMet.join(' and ')} grade ${label(scale, worst)}` });
		}
	}
	const requirements = Object.values(o.requirements).flat();
	if (hasThinEvidence(scale, requirements)) {
		const thin = requirements.filter((r) => r.evidence === 0 && gradeFor(scale, r.grade)?.strong === true).length;
		score += thin * WEIGHT.thinRequirement;
		reasons.push({ kind: 'thin_evidence', text: `Strong grade, thin evidence: ${plural(thin, 'requirement')} graded strong cite no evidence` });
	}
	if (o.openChallenges > 0) {
		score += o.openChallenges * WEIGHT.open + o.overdueChallenges * WEIGHT.overdue;
		const overdue = o.overdueChallenges ? `, ${o.overdueChallenges} overdue` : '';
		reasons.push({ kind: 'challenges', text: `${plural(o.openChallenges, 'open challenge')}${overdue}` });
	}
	if (!o.lastChallengedAt) {
		score += WEIGHT.never;
		reasons.push({ kind: 'not_challenged', text: 'Never at a challenge event of the partnership' });
	} else {
		const last = new Date(o.lastChallengedAt);
		if (now.getTime() - last.getTime() > 365 * 86_400_000) {
			score += WEIGHT.longAgo;
			reasons.push({ kind: 'not_challenged', text: `Not at a challenge event since ${formatDate(last)}` });
		}
	}
	return { organisationId: o.organisationId, organisationName: o.organisationName, score, reasons };
}

/**
 * Every organisation ranked: highest score first; at equal scores, the one
 * challenged longest ago (never first), then by name.
 */
export function rankSuggestions(scale: Scale, standardCodes: readonly string[], organisations: readonly SuggestionInput[], now = new Date()): Suggestion[] {
	const last = new Map(organisations.map((o) => [o.organisationId, o.lastChallengedAt ? new Date(o.lastChallengedAt).getTime() : Number.NEGATIVE_INFINITY]));
	return organisations
		.map((o) => suggestionFor(scale, standardCodes, o, now))
		.sort((a, b) => b.score - a.score || last.get(a.organisationId)! - last.get(b.organisationId)! || a.organisationName.localeCompare(b.organisationName));
}

/** The reasons as one line, stored as why the organisation was invited. */
export const reasonLine = (s: Pick<Suggestion, 'reasons'>) => s.reasons.map((r) => r.text).join('; ');
