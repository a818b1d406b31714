// The partnership's compliance summary for one cycle (the board paper): what the
// cycle's dashboard shows, as headings, sentences, lists and tables that the PDF
// and the Word document draw the same way, ready to paste into the annual report.
// Pure: no I/O.
import type { Scale } from '../template';
import { CHALLENGE_SOURCE_LABELS, CHALLENGE_STATUS_LABELS, CHALLENGE_SOURCES, CHALLENGE_STATUSES, type ChallengeSource, type ChallengeStatus } from '../challenges';
import { formatDate } from '../dates';
import type { ActionPlanStatus } from './action-plans';
import type { StandardDistribution } from './grades';
import type { PaperHeatmap } from './heatmap';
import type { ItemResult } from './items';
import { RETURN_TARGET, TIMELINESS, type ReturnRate } from './return-rate';
import { pointsText, shareText, type Share } from './shares';

export type PaperBlock =
	| { kind: 'heading'; level: 2 | 3; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'list'; items: string[] }
	| { kind: 'table'; caption: string; head: string[]; rows: string[][]; widths?: number[]; landscape?: boolean };

export interface BoardPaper {
	title: string;
	partnershipName: string;
	blocks: PaperBlock[];
}

export interface ChallengeSummary {
	byStatus: Record<ChallengeStatus, number>;
	bySource: Record<ChallengeSource, number>;
	overdue: number;
}

/** The same template family's previous cycle, for the year-on-year change. */
export interface PreviousCycle {
	title: string;
	returned: Share;
	items: ItemResult[];
}

export interface PaperInput {
	partnershipName: string;
	cycleTitle: string;
	closesOn: string;
	today: string;
	scale: Scale;
	returnRate: ReturnRate;
	returning: number;
	grades: StandardDistribution[];
	items: ItemResult[];
	actionPlans: ActionPlanStatus;
	challenges: ChallengeSummary;
	previous: PreviousCycle | null;
	/** The organisation × standard grid, one row per organisation: its name, then a cell per standard. */
	heatmap: PaperHeatmap | null;
}

/** How many requirements the risks and good-practice lists name at most. */
export const LIST_LENGTH = 10;

const best = (scale: Scale) => scale.grades[0];
const worst = (scale: Scale) => scale.grades[scale.grades.length - 1];
/** A share in a table cell: a dash where nobody could answer. */
const cellShare = (s: Share) => (s.of ? shareText(s) : '–');

/** Requirements by the share answering the scale's lowest grade (risks) or its highest (good practice), largest first. */
export function rankItems(items: readonly ItemResult[], grade: string, n = LIST_LENGTH): ItemResult[] {
	return items
		.filter((i) => (i.answers[grade]?.count ?? 0) > 0)
		.sort((a, b) => b.answers[grade].percent - a.answers[grade].percent || b.answers[grade].count - a.answers[grade].count || a.code.localeCompare(b.code, 'en', { numeric: true }))
		.slice(0, n);
}

/** Change in the share answering the best grade, per requirement present in both cycles (matched by code). */
export function yearOnYear(now: readonly ItemResult[], before: readonly ItemResult[], scale: Scale): { code: string; text: string; then: Share; now: Share; change: number }[] {
	const top = best(scale).value;
	const earlier = new Map(before.map((i) => [i.code, i]));
	return now.flatMap((i) => {
		const was = earlier.get(i.code);
		if (!was || !was.answers[top]?.of || !i.answers[top]?.of) return [];
		return [{ code: i.code, text: i.text, then: was.answers[top], now: i.answers[top], change: i.answers[top].percent - was.answers[top].percent }];
	});
}

