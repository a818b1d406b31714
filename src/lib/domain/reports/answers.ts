// What the dashboard reads from a cycle's submissions and moderations, and the
// rule that only each organisation's latest submission counts. Pure: no I/O.
import type { ModerationState } from '../moderation';
import type { OrganisationKind, SchoolPhase } from '../organisations';

/** One submission's answers: requirement code → grade ('na' for not applicable, null or absent for no answer). */
export interface SubmittedAnswers {
	organisationId: string;
	version: number;
	kind: OrganisationKind;
	phase: SchoolPhase | null;
	grades: Record<string, string | null>;
}

export interface ModeratedStandard {
	code: string;
	grade: string | null;
	agreedGrade: string | null;
	requirementGrades: Record<string, string | null>;
}

export interface ModeratedGrades {
	organisationId: string;
	state: ModerationState;
	standards: ModeratedStandard[];
}

/** A resubmission replaces what the organisation sent before: one submission per organisation, its highest version. */
export function latestPerOrganisation(submissions: readonly SubmittedAnswers[]): SubmittedAnswers[] {
	const latest = new Map<string, SubmittedAnswers>();
	for (const s of submissions) {
		const kept = latest.get(s.organisationId);
		if (!kept || s.version > kept.version) latest.set(s.organisationId, s);
	}
	return [...latest.values()];
}

/** A moderated grade counts once the moderator has accepted it (or the chair completed it): never a draft. */
export const isSettled = (m: Pick<ModeratedGrades, 'state'>) => m.state === 'accepted' || m.state === 'completed';

/** The schools' phase filter: 'all' (every organisation), a phase, or 'unknown' for schools whose phase is not known. */
export type PhaseFilter = 'all' | SchoolPhase | 'unknown';

export function inPhase(a: Pick<SubmittedAnswers, 'kind' | 'phase'>, filter: PhaseFilter): boolean {
	if (filter === 'all') return true;
	if (a.kind !== 'school') return false;
	return filter === 'unknown' ? a.phase === null : a.phase === filter;
}

const PHASE_FILTERS: readonly string[] = ['all', 'nursery', 'primary', 'middle', 'secondary', 'all-through', '16-plus', 'not-applicable', 'unknown'];

/** The page's `?phase=`; anything unknown shows every organisation. */
export const readPhaseFilter = (value: string | null): PhaseFilter => (value && PHASE_FILTERS.includes(value) ? (value as PhaseFilter) : 'all');
