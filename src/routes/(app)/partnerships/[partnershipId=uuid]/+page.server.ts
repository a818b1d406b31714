import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { partnershipCounts } from '$lib/server/partnerships';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:view');
	const target = { partnershipId: partnership.id };
	return {
		title: partnership.name,
		welcome: url.searchParams.has('welcome'),
		counts: await partnershipCounts(db(), partnership.id),
		roles: user.partnershipRoles.filter((r) => r.partnershipId === partnership.id).map((r) => r.role),
		canManage: can(user, 'partnership:manage', target)
	};
};
