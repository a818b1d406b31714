import type { LayoutServerLoad } from './$types';
import { requireAccess, requireUser } from '$lib/server/access';

// Administration exists only for system admins: anyone else gets a 404. Pages check again.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	requireAccess(requireUser(locals, url), 'admin:manage', { installation: true });
	return {};
};
