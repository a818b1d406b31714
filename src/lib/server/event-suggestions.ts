// The facts behind the suggestions of whom to invite to a challenge event, one
// query per source whatever the size of the cycle: the moderation workspace's
// grades and evidence counts, the partnership's open challenges per
// organisation, and when each was last at one of its events.
import type { Queryable } from './db';
import { moderationWorkspace } from './moderation-workspace';
import { OVERDUE } from './challenge-log';
import type { SuggestionInput } from '../domain/event-suggestions';

export async function suggestionInputs(db: Queryable, event: { id: string; partnershipId: string; cycleId: string; startsAt: Date }, today: string): Promise<SuggestionInput[]> {
	const [rows, challenges, last] = await Promise.all([
		moderationWorkspace(db, event.cycleId),
		db.query<{ organisation_id: string; open: number; overdue: number }>(
			`select c.organisation_id, count(*)::int as open, count(*) filter (where ${OVERDUE})::int as overdue
			 from challenges c where c.partnership_id = $2 and c.status <> 'closed' group by c.organisation_id`,
			[today, event.partnershipId]
		),
		db.query<{ organisation_id: string; at: Date }>(
			`select s.organisation_id, max(s.starts_at) as at from challenge_event_slots s join challenge_events e on e.id = s.event_id
			 where e.partnership_id = $1 and e.id <> $2 and e.cancelled_at is null and s.starts_at < $3 group by s.organisation_id`,
			[event.partnershipId, event.id, event.startsAt]
		)
	]);
	const open = new Map(challenges.map((c) => [c.organisation_id, c]));
	const lastAt = new Map(last.map((l) => [l.organisation_id, l.at]));
	return rows.map((r) => ({
		organisationId: r.organisationId,
		organisationName: r.organisationName,
		requirements: r.requirements,
		moderated: r.moderated,
		openChallenges: open.get(r.organisationId)?.open ?? 0,
		overdueChallenges: open.get(r.organisationId)?.overdue ?? 0,
		lastChallengedAt: lastAt.get(r.organisationId) ?? null
	}));
}
