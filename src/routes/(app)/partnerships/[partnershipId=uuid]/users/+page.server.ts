import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { parseForm } from '$lib/domain/forms';
import { partnershipInviteSchema } from '$lib/domain/invitations';
import { PARTNERSHIP_ROLES } from '$lib/domain/roles';
import { createInvitation, listInvitations } from '$lib/server/auth/invitations';
import { listPartnershipPeople } from '$lib/server/people';
import { invitationRows, peopleRows } from '$lib/server/people-view';
import { removeAction, revokeAction } from '$lib/server/people-actions';
import { auditContext, invitationNotice } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:users');
	const [people, invitations] = await Promise.all([
		listPartnershipPeople(db(), partnership.id),
		listInvitations(db(), { partnershipId: partnership.id })
	]);
	const invited = url.searchParams.get('invited');
	const withdrawn = url.searchParams.get('withdrawn');
	return {
		title: `Users – ${partnership.name}`,
		flash: invited
			? invitationNotice(invited)
			: withdrawn
				? `Invitation to ${withdrawn} withdrawn`
				: url.searchParams.has('removed')
					? 'Role removed. They have been signed out.'
					: null,
		people: peopleRows(people, () => true),
		invitations: invitationRows(invitations)
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:users');
		const parsed = parseForm(partnershipInviteSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const result = await createInvitation(
			db(),
			auditContext(event),
			{ email: parsed.data.email, name: parsed.data.name, scope: { partnershipId: partnership.id, role: parsed.data.role }, invitedBy: user.id },
			config().origin
		);
		if (!result.ok) return invalid(400, { email: `${parsed.data.email} already has this role` }, parsed.data);
		redirect(303, `${event.url.pathname}?invited=${encodeURIComponent(parsed.data.email)}`);
	},
	revoke: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:users');
		return revokeAction(event, { partnershipId: partnership.id }, await event.request.formData(), event.url.pathname);
	},
	remove: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:users');
		return removeAction(event, { partnershipId: partnership.id }, await event.request.formData(), PARTNERSHIP_ROLES, event.url.pathname);
	}
};
