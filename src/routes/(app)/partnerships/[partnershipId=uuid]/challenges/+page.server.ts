import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { challengeRow, listChallenges, CHALLENGE_PAGE_SIZE } from '$lib/server/challenge-log';
import { raiseChoices } from '$lib/server/challenge-refs';
import { readChallengeFilter } from '$lib/domain/challenge-forms';
import { ukToday } from '$lib/domain/cycles';
import { db } from '$lib/server/runtime';
import type { ChallengeSource, ChallengeStatus } from '$lib/domain/challenges';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'challenge:read');
	const filter = readChallengeFilter(url.searchParams);
	const today = ukToday();
	const [result, choices] = await Promise.all([
		listChallenges(
			db(),
			{
				partnershipId: partnership.id,
				organisationId: filter.organisation || undefined,
				status: (filter.status || undefined) as ChallengeStatus | 'not_closed' | undefined,
				standardCode: filter.standard || undefined,
				cycleId: filter.cycle || undefined,
				source: (filter.source || undefined) as ChallengeSource | undefined,
				overdue: filter.overdue,
				page: filter.page
			},
			today
		),
		raiseChoices(db(), partnership.id, null)
	]);
	const base = `/partnerships/${partnership.id}/challenges`;
	return {
		title: `Challenge log – ${partnership.name}`,
		base,
		filter,
		organisations: choices.organisations,
		cycles: choices.cycles,
		rows: result.challenges.map((c) => challengeRow(c, today, base)),
		total: result.total,
		pages: Math.max(1, Math.ceil(result.total / CHALLENGE_PAGE_SIZE)),
		canRaise: can(user, 'challenge:raise', { partnershipId: partnership.id })
	};
};
