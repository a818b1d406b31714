// The organisation × standard heatmap: in each cell the self grade of the
// organisation's latest submission and the partnership's view of it (the
// agreed grade where there is one, else the moderated grade once the
// moderation is accepted or complete: never a draft), what colours it, and
// whether the partnership's grade is worse than the self grade. Then the rows
// as a person filters, sorts and pages them.
import { PAGE_SIZE, pageOf, pageParam } from '../paging';
import { NOT_APPLICABLE, gradeLabel } from '../completion';
import { gradeGap, standardSelfGrade, type ModerationState } from '../moderation';
import { PHASE_UNKNOWN_LABEL, PHASE_LABELS, SCHOOL_PHASES, SECTORS, type OrganisationKind, type SchoolPhase, type Sector } from '../organisations';
import { gradeFor, type Scale } from '../template';

/** One organisation in the cycle, as the query reads it. */
export interface HeatmapSource {
	organisationId: string;
	organisationName: string;
	kind: OrganisationKind;
	sector: Sector;
	phase: SchoolPhase | null;
	/** The latest submission to the cycle; null: not returned. */
	submissionId: string | null;
	/** Per standard: each requirement's self grade in that submission. */
	requirements: Record<string, (string | null)[]>;
	moderationState: ModerationState | null;
	moderatorId: string | null;
	/** Per standard, as stored: the moderated grade may still be a draft. */
	moderated: Record<string, string | null>;
	agreed: Record<string, string | null>;
}

/** The colour a cell is drawn in: the scale's colour of the grade that decides it. */
export type CellColour = 'green' | 'amber' | 'red' | 'blue' | 'grey' | 'none';

export interface HeatmapCell {
	/** The self grade's words: a grade, "Not applicable" or "Not graded". */
	self: string;
	/** The partnership's grade, when there is one to show. */
	review: { source: 'agreed' | 'moderated'; label: string } | null;
	/** Steps of the scale by which the partnership's grade is worse than the self grade (negative: better). */
	gap: number | null;
	lower: boolean;
	colour: CellColour;
}

export interface HeatmapRow {
	organisationId: string;
	organisationName: string;
	sector: Sector;
	phase: SchoolPhase | null;
	kind: OrganisationKind;
	submissionId: string | null;
	moderatorId: string | null;
	/** Null for an organisation that has not returned. */
	cells: Record<string, HeatmapCell> | null;
}

/** Moderated grades count once the moderation is accepted; before that they are a moderator's draft. */
const SETTLED: readonly ModerationState[] = ['accepted', 'completed'];

/** A standard's self grade: the middle requirement grade, N/A when every requirement answered is N/A, null when none is graded. */
export function standardSelf(scale: Scale, grades: readonly (string | null)[]): string | null {
	const self = standardSelfGrade(scale, grades);
	if (self) return self;
	const answered = grades.filter((g) => g !== null);
	return answered.length && answered.every((g) => g === NOT_APPLICABLE) ? NOT_APPLICABLE : null;
}

export function heatmapCell(scale: Scale, source: HeatmapSource, code: string): HeatmapCell {
	const self = standardSelf(scale, source.requirements[code] ?? []);
	const agreed = gradeFor(scale, source.agreed[code]) ? source.agreed[code]! : null;
	const moderated = source.moderationState && SETTLED.includes(source.moderationState) && gradeFor(scale, source.moderated[code]) ? source.moderated[code]! : null;
	const shown = agreed ?? moderated;
	const gap = gradeGap(scale, self, shown);
	return {
		self: gradeLabel(scale, self) ?? 'Not graded',
		review: shown ? { source: agreed ? 'agreed' : 'moderated', label: gradeLabel(scale, shown)! } : null,
		gap,
		lower: gap !== null && gap > 0,
		colour: gradeFor(scale, shown ?? self)?.colour ?? (self === NOT_APPLICABLE ? 'grey' : 'none')
	};
}

export function heatmapRow(scale: Scale, standardCodes: readonly string[], source: HeatmapSource): HeatmapRow {
	const { organisationId, organisationName, sector, phase, kind, submissionId, moderatorId } = source;
	const cells = submissionId ? Object.fromEntries(standardCodes.map((code) => [code, heatmapCell(scale, source, code)])) : null;
	return { organisationId, organisationName, sector, phase, kind, submissionId, moderatorId, cells };
}

export const HEATMAP_SORTS = ['organisation', 'sector', 'gap'] as const;
export type HeatmapSort = (typeof HEATMAP_SORTS)[number];
export type PhaseFilter = SchoolPhase | 'unknown';
export const HEATMAP_PAGE_SIZE = PAGE_SIZE;

export interface HeatmapQuery {
	sector: Sector | null;
	phase: PhaseFilter | null;
	sort: HeatmapSort;
	/** The standard whose gap orders the rows (sort "gap"). */
	standard: string;
	descending: boolean;
	page: number;
}

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);

export const phaseFilterLabel = (p: PhaseFilter) => (p === 'unknown' ? PHASE_UNKNOWN_LABEL : PHASE_LABELS[p]);
export const PHASE_FILTERS: readonly PhaseFilter[] = [...SCHOOL_PHASES, 'unknown'];

