// A cycle's dashboard: its return rate, grade distribution per standard and
// item-level results, read in one round of queries and worked out in
// src/lib/domain/reports/.
import type { Queryable } from '../db';
import type { Cycle } from '../cycles';
import { listParticipants } from '../cycle-participants';
import { getTemplate } from '../templates';
import { cycleModerations, latestAnswers } from './cycle-results';
import { inPhase, latestPerOrganisation, type PhaseFilter } from '../../domain/reports/answers';
import { gradeDistribution, type StandardDistribution } from '../../domain/reports/grades';
import { itemResults, type ItemResult } from '../../domain/reports/items';
import { returnRate, type ReturnRate } from '../../domain/reports/return-rate';
import type { Scale } from '../../domain/template';

export interface CycleDashboard {
	scale: Scale;
	standards: { code: string; title: string }[];
	returnRate: ReturnRate;
	/** Organisations whose latest submission the grades and items count. */
	returning: number;
	grades: StandardDistribution[];
	/** Whether the template moderates each requirement (the items then show moderated grades too). */
	moderatesRequirements: boolean;
	items: ItemResult[];
	/** The phase the item results are for: the one asked for, or 'all' when no school of that phase returned. */
	phase: PhaseFilter;
	/** How many returning organisations the item results cover under the phase filter. */
	itemsCover: number;
}

export async function cycleDashboard(db: Queryable, cycle: Cycle, today: string, phase: PhaseFilter): Promise<CycleDashboard> {
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
	return {
		scale: t.scale,
		standards: t.standards.filter((s) => cycle.standardCodes.includes(s.code)).map((s) => ({ code: s.code, title: s.title })),
		returnRate: rate,
		returning: latest.length,
		grades: gradeDistribution(t, cycle.standardCodes, latest, moderations),
		moderatesRequirements: t.moderation.perRequirement,
		items: itemResults(t, cycle.standardCodes, shown, moderations),
		phase: shownPhase,
		itemsCover: shown.length
	};
}
