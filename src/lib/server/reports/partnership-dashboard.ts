// A partnership's dashboard: every cycle at a glance, each audit's return rate
// over time and the whole challenge log in counts. Three queries however many
// cycles (the cycles with their moderation and challenge counts, every cycle's
// participants, the challenge log); the figures are worked out in
// src/lib/domain/reports/partnership-dashboard.ts.
import type { Queryable } from '../db';
import { CYCLE_COLUMNS, CYCLE_FROM, toCycle, type CycleRow } from '../cycles';
import { participantsOfCycles } from '../cycle-participants';
import { challengeSummary } from './challenge-summary';
import { cyclesAtAGlance, returnRateTrends, type AuditTrend, type CycleGlance } from '../../domain/reports/partnership-dashboard';
import type { ChallengeSummary } from '../../domain/reports/board-paper';

export interface PartnershipDashboard {
	/** Newest first. */
	cycles: CycleGlance[];
	trends: AuditTrend[];
	challenges: ChallengeSummary;
}

type Row = CycleRow & { template_slug: string; moderated: number; open_challenges: number };

/** The partnership's cycles, each with its template's slug, its moderations accepted or completed and its challenges not yet closed. */
async function cyclesWithCounts(db: Queryable, partnershipId: string) {
	const rows = await db.query<Row>(
		`select ${CYCLE_COLUMNS}, t.slug as template_slug, coalesce(m.n, 0)::int as moderated, coalesce(x.n, 0)::int as open_challenges
		 ${CYCLE_FROM}
		 left join (select cycle_id, count(*) as n from moderations where partnership_id = $1 and state in ('accepted', 'completed') group by cycle_id) m on m.cycle_id = c.id
		 left join (select cycle_id, count(*) as n from challenges where partnership_id = $1 and cycle_id is not null and status <> 'closed' group by cycle_id) x on x.cycle_id = c.id
		 where c.partnership_id = $1
		 order by c.opens_on desc, c.created_at desc`,
		[partnershipId]
	);
	return rows.map((r) => ({ cycle: { ...toCycle(r), templateSlug: r.template_slug }, moderated: r.moderated, openChallenges: r.open_challenges }));
}

export async function partnershipDashboard(db: Queryable, partnershipId: string, today: string): Promise<PartnershipDashboard> {
	const [counted, challenges] = await Promise.all([cyclesWithCounts(db, partnershipId), challengeSummary(db, { partnershipId }, today)]);
	const participants = await participantsOfCycles(db, counted.map((c) => c.cycle), today);
	const cycles = cyclesAtAGlance(counted.map((c) => ({ ...c, participants: participants.get(c.cycle.id)! })), today);
	return { cycles, trends: returnRateTrends(cycles), challenges };
}
