// What the board paper reads: the cycle's dashboard, its challenge log in
// counts, and the same audit's previous cycle in the partnership (the same
// template family, matched by the template's slug across versions).
import type { Queryable } from '../db';
import type { Cycle } from '../cycles';
import { getCycle } from '../cycles';
import { cycleDashboard } from './cycle-dashboard';
import { boardPaper, type BoardPaper, type ChallengeSummary, type PreviousCycle } from '../../domain/reports/board-paper';
import { CHALLENGE_SOURCES, CHALLENGE_STATUSES, type ChallengeSource, type ChallengeStatus } from '../../domain/challenges';

export async function challengeSummary(db: Queryable, cycleId: string, today: string): Promise<ChallengeSummary> {
	const rows = await db.query<{ status: ChallengeStatus; source: ChallengeSource; n: number; overdue: number }>(
		`select status, source, count(*)::int as n,
			count(*) filter (where status in ('open', 'escalated') and due_on < $2::date)::int as overdue
		 from challenges where cycle_id = $1 group by status, source`,
		[cycleId, today]
	);
	const byStatus = Object.fromEntries(CHALLENGE_STATUSES.map((s) => [s, 0])) as Record<ChallengeStatus, number>;
	const bySource = Object.fromEntries(CHALLENGE_SOURCES.map((s) => [s, 0])) as Record<ChallengeSource, number>;
	let overdue = 0;
	for (const r of rows) {
		byStatus[r.status] += r.n;
		bySource[r.source] += r.n;
		overdue += r.overdue;
	}
	return { byStatus, bySource, overdue };
}

/** The partnership's latest cycle of the same audit that opened before this one, or null. */
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

export async function cycleBoardPaper(db: Queryable, cycle: Cycle, today: string): Promise<BoardPaper> {
	const [dashboard, challenges, earlier] = await Promise.all([cycleDashboard(db, cycle, today, 'all'), challengeSummary(db, cycle.id, today), previousCycle(db, cycle)]);
	let previous: PreviousCycle | null = null;
	if (earlier) {
		const then = await cycleDashboard(db, earlier, today, 'all');
		previous = { title: earlier.title, returned: then.returnRate.overall, items: then.items };
	}
	return boardPaper({
		partnershipName: cycle.partnershipName,
		cycleTitle: cycle.title,
		closesOn: cycle.closesOn,
		today,
		scale: dashboard.scale,
		returnRate: dashboard.returnRate,
		returning: dashboard.returning,
		grades: dashboard.grades,
		items: dashboard.items,
		challenges,
		previous,
		heatmap: null
	});
}
