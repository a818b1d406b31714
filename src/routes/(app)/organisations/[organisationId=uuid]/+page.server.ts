import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { organisationFor } from '$lib/server/guards';
import { partnershipsByIds } from '$lib/server/partnerships';
import { db } from '$lib/server/runtime';
import { KIND_LABELS, SECTOR_LABELS } from '$lib/domain/organisations';
import { ROLE_LABELS } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'organisation:workspace');
	const partnerships = await partnershipsByIds(db(), organisation.activePartnershipIds);
	return {
		title: organisation.name,
		welcome: url.searchParams.has('welcome'),
		organisation: {
			id: organisation.id,
			name: organisation.name,
			kind: KIND_LABELS[organisation.kind],
			sector: SECTOR_LABELS[organisation.sector],
			identifiers: [
				organisation.urn && `URN ${organisation.urn}`,
				organisation.ukprn && `UKPRN ${organisation.ukprn}`,
				organisation.odsCode && `ODS ${organisation.odsCode}`,
				organisation.gssCode && `GSS ${organisation.gssCode}`
			].filter(Boolean) as string[]
		},
		partnerships: partnerships.map((p) => p.name),
		roles: user.organisationRoles.filter((r) => r.organisationId === organisation.id).map((r) => ROLE_LABELS[r.role]),
		canManageUsers: can(user, 'organisation:users', { organisation })
	};
};
