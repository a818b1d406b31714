import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { cycleDashboard } from '$lib/server/reports/cycle-dashboard';
import { db } from '$lib/server/runtime';
import { cycleStatus, ukToday } from '$lib/domain/cycles';
import { readPhaseFilter } from '$lib/domain/reports/answers';
import { rankItems, yearOnYear } from '$lib/domain/reports/board-paper';
import type { ItemResult } from '$lib/domain/reports/items';
import { shownPlans } from '$lib/domain/reports/action-plans';

// A cycle's dashboard, for whoever reads the partnership's reports (the board
// too, who cannot open the cycle page or its submissions: nothing here names
// an answer's narrative or links to a submission).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'report:read');
	const today = ukToday();
	const phase = readPhaseFilter(url.searchParams.get('phase'));
	const allActions = url.searchParams.get('actions') === 'all';
	const { allItems, previous, actionPlans, returningOrganisations: _returning, ...dashboard } = await cycleDashboard(db(), cycle, today, phase);
	const base = `/partnerships/${cycle.partnershipId}`;
	const target = { partnershipId: cycle.partnershipId };
	const opensCycle = can(user, 'partnership:submissions', target);
	const [best, worst] = [dashboard.scale.grades[0], dashboard.scale.grades[dashboard.scale.grades.length - 1]];
	const ranked = (grade: string) => rankItems(allItems, grade).map((i: ItemResult) => ({ code: i.code, text: i.text, share: i.answers[grade] }));
	const shown = shownPlans(actionPlans, allActions);
	const more = new URLSearchParams(url.searchParams);
	more.set('actions', 'all');
	return {
		title: `Dashboard: ${cycle.title}`,
		back: opensCycle ? { href: `${base}/cycles/${cycle.id}`, label: cycle.title } : { href: base, label: 'Overview' },
		cycle: { id: cycle.id, title: cycle.title, templateTitle: cycle.templateTitle, opensOn: cycle.opensOn, closesOn: cycle.closesOn, status: cycleStatus(cycle, today) },
		today,
		dashboard,
		risks: { worst: worst.label, best: best.label, risks: ranked(worst.value), good: ranked(best.value) },
		actions: {
			totals: actionPlans.totals,
			organisations: shown.organisations,
			withPlan: actionPlans.organisations.length,
			withoutPlan: actionPlans.withoutPlan,
			allHref: shown.cut ? `?${more}#action-plans` : null
		},
		challengeLog: can(user, 'challenge:read', target) ? `${base}/challenges?cycle=${cycle.id}` : null,
		yearOnYear: {
			thenTitle: previous?.title ?? null,
			thenReturned: previous?.returned ?? null,
			best: best.label,
			changes: previous ? yearOnYear(allItems, previous.items, dashboard.scale) : []
		}
	};
};
