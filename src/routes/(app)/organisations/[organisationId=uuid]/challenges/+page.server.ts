import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { organisationFor } from '$lib/server/guards';
import { challengeRow, listChallenges, CHALLENGE_PAGE_SIZE } from '$lib/server/challenge-log';
import { readChallengeFilter } from '$lib/domain/challenge-forms';
import { ukToday } from '$lib/domain/cycles';
import { db } from '$lib/server/runtime';
import type { ChallengeStatus } from '$lib/domain/challenges';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'challenge:view_own');
	const filter = readChallengeFilter(url.searchParams);
	const today = ukToday();
	const result = await listChallenges(
		db(),
		{ organisationId: organisation.id, status: (filter.status || undefined) as ChallengeStatus | 'not_closed' | undefined, overdue: filter.overdue, page: filter.page },
		today
	);
	const base = `/organisations/${organisation.id}/challenges`;
	return {
		title: `Challenges – ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name },
		filter,
		rows: result.challenges.map((c) => challengeRow(c, today, base)),
		total: result.total,
		pages: Math.max(1, Math.ceil(result.total / CHALLENGE_PAGE_SIZE))
	};
};
