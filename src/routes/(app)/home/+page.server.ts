import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { requestsToAnswer } from '$lib/server/guards';
import { ROLE_LABELS, roleLabel } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const organisations = new Map<string, { id: string; name: string; roles: string[] }>();
	for (const r of user.organisationRoles) {
		const entry = organisations.get(r.organisationId) ?? { id: r.organisationId, name: r.organisationName, roles: [] };
		entry.roles.push(roleLabel(r.role, r.capacity));
		organisations.set(r.organisationId, entry);
	}
	const partnerships = new Map<string, { id: string; name: string; roles: string[] }>();
	for (const r of user.partnershipRoles) {
		const entry = partnerships.get(r.partnershipId) ?? { id: r.partnershipId, name: r.partnershipName, roles: [] };
		entry.roles.push(ROLE_LABELS[r.role]);
		partnerships.set(r.partnershipId, entry);
	}
	// Partnerships waiting for an answer that this person gives, as the organisation's lead.
	const waiting = await Promise.all([...organisations.values()].map((o) => requestsToAnswer(user, { id: o.id, activePartnershipIds: [] })));
	const membershipRequests = waiting.flatMap((w) => w.requests);
	return {
		title: 'Home',
		membershipRequests,
		name: user.name,
		systemAdmin: user.systemAdmin,
		organisations: [...organisations.values()],
		partnerships: [...partnerships.values()]
	};
};
