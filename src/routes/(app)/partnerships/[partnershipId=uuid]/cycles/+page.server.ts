import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { listCycles } from '$lib/server/cycles';
import { db } from '$lib/server/runtime';
import { cycleStatus, ukToday } from '$lib/domain/cycles';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:submissions');
	const today = ukToday();
	const cycles = await listCycles(db(), partnership.id);
	return {
		title: `Audit cycles – ${partnership.name}`,
		canManage: can(user, 'partnership:manage', { partnershipId: partnership.id }),
		created: url.searchParams.get('created'),
		cycles: cycles.map((c) => ({
			id: c.id,
			title: c.title,
			templateTitle: c.templateTitle,
			templateVersion: c.templateVersion,
			opensOn: c.opensOn,
			closesOn: c.closesOn,
			status: cycleStatus(c, today),
			participants: c.participants,
			submitted: c.submitted
		}))
	};
};
