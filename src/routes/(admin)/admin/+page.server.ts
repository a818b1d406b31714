import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/admin-guard';
import { listPartnerships } from '$lib/server/partnerships';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	const partnerships = await listPartnerships(db());
	return {
		title: 'Administration',
		created: url.searchParams.get('created'),
		partnerships: partnerships.map((p) => ({ id: p.id, name: p.name, area: p.area, members: p.members, users: p.users }))
	};
};
