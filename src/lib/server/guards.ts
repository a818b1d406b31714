// Load a resource and check access in one step, so a route cannot do one
// without the other. A missing id and a foreign id give the same 404.
import { found, requireAccess, type OrganisationPermission, type PartnershipPermission } from './access';
import { getOrganisation, type Organisation } from './organisations';
import { getPartnership, type Partnership } from './partnerships';
import type { SessionUser } from './users';
import { db } from './runtime';

export async function organisationFor(
	user: SessionUser,
	organisationId: string,
	permission: OrganisationPermission
): Promise<Organisation> {
	const organisation = found(await getOrganisation(db(), organisationId));
	requireAccess(user, permission, { organisation });
	return organisation;
}

export async function partnershipFor(
	user: SessionUser,
	partnershipId: string,
	permission: PartnershipPermission
): Promise<Partnership> {
	requireAccess(user, permission, { partnershipId });
	return found(await getPartnership(db(), partnershipId));
}

/** An organisation seen from a partnership: it must be (or have been) a member of that partnership. */
export async function memberFor(
	user: SessionUser,
	partnershipId: string,
	organisationId: string,
	permission: OrganisationPermission
): Promise<Organisation> {
	requireAccess(user, 'partnership:view', { partnershipId });
	const organisation = found(await getOrganisation(db(), organisationId));
	if (!organisation.partnershipIds.includes(partnershipId)) found(null);
	requireAccess(user, permission, { organisation: { id: organisation.id, partnershipIds: [partnershipId] } });
	return organisation;
}
