// A horizontal bar chart's geometry, from data to coordinates, with d3-scale:
// pure, so the web page's SVG and a PDF can draw the same chart. Each group
// (a sector, a grade) has a label line above its bars (so long labels never
// collide) and one bar per series, each labelled with its own text: the chart
// never relies on colour alone.
import { scaleBand, scaleLinear } from 'd3-scale';

export interface BarDatum {
	/** The series the bar belongs to (e.g. "Self"); shown in the data table's header. */
	series: string;
	value: number;
	/** What the bar says, e.g. "73% (66 of 90)" or "Self: 12". */
	text: string;
}

export interface BarGroup {
	label: string;
	bars: BarDatum[];
}

export interface ChartOptions {
	/** The axis's upper end (e.g. 100 for percentages); the largest value when omitted. */
	max?: number;
	/** How a tick reads, e.g. (v) => `${v}%`. */
	tickFormat?: (value: number) => string;
	width?: number;
}

export interface BarGeometry {
	x: number;
	y: number;
	width: number;
	height: number;
	series: number;
	text: string;
	textX: number;
	textY: number;
}

export interface ChartGeometry {
	width: number;
	height: number;
	axis: { x1: number; x2: number; y: number };
	ticks: { x: number; label: string }[];
	groups: { label: string; labelX: number; labelY: number; bars: BarGeometry[] }[];
}

const BAR = 22;
const LABEL = 22;
const MARGIN = { top: 8, right: 12, bottom: 32, left: 16 };
/** Room kept right of the longest bar for its text. */
const TEXT_ROOM = 130;

export function barChart(groups: readonly BarGroup[], options: ChartOptions = {}): ChartGeometry {
	const width = options.width ?? 560;
	const seriesCount = Math.max(1, ...groups.map((g) => g.bars.length));
	const groupHeight = LABEL + seriesCount * BAR + 12;
	const plotBottom = MARGIN.top + groups.length * groupHeight;
	const largest = Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
	const max = Math.max(options.max ?? largest, 1);
	// A count's axis ends on a round number (43 → 50); a percentage's at 100.
	const x = scaleLinear().domain([0, max]).range([MARGIN.left, width - MARGIN.right - TEXT_ROOM]);
	if (options.max === undefined) x.nice(Math.min(5, max));
	const end = x.domain()[1];
	const y = scaleBand<number>().domain(groups.map((_, i) => i)).range([MARGIN.top, plotBottom]).paddingInner(0);
	const inner = scaleBand<number>().domain([...Array(seriesCount).keys()]).range([LABEL, groupHeight - 12]).padding(0.1);
	const format = options.tickFormat ?? ((v: number) => String(v));
	// Whole numbers only: a count of organisations has no halves.
	const ticks = x.ticks(Math.min(5, end)).filter((t) => Number.isInteger(t));
	return {
		width,
		height: plotBottom + MARGIN.bottom,
		axis: { x1: x(0), x2: x(end), y: plotBottom },
		ticks: ticks.map((t) => ({ x: x(t), label: format(t) })),
		groups: groups.map((g, i) => {
			const top = y(i) ?? 0;
			return {
				label: g.label,
				labelX: MARGIN.left,
				labelY: top + LABEL - 6,
				bars: g.bars.map((b, s) => {
					const barY = top + (inner(s) ?? 0);
					const barEnd = x(Math.min(b.value, end));
					return { x: x(0), y: barY, width: Math.max(0, barEnd - x(0)), height: inner.bandwidth(), series: s, text: b.text, textX: barEnd + 6, textY: barY + inner.bandwidth() / 2 };
				})
			};
		})
	};
}
