// The dashboard's charts as data: what each bar is and what it says.
import type { Scale } from '../template';
import type { BarGroup } from './bar-chart';
import type { StandardDistribution } from './grades';
import type { RateRow } from './return-rate';
import { shareText, type Share } from './shares';

/** One bar per row: the share returned, labelled as the reports write it. */
export function rateGroups(rows: readonly { label: string; returned: Share }[]): BarGroup[] {
	return rows.map((r) => ({ label: r.label, bars: [{ series: 'Returned', value: r.returned.percent, text: shareText(r.returned) }] }));
}

export const overallRow = (overall: Share): RateRow => ({ key: 'overall', label: 'All organisations', returned: overall });

export const GRADE_SERIES = [
	{ key: 'self', label: 'Self' },
	{ key: 'moderated', label: 'Moderated' },
	{ key: 'agreed', label: 'Agreed' }
] as const;

/** Per grade of the scale (best first), how many standard grades across the cycle's standards are self, moderated and agreed grades. */
export function gradeGroups(scale: Scale, standards: readonly StandardDistribution[]): BarGroup[] {
	return scale.grades.map((g) => ({
		label: g.label,
		bars: GRADE_SERIES.map((s) => {
			const value = standards.reduce((sum, d) => sum + (d[s.key][g.value] ?? 0), 0);
			return { series: s.label, value, text: `${s.label}: ${value}` };
		})
	}));
}