function returnRateBlocks(p: PaperInput): PaperBlock[] {
	const r = p.returnRate;
	const rows = (list: ReturnRate['bySector']) => list.map((x) => [x.label, shareText(x.returned)]);
	const blocks: PaperBlock[] = [
		{ kind: 'heading', level: 2, text: 'Return rate' },
		{ kind: 'paragraph', text: `${shareText(r.overall)} returned against a required ${RETURN_TARGET}%. The deadline was ${formatDate(p.closesOn)}; figures as at ${formatDate(p.today)}.` },
		{ kind: 'table', caption: 'Returns on time, late and outstanding', head: ['', 'Organisations'], rows: TIMELINESS.map((t) => [t.label, shareText(r.timeliness[t.key])]), widths: [2, 1] },
		{ kind: 'table', caption: 'Return rate by sector', head: ['Sector', 'Returned'], rows: rows(r.bySector), widths: [2, 1] }
	];
	if (r.byPhase.length) blocks.push({ kind: 'table', caption: 'Schools’ return rate by phase', head: ['Phase', 'Returned'], rows: rows(r.byPhase), widths: [2, 1] });
	if (r.outstanding.length) {
		blocks.push({
			kind: 'table',
			caption: `Not yet returned (${r.outstanding.length})`,
			head: ['Organisation', 'Sector', 'Deadline', 'Days overdue'],
			rows: r.outstanding.map((o) => [o.name, o.sector, formatDate(o.deadline), o.daysOverdue ? String(o.daysOverdue) : 'Not yet due']),
			widths: [3, 2, 1.3, 1]
		});
	}
	return blocks;
}

function gradeBlocks(p: PaperInput): PaperBlock[] {
	const head = ['Standard', 'Grade', ...p.scale.grades.map((g) => g.label)];
	const rows = p.grades.flatMap((s) =>
		(['self', 'moderated', 'agreed'] as const).map((which) => [`${s.code}. ${s.title}`, { self: 'Self', moderated: 'Moderated', agreed: 'Agreed' }[which], ...p.scale.grades.map((g) => String(s[which][g.value] ?? 0))])
	);
	return [
		{ kind: 'heading', level: 2, text: 'Grades per standard' },
		{ kind: 'paragraph', text: `How many of the ${p.returning} returning organisations gave each grade (their latest submission), and the moderated and agreed grades where moderation has settled them.` },
		{ kind: 'table', caption: 'Self, moderated and agreed grades per standard', head, rows, widths: [3, 1.2, ...p.scale.grades.map(() => 1)] }
	];
}

function itemBlocks(p: PaperInput): PaperBlock[] {
	const head = ['Requirement', ...p.scale.grades.map((g) => g.label), 'No answer', 'Not applicable'];
	const rows = p.items.map((i) => [`${i.code} ${i.text}`, ...p.scale.grades.map((g) => cellShare(i.answers[g.value])), cellShare(i.noAnswer), String(i.notApplicable)]);
	return [
		{ kind: 'heading', level: 2, text: 'Results per requirement' },
		{ kind: 'paragraph', text: 'The share of returning organisations giving each answer, with the count behind every percentage. Not applicable is left out of the share.' },
		{ kind: 'table', caption: 'Answers per requirement', head, rows, widths: [4, ...p.scale.grades.map(() => 1.3), 1.2, 1] }
	];
}

function listOf(items: ItemResult[], grade: { value: string; label: string }): string[] {
	return items.map((i) => `${i.code} ${i.text}: ${shareText(i.answers[grade.value])} ${grade.label.toLowerCase()}.`);
}

function risksBlocks(p: PaperInput): PaperBlock[] {
	const low = worst(p.scale);
	const high = best(p.scale);
	const risks = rankItems(p.items, low.value);
	const good = rankItems(p.items, high.value);
	return [
		{ kind: 'heading', level: 2, text: 'Risks: requirements not met' },
		risks.length ? { kind: 'list', items: listOf(risks, low) } : { kind: 'paragraph', text: `No returning organisation answered ${low.label.toLowerCase()} on any requirement.` },
		{ kind: 'heading', level: 2, text: 'Good practice' },
		good.length ? { kind: 'list', items: listOf(good, high) } : { kind: 'paragraph', text: `No returning organisation answered ${high.label.toLowerCase()} on any requirement yet.` }
	];
}

/** How many organisations the action-plan table names at most (the most overdue first); the workbook has every action. */
export const ACTION_ROWS = 50;

