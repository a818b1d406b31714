// A challenge log in counts: by status, by where each challenge was raised,
// and how many are overdue as at today; one cycle's, or a whole partnership's.
import type { Queryable } from '../db';
import type { ChallengeSummary } from '../../domain/reports/board-paper';
import { CHALLENGE_SOURCES, CHALLENGE_STATUSES, type ChallengeSource, type ChallengeStatus } from '../../domain/challenges';

/** Whose challenges to count: one cycle's, or every challenge a partnership has raised (on any of its cycles, or on none). */
export type ChallengeScope = { cycleId: string } | { partnershipId: string };

export async function challengeSummary(db: Queryable, scope: ChallengeScope, today: string): Promise<ChallengeSummary> {
	const [column, id] = 'cycleId' in scope ? ['cycle_id', scope.cycleId] : ['partnership_id', scope.partnershipId];
	const rows = await db.query<{ status: ChallengeStatus; source: ChallengeSource; n: number; overdue: number }>(
		`select status, source, count(*)::int as n,
			count(*) filter (where status in ('open', 'escalated') and due_on < $2::date)::int as overdue
		 from challenges where ${column} = $1 group by status, source`,
		[id, today]
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
