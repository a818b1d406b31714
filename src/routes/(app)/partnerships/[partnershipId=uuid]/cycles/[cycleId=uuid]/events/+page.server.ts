import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { listEvents } from '$lib/server/challenge-events';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'event:read');
	const events = await listEvents(db(), cycle.id);
	return {
		title: `Challenge events: ${cycle.title}`,
		cycle: { id: cycle.id, title: cycle.title },
		canManage: can(user, 'event:manage', { partnershipId: cycle.partnershipId }),
		events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), place: e.place, online: e.onlineLink !== '', status: e.status, slotCount: e.slotCount }))
	};
};