function actionBlocks(a: ActionPlanStatus): PaperBlock[] {
	const t = a.totals;
	const heading: PaperBlock = { kind: 'heading', level: 2, text: 'Action plans' };
	if (!t.total) return [heading, { kind: 'paragraph', text: 'No returning organisation sent an action plan with its latest submission.' }];
	const shown = a.organisations.slice(0, ACTION_ROWS);
	const more = a.organisations.length - shown.length;
	return [
		heading,
		{
			kind: 'paragraph',
			text: `${t.total} action${t.total === 1 ? '' : 's'} in the action plans sent with the latest submissions: ${t.open} open, ${t.overdue} overdue and ${t.done} done.${a.withoutPlan ? ` ${a.withoutPlan} returning organisation${a.withoutPlan === 1 ? '' : 's'} sent no action plan.` : ''}`
		},
		{
			kind: 'table',
			caption: more ? `Action plans, the ${shown.length} organisations with the most overdue actions (${more} more in the workbook)` : 'Action plans by organisation, most overdue first',
			head: ['Organisation', 'Open', 'Overdue', 'Done', 'Total'],
			rows: shown.map((o) => [o.name, String(o.open), String(o.overdue), String(o.done), String(o.total)]),
			widths: [3, 1, 1, 1, 1]
		}
	];
}

function challengeBlocks(c: ChallengeSummary): PaperBlock[] {
	const total = Object.values(c.byStatus).reduce((a, b) => a + b, 0);
	if (!total) return [{ kind: 'heading', level: 2, text: 'Challenge log' }, { kind: 'paragraph', text: 'No challenges have been raised on this cycle.' }];
	return [
		{ kind: 'heading', level: 2, text: 'Challenge log' },
		{ kind: 'paragraph', text: `${total} challenge${total === 1 ? '' : 's'} raised on this cycle; ${c.overdue} overdue.` },
		{ kind: 'table', caption: 'Challenges by status', head: ['Status', 'Challenges'], rows: CHALLENGE_STATUSES.map((s) => [CHALLENGE_STATUS_LABELS[s], String(c.byStatus[s])]), widths: [2, 1] },
		{ kind: 'table', caption: 'Challenges by where they were raised', head: ['Raised at', 'Challenges'], rows: CHALLENGE_SOURCES.map((s) => [CHALLENGE_SOURCE_LABELS[s], String(c.bySource[s])]), widths: [2, 1] }
	];
}

function yearBlocks(p: PaperInput): PaperBlock[] {
	if (!p.previous) return [{ kind: 'heading', level: 2, text: 'Change since the previous cycle' }, { kind: 'paragraph', text: 'There is no earlier cycle of this audit to compare with.' }];
	const changes = yearOnYear(p.items, p.previous.items, p.scale);
	const top = best(p.scale).label;
	return [
		{ kind: 'heading', level: 2, text: `Change since ${p.previous.title}` },
		{ kind: 'paragraph', text: `Return rate: ${shareText(p.returnRate.overall)} now, against ${shareText(p.previous.returned)} then (${pointsText(p.returnRate.overall.percent - p.previous.returned.percent)} percentage points). Requirements are matched by their code across template versions.` },
		changes.length
			? { kind: 'table', caption: `Share answering ${top.toLowerCase()}, then and now`, head: ['Requirement', 'Then', 'Now', 'Change (points)'], rows: changes.map((c) => [`${c.code} ${c.text}`, shareText(c.then), shareText(c.now), pointsText(c.change)]), widths: [4, 1.4, 1.4, 1] }
			: { kind: 'paragraph', text: 'No requirement was answered in both cycles.' }
	];
}

export function boardPaper(p: PaperInput): BoardPaper {
	const heatmap: PaperBlock[] = p.heatmap
		? [
				{ kind: 'heading', level: 2, text: 'Organisations by standard' },
				{
					kind: 'paragraph',
					text: `Each returning organisation’s self grade per standard, then the partnership’s grade where moderation has settled one (agreed, or moderated once accepted), on the pages turned sideways that follow. Key: ${p.heatmap.key}.`
				},
				{ kind: 'table', caption: 'Self and moderated grade per organisation and standard', head: ['Organisation', ...p.heatmap.standards], rows: p.heatmap.rows, widths: [3, ...p.heatmap.standards.map(() => 1)], landscape: true }
			]
		: [];
	return {
		title: `Compliance summary: ${p.cycleTitle}`,
		partnershipName: p.partnershipName,
		blocks: [
			{ kind: 'paragraph', text: `${p.partnershipName}. Produced on ${formatDate(p.today)} from the portal’s records; only each organisation’s latest submission counts.` },
			...returnRateBlocks(p),
			...gradeBlocks(p),
			...itemBlocks(p),
			...risksBlocks(p),
			...heatmap,
			...actionBlocks(p.actionPlans),
			...challengeBlocks(p.challenges),
			...yearBlocks(p)
		]
	};
}
