import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { memberListFor } from '$lib/server/guards';
import { listMembers } from '$lib/server/members';
import { db } from '$lib/server/runtime';
import { ORGANISATION_KINDS, type OrganisationKind } from '$lib/domain/organisations';
import { queryText } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await memberListFor(user, params.partnershipId);
	const kindParam = url.searchParams.get('kind') ?? '';
	const kind = (ORGANISATION_KINDS as readonly string[]).includes(kindParam) ? (kindParam as OrganisationKind) : undefined;
	const filter = {
		search: queryText(url.searchParams, 'q'),
		kind,
		includeInactive: url.searchParams.get('inactive') === 'yes',
		page: Math.min(10_000, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1))
	};
	const result = await listMembers(db(), partnership.id, filter);
	return {
		title: `Organisations – ${partnership.name}`,
		canManage: can(user, 'partnership:manage', { partnershipId: partnership.id }),
		filter: { ...filter, kind: kind ?? '' },
		...result
	};
};
