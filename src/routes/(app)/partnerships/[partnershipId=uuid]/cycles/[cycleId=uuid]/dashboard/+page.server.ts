import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { cycleDashboard } from '$lib/server/reports/cycle-dashboard';
import { db } from '$lib/server/runtime';
import { cycleStatus, ukToday } from '$lib/domain/cycles';
import { readPhaseFilter } from '$lib/domain/reports/answers';

// A cycle's dashboard, for whoever reads the partnership's reports (the board
// too, who cannot open the cycle page or its submissions: nothing here names
// an answer's narrative or links to a submission).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'report:read');
	const today = ukToday();
	const phase = readPhaseFilter(url.searchParams.get('phase'));
	const dashboard = await cycleDashboard(db(), cycle, today, phase);
	const base = `/partnerships/${cycle.partnershipId}`;
	const opensCycle = can(user, 'partnership:submissions', { partnershipId: cycle.partnershipId });
	return {
		title: `Dashboard: ${cycle.title}`,
		back: opensCycle ? { href: `${base}/cycles/${cycle.id}`, label: cycle.title } : { href: base, label: 'Overview' },
		cycle: { id: cycle.id, title: cycle.title, templateTitle: cycle.templateTitle, opensOn: cycle.opensOn, closesOn: cycle.closesOn, status: cycleStatus(cycle, today) },
		today,
		dashboard
	};
};
