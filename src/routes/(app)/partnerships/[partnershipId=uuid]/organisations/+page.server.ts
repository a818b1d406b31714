import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { memberListFor, partnershipFor } from '$lib/server/guards';
import { listMembers } from '$lib/server/members';
import { answerMembershipRequest, getMembershipRequest, requestsOfPartnership } from '$lib/server/membership-requests';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { ORGANISATION_KINDS, type OrganisationKind } from '$lib/domain/organisations';
import { queryText, uuid } from '$lib/domain/text';

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
	const canManage = can(user, 'partnership:manage', { partnershipId: partnership.id });
	const [result, requests] = await Promise.all([
		listMembers(db(), partnership.id, filter),
		canManage ? requestsOfPartnership(db(), partnership.id) : []
	]);
	return {
		title: `Organisations – ${partnership.name}`,
		canManage,
		canImportRegister: can(user, 'register:import', { partnershipId: partnership.id }),
		flash: url.searchParams.has('requested')
			? 'That organisation already works with another partnership, so it has been asked to agree to join. It is listed below until it answers.'
			: url.searchParams.has('withdrawn') ? 'Request withdrawn.' : null,
		filter: { ...filter, kind: kind ?? '' },
		requests: requests.map((r) => ({ organisationId: r.organisationId, organisationName: r.organisationName, requestedAt: r.requestedAt.toISOString() })),
		...result
	};
};

export const actions: Actions = {
	/** Takes back a request to add an organisation that has not answered yet. */
	withdraw: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const organisationId = uuid.safeParse((await event.request.formData()).get('organisationId'));
		if (!organisationId.success) return invalid(400, { _form: 'Choose a request to withdraw' });
		const request = await getMembershipRequest(db(), partnership.id, organisationId.data);
		if (!request || !(await answerMembershipRequest(db(), auditContext(event), request, 'withdraw'))) {
			return invalid(409, { _form: 'That request has already been answered or withdrawn' });
		}
		redirect(303, `/partnerships/${partnership.id}/organisations?withdrawn`);
	}
};
