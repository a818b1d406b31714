import type { LayoutServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { membersOf, partnershipFor } from '$lib/server/guards';

// Chrome for the partnership's pages. It checks access itself (it shows the
// partnership's name), but every page below checks again: layouts protect nothing.
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:view');
	const target = { partnershipId: partnership.id };
	const base = `/partnerships/${partnership.id}`;
	const tabs = [
		{ href: base, label: 'Overview', show: true },
		{ href: `${base}/cycles`, label: 'Audit cycles', show: can(user, 'partnership:submissions', target) },
		{ href: `${base}/organisations`, label: 'Organisations', show: can(user, 'organisation:view', membersOf(partnership.id)) },
		{ href: `${base}/challenges`, label: 'Challenge log', show: can(user, 'challenge:read', target) },
		{ href: `${base}/templates`, label: 'Templates', show: can(user, 'partnership:templates', target) },
		{ href: `${base}/users`, label: 'Users', show: can(user, 'partnership:users', target) },
		{ href: `${base}/audit-log`, label: 'Audit log', show: can(user, 'partnership:audit', target) }
	];
	return {
		partnership: { id: partnership.id, name: partnership.name },
		tabs: tabs.filter((t) => t.show).map(({ href, label }) => ({ href, label }))
	};
};
