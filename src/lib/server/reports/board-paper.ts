// What the board paper reads: the cycle's dashboard (with its challenge log in
// counts, action plans and the same audit's previous cycle) and the heatmap's
// rows, for every organisation that returned.
import type { Queryable } from '../db';
import type { Cycle } from '../cycles';
import { getTemplate } from '../templates';
import { cycleDashboard } from './cycle-dashboard';
import { heatmapSources } from './heatmap';
import { boardPaper, type BoardPaper } from '../../domain/reports/board-paper';
import { heatmapRow, paperHeatmap } from '../../domain/reports/heatmap';

export async function cycleBoardPaper(db: Queryable, cycle: Cycle, today: string): Promise<BoardPaper> {
	const [dashboard, template, sources] = await Promise.all([cycleDashboard(db, cycle, today, 'all'), getTemplate(db, cycle.templateId), heatmapSources(db, cycle.id)]);
	if (!template) throw new Error(`cycle ${cycle.id} has no template`);
	const codes = template.definition.standards.map((s) => s.code).filter((code) => cycle.standardCodes.includes(code));
	return boardPaper({
		partnershipName: cycle.partnershipName,
		cycleTitle: cycle.title,
		closesOn: cycle.closesOn,
		today,
		scale: dashboard.scale,
		returnRate: dashboard.returnRate,
		returning: dashboard.returning,
		grades: dashboard.grades,
		items: dashboard.allItems,
		actionPlans: dashboard.actionPlans,
		challenges: dashboard.challenges,
		previous: dashboard.previous,
		heatmap: paperHeatmap(dashboard.scale, sources.map((s) => heatmapRow(dashboard.scale, codes, s)), codes)
	});
}
