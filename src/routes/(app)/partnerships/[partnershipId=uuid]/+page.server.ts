import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { membersOf, partnershipFor } from '$lib/server/guards';
import { partnershipCounts } from '$lib/server/partnerships';
import { openCycleProgress } from '$lib/server/cycle-participants';
import { listCycles } from '$lib/server/cycles';
import { cyclesWithLetters } from '$lib/server/letters';
import { db } from '$lib/server/runtime';
import { ukToday } from '$lib/domain/cycles';

// Each role sees counts only of what it may open: members for whoever reads the
// member list, users and invitations for whoever manages them; open cycles'
// progress is a report, linked to the cycle page for whoever may open it.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:view');
	const target = { partnershipId: partnership.id };
	const show = {
		members: can(user, 'organisation:view', membersOf(partnership.id)),
		users: can(user, 'partnership:users', target),
		progress: can(user, 'partnership:reports', target),
		cycleLinks: can(user, 'partnership:submissions', target),
		letters: can(user, 'letter:read', target),
		dashboard: can(user, 'report:read', target),
		// Whoever reads reports but not the cycle pages (the board) reaches each cycle's dashboard from here.
		dashboards: can(user, 'report:read', target) && !can(user, 'partnership:submissions', target)
	};
	const [counts, progress, letters, dashboards] = await Promise.all([
		show.members || show.users ? partnershipCounts(db(), partnership.id) : null,
		show.progress ? openCycleProgress(db(), partnership.id, ukToday()) : [],
		show.letters ? cyclesWithLetters(db(), partnership.id) : [],
		show.dashboards ? listCycles(db(), partnership.id) : []
	]);
	return {
		title: partnership.name,
		welcome: url.searchParams.has('welcome'),
		members: show.members && counts ? { agencies: counts.agencies, schools: counts.schools } : null,
		people: show.users && counts ? { users: counts.users, pendingInvitations: counts.pendingInvitations } : null,
		cycleLinks: show.cycleLinks,
		cycles: progress.map(({ cycle, counts: c }) => ({
			id: cycle.id,
			title: cycle.title,
			closesOn: cycle.closesOn,
			returned: c.submitted + c.late,
			inProgress: c.in_progress,
			notStarted: c.not_started,
			overdue: c.overdue
		})),
		letters,
		dashboard: show.dashboard,
		dashboards: dashboards.map((c) => ({ id: c.id, title: c.title, closesOn: c.closesOn })),
		canManage: can(user, 'partnership:manage', target)
	};
};
