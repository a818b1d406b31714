import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { partnershipDashboard } from '$lib/server/reports/partnership-dashboard';
import { db } from '$lib/server/runtime';
import { ukToday } from '$lib/domain/cycles';

// The partnership's dashboard, for whoever reads its reports (the board too):
// every cycle at a glance, each audit's return rate over the years and the
// challenge log in counts. Each cycle links to its own dashboard; the counts
// link to the challenge log only for those who may open it.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'report:read');
	const today = ukToday();
	const base = `/partnerships/${partnership.id}`;
	return {
		title: `Dashboard: ${partnership.name}`,
		base,
		today,
		dashboard: await partnershipDashboard(db(), partnership.id, today),
		challengeLog: can(user, 'challenge:read', { partnershipId: partnership.id }) ? `${base}/challenges` : null
	};
};
