// A partnership's dashboard: every cycle at a glance (return rate, on time,
// late, overdue, moderation progress, open challenges) and each audit's return
// rate cycle by cycle, for the board's year-on-year view. Pure: no I/O.
import { cycleStatus, type CycleStatus } from '../cycles';
import type { BarGroup } from './bar-chart';
import { rateGroups } from './charts';
import { returnRate, type RateParticipant } from './return-rate';
import { share, shareText, type Share } from './shares';

export interface GlanceCycle {
	id: string;
	title: string;
	templateTitle: string;
	/** The template family: every version of one audit shares its slug. */
	templateSlug: string;
	opensOn: string;
	closesOn: string;
	closedAt: Date | null;
}

export interface GlanceInput {
	cycle: GlanceCycle;
	participants: readonly RateParticipant[];
	/** Moderations accepted or completed (one per organisation that returned, following its latest submission). */
	moderated: number;
	/** The cycle's challenges not yet closed. */
	openChallenges: number;
}

export interface CycleGlance extends Omit<GlanceCycle, 'closedAt'> {
	status: CycleStatus;
	returned: Share;
	onTime: number;
	late: number;
	overdue: number;
	/** Moderations accepted or completed, out of the organisations that returned. */
	moderated: Share;
	openChallenges: number;
}

export interface AuditTrend {
	slug: string;
	/** The audit's title as its newest cycle's template gives it. */
	title: string;
	/** One bar per cycle, oldest first: the share of those asked who returned. */
	groups: BarGroup[];
	/** Every figure in words, for the chart's description. */
	description: string;
}

export function cycleGlance({ cycle, participants, moderated, openChallenges }: GlanceInput, today: string): CycleGlance {
	const rate = returnRate(participants, today);
	return {
		id: cycle.id,
		title: cycle.title,
		templateTitle: cycle.templateTitle,
		templateSlug: cycle.templateSlug,
		opensOn: cycle.opensOn,
		closesOn: cycle.closesOn,
		status: cycleStatus(cycle, today),
		returned: rate.overall,
		onTime: rate.timeliness.onTime.count,
		late: rate.timeliness.late.count,
		overdue: rate.timeliness.overdue.count,
		moderated: share(moderated, rate.overall.count),
		openChallenges
	};
}

/** Newest first: the latest to open, then (opening the same day) the latest deadline; otherwise as given. */
const newestFirst = (a: CycleGlance, b: CycleGlance) => b.opensOn.localeCompare(a.opensOn) || b.closesOn.localeCompare(a.closesOn);

export function cyclesAtAGlance(inputs: readonly GlanceInput[], today: string): CycleGlance[] {
	return inputs.map((i) => cycleGlance(i, today)).sort(newestFirst);
}

/** Per audit (template family) with at least one cycle, its return rate per cycle in date order; the audit run most recently first. */
export function returnRateTrends(cycles: readonly CycleGlance[]): AuditTrend[] {
	const families = new Map<string, CycleGlance[]>();
	for (const c of [...cycles].sort(newestFirst)) families.set(c.templateSlug, [...(families.get(c.templateSlug) ?? []), c]);
	return [...families].map(([slug, newest]) => {
		const inOrder = [...newest].reverse();
		return {
			slug,
			title: newest[0].templateTitle,
			groups: rateGroups(inOrder.map((c) => ({ label: c.title, returned: c.returned }))),
			description: `Share of the organisations asked that returned, for each cycle of ${newest[0].templateTitle} from the earliest: ${inOrder.map((c) => `${c.title} ${shareText(c.returned)}`).join('; ')}.`
		};
	});
}

/** Moderation progress in a table cell: a dash where nobody has returned yet. */
export const moderatedText = (s: Share): string => (s.of ? `${s.count} of ${s.of}` : '–');
