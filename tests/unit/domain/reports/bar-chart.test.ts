import { describe, expect, it } from 'vitest';
import { barChart } from '../../../../src/lib/domain/reports/bar-chart';

describe('bar chart geometry', () => {
	const chart = barChart(
		[
			{ label: 'Overall', bars: [{ series: 'Returned', value: 75, text: '75% (3 of 4)' }] },
			{ label: 'Police', bars: [{ series: 'Returned', value: 0, text: '0% (0 of 1)' }] }
		],
		{ max: 100, tickFormat: (v) => `${v}%` }
	);
	it('draws bars in proportion to the axis, each with its text beside it', () => {
		const [overall, police] = chart.groups.map((g) => g.bars[0]);
		const full = chart.axis.x2 - chart.axis.x1;
		expect(overall.width).toBeCloseTo(full * 0.75);
		expect(police.width).toBe(0);
		expect(overall.text).toBe('75% (3 of 4)');
		expect(overall.textX).toBeGreaterThan(overall.x + overall.width);
		expect(police.y).toBeGreaterThan(overall.y + overall.height);
	});
	it('ticks the axis in whole steps, labelled', () => {
		expect(chart.ticks.map((t) => t.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
		expect(chart.ticks[0].x).toBe(chart.axis.x1);
	});
	it('ends a count’s axis on a round number', () => {
		const chart43 = barChart([{ label: 'Good', bars: [{ series: 'Self', value: 43, text: 'Self: 43' }] }]);
		expect(chart43.ticks.at(-1)?.label).toBe('50');
		expect(chart43.groups[0].bars[0].width).toBeCloseTo((chart43.axis.x2 - chart43.axis.x1) * 0.86);
	});
	it('never ticks half an organisation', () => {
		const counts = barChart([{ label: 'Good', bars: [{ series: 'Self', value: 2, text: 'Self: 2' }, { series: 'Moderated', value: 1, text: 'Moderated: 1' }] }]);
		expect(counts.ticks.map((t) => t.label)).toEqual(['0', '1', '2']);
		expect(counts.groups[0].bars[1].y).toBeGreaterThan(counts.groups[0].bars[0].y);
	});
});
