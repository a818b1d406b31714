// A cycle's dashboard: its return rate, grade distribution per standard,
// item-level results, action-plan status, challenge log in counts and the
// change since the same audit's previous cycle, read in one round of queries
// (two when there is a previous cycle) and worked out in src/lib/domain/reports/.
import type { Queryable } from '../db';
import { getCycle, type Cycle } from '../cycles';
import { listParticipants } from '../cycle-participants';
import { getTemplate } from '../templates';
import { challengeSummary } from './challenge-summary';
import { cycleModerations, latestActions, latestAnswers } from './cycle-results';
import { inPhase, latestPerOrganisation, type PhaseFilter } from '../../domain/reports/answers';
import { actionPlanStatus, type ActionPlanStatus } from '../../domain/reports/action-plans';
import type { ChallengeSummary, PreviousCycle } from '../../domain/reports/board-paper';
import { gradeDistribution, type StandardDistribution } from '../../domain/reports/grades';
import { itemResults, type ItemResult } from '../../domain/reports/items';
import { returnRate, type ReturnRate } from '../../domain/reports/return-rate';
import type { Scale } from '../../domain/template';

export interface CycleResults {
	scale: Scale;
	standards: { code: string; title: string }[];
	returnRate: ReturnRate;
	/** Organisations whose latest submission the grades and items count. */
	returning: number;
	grades: StandardDistribution[];
	/** Whether the template moderates each requirement (the items then show moderated grades too). */
	moderatesRequirements: boolean;
	/** Results per requirement under the phase filter. */
	items: ItemResult[];
	/** Results per requirement for every returning organisation (risks, good practice and the change since last time). */
	allItems: ItemResult[];
	/** The phase the item results are for: the one asked for, or 'all' when no school of that phase returned. */
	phase: PhaseFilter;
	/** How many returning organisations the item results cover under the phase filter. */
	itemsCover: number;
	/** The organisations whose latest submission counts, with their names. */
	returningOrganisations: { organisationId: string; name: string }[];
}

export interface CycleDashboard extends CycleResults {
	actionPlans: ActionPlanStatus;
	challenges: ChallengeSummary;
	/** The same audit's previous cycle in the partnership, for the year-on-year change; null when there is none. */
	previous: PreviousCycle | null;
}

/** The partnership's latest cycle of the same audit that opened before this one (the template family: its slug, across versions), or null. */
export async function previousCycle(db: Queryable, cycle: Cycle): Promise<Cycle | null> {
	const [row] = await db.query<{ id: string }>(
		`select c.id from cycles c join templates t on t.id = c.template_id
		 where c.partnership_id = $1 and c.id <> $2 and c.opens_on < $3::date
			and t.slug = (select slug from templates where id = $4)
		 order by c.opens_on desc limit 1`,
		[cycle.partnershipId, cycle.id, cycle.opensOn, cycle.templateId]
	);
	return row ? getCycle(db, row.id) : null;
}

export async function cycleResults(db: Queryable, cycle: Cycle, today: string, phase: PhaseFilter): Promise<CycleResults> {
	const [template, participants, submitted, moderations] = await Promise.all([
		getTemplate(db, cycle.templateId),
		listParticipants(db, cycle, today),
		latestAnswers(db, cycle.id),
		cycleModerations(db, cycle.id)
	]);
	if (!template) throw new Error(`cycle ${cycle.id} has no template`);
	const t = template.definition;
	const latest = latestPerOrganisation(submitted);
	const rate = returnRate(participants, today);
	const shownPhase = rate.byPhase.some((r) => r.key === phase && r.returned.count) ? phase : 'all';
	const shown = latest.filter((a) => inPhase(a, shownPhase));
	const allItems = itemResults(t, cycle.standardCodes, latest, moderations);
	const names = new Map(participants.map((p) => [p.organisationId, p.name]));
	return {
		scale: t.scale,
		standards: t.standards.filter((s) => cycle.standardCodes.includes(s.code)).map((s) => ({ code: s.code, title: s.title })),
		returnRate: rate,
		returning: latest.length,
		grades: gradeDistribution(t, cycle.standardCodes, latest, moderations),
		moderatesRequirements: t.moderation.perRequirement,
		items: shownPhase === 'all' ? allItems : itemResults(t, cycle.standardCodes, shown, moderations),
		allItems,
		phase: shownPhase,
		itemsCover: shown.length,
		returningOrganisations: latest.map((a) => ({ organisationId: a.organisationId, name: names.get(a.organisationId) ?? '' }))
	};
}

export async function cycleDashboard(db: Queryable, cycle: Cycle, today: string, phase: PhaseFilter): Promise<CycleDashboard> {
	const [results, actions, challenges, earlier] = await Promise.all([
		cycleResults(db, cycle, today, phase),
		latestActions(db, cycle.id),
		challengeSummary(db, { cycleId: cycle.id }, today),
		previousCycle(db, cycle)
	]);
	// The previous cycle only for its return rate and results per requirement: not its action plans.
	let previous: PreviousCycle | null = null;
	if (earlier) {
		const then = await cycleResults(db, earlier, today, 'all');
		previous = { title: earlier.title, returned: then.returnRate.overall, items: then.allItems };
	}
	return { ...results, actionPlans: actionPlanStatus(results.returningOrganisations, actions, today), challenges, previous };
}
