import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { listTemplatesFor } from '$lib/server/templates';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:templates');
	const templates = await listTemplatesFor(db(), partnership.id);
	return {
		title: `Templates – ${partnership.name}`,
		canManage: can(user, 'partnership:manage', { partnershipId: partnership.id }),
		templates: templates.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() }))
	};
};