/** The query string as the page reads it: anything unknown falls back to the default rather than being refused. */
export function readHeatmapQuery(params: URLSearchParams, standardCodes: readonly string[]): HeatmapQuery {
	return {
		sector: oneOf(SECTORS, params.get('sector')),
		phase: oneOf(PHASE_FILTERS, params.get('phase')),
		sort: oneOf(HEATMAP_SORTS, params.get('sort')) ?? 'organisation',
		standard: oneOf(standardCodes, params.get('standard')) ?? standardCodes[0],
		descending: params.get('order') === 'desc',
		page: pageParam(params)
	};
}

function matches(row: HeatmapRow, q: HeatmapQuery): boolean {
	if (q.sector && row.sector !== q.sector) return false;
	if (!q.phase) return true;
	return row.kind === 'school' && (q.phase === 'unknown' ? row.phase === null : row.phase === q.phase);
}

/**
 * Filtered and sorted. By gap, the widest gap (the partnership's grade most
 * below the self grade) comes first, then cells with no gap to show, then
 * organisations that have not returned; "desc" reverses the order.
 */
export function applyHeatmapQuery(rows: readonly HeatmapRow[], q: HeatmapQuery): HeatmapRow[] {
	const byName = (a: HeatmapRow, b: HeatmapRow) => a.organisationName.localeCompare(b.organisationName, 'en-GB');
	const gapKey = (r: HeatmapRow) => (r.cells ? (r.cells[q.standard]?.gap ?? Number.NEGATIVE_INFINITY) : Number.NaN);
	const compare = (a: HeatmapRow, b: HeatmapRow): number => {
		if (q.sort === 'sector') return a.sector.localeCompare(b.sector) || byName(a, b);
		if (q.sort === 'gap') {
			const [ga, gb] = [gapKey(a), gapKey(b)];
			if (Number.isNaN(ga) !== Number.isNaN(gb)) return Number.isNaN(ga) ? 1 : -1;
			return (Number.isNaN(ga) ? 0 : ga === gb ? 0 : gb > ga ? 1 : -1) || byName(a, b);
		}
		return byName(a, b);
	};
	return rows.filter((r) => matches(r, q)).sort((a, b) => (q.descending ? -compare(a, b) : compare(a, b)));
}

/** One page of the rows: at most HEATMAP_PAGE_SIZE, the page number kept within what there is. */
export function heatmapPage<T>(rows: readonly T[], page: number): { rows: T[]; page: number; pages: number } {
	const paged = pageOf(rows, page, HEATMAP_PAGE_SIZE);
	return { rows: paged.rows, page: paged.page, pages: paged.pages };
}

/** What a cell says, in words: the same text a screen reader hears and a person sees. */
export function cellWords(cell: HeatmapCell): string {
	const review = cell.review ? ` / ${cell.review.source === 'agreed' ? 'Agreed' : 'Moderated'}: ${cell.review.label}` : '';
	return `Self: ${cell.self}${review}`;
}

/**
 * Short forms of a scale's grades for the board paper's grid, where a dozen
 * standards share a page's width: each label's initials ("Requires
 * improvement" → "RI"), or the labels themselves when initials would clash.
 */
export function gradeShortForms(scale: Scale): Map<string, string> {
	const labels = scale.grades.map((g) => g.label);
	const initials = labels.map((l) => l.split(/\s+/).map((w) => w[0]!.toUpperCase()).join(''));
	const unique = new Set([...initials, 'N/A']).size === initials.length + 1;
	return new Map([...labels.map((l, i): [string, string] => [l, unique ? initials[i] : l]), ['Not applicable', 'N/A'], ['Not graded', '–']]);
}

/** A cell as the board paper prints it: "G", or "G / RI (M) ↓": the self grade, then the partnership's, agreed (A) or moderated (M), ↓ when lower. */
export function paperCellText(cell: HeatmapCell, short: ReadonlyMap<string, string> = new Map()): string {
	const s = (label: string) => short.get(label) ?? label;
	if (!cell.review) return s(cell.self);
	return `${s(cell.self)} / ${s(cell.review.label)} (${cell.review.source === 'agreed' ? 'A' : 'M'})${cell.lower ? ' ↓' : ''}`;
}

export interface PaperHeatmap {
	standards: string[];
	rows: string[][];
	/** What the short forms stand for, e.g. "G: Good; RI: Requires improvement; …". */
	key: string;
}

/** The returned organisations' rows as the board paper's table: the name, then a cell per standard. */
export function paperHeatmap(scale: Scale, rows: readonly HeatmapRow[], standardCodes: readonly string[]): PaperHeatmap {
	const short = gradeShortForms(scale);
	return {
		standards: [...standardCodes],
		rows: rows.filter((r) => r.cells).map((r) => [r.organisationName, ...standardCodes.map((code) => paperCellText(r.cells![code], short))]),
		key: [...[...short].filter(([label, abbr]) => label !== abbr).map(([label, abbr]) => `${abbr}: ${label}`), '(A): agreed', '(M): moderated', '↓: lower than the self grade'].join('; ')
	};
}
