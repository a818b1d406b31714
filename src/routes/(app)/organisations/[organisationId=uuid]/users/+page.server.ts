import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { organisationFor } from '$lib/server/guards';
import { parseForm } from '$lib/domain/forms';
import { organisationInviteSchema } from '$lib/domain/invitations';
import { createInvitation, listInvitations } from '$lib/server/auth/invitations';
import { listOrganisationPeople } from '$lib/server/people';
import { signOffCapacitiesAskedOf } from '$lib/server/templates';
import type { Organisation } from '$lib/server/organisations';
import { CAPACITY_LABELS, signatoryCapacitiesFor } from '$lib/domain/roles';
import { invitationRows, peopleRows } from '$lib/server/people-view';
import { removeAction, revokeAction } from '$lib/server/people-actions';
import { auditContext, invitationNotice } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

// A lead manages the people they can invite: contributors and signatories.
const MANAGED = ['contributor', 'signatory'] as const;

const capacitiesFor = async (organisation: Organisation) =>
	signatoryCapacitiesFor(organisation.kind, await signOffCapacitiesAskedOf(db(), organisation.id));

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'organisation:users');
	const [people, invitations, capacities] = await Promise.all([
		listOrganisationPeople(db(), organisation.id),
		listInvitations(db(), { organisationId: organisation.id }),
		capacitiesFor(organisation)
	]);
	return {
		title: `Users – ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
		people: peopleRows(people, (role) => (MANAGED as readonly string[]).includes(role)),
		invitations: invitationRows(invitations),
		capacities: capacities.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })),
		flash: {
			invited: ((email) => email && invitationNotice(email))(url.searchParams.get('invited')),
			withdrawn: url.searchParams.get('withdrawn'),
			removed: url.searchParams.has('removed')
		}
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await organisationFor(user, event.params.organisationId, 'organisation:users');
		const parsed = parseForm(organisationInviteSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const { email, name, role, capacity } = parsed.data;
		if (capacity && !(await capacitiesFor(organisation)).includes(capacity)) {
			return invalid(400, { capacity: 'Select one of the capacities listed' }, parsed.data);
		}
		const result = await createInvitation(
			db(),
			auditContext(event),
			{ email, name, scope: { organisationId: organisation.id, role, capacity }, invitedBy: user.id },
			config().origin
		);
		if (!result.ok) return invalid(400, { email: `${email} already has this role here` }, parsed.data);
		redirect(303, `${event.url.pathname}?invited=${encodeURIComponent(email)}`);
	},
	revoke: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await organisationFor(user, event.params.organisationId, 'organisation:users');
		return revokeAction(event, { organisationId: organisation.id }, await event.request.formData(), event.url.pathname);
	},
	remove: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await organisationFor(user, event.params.organisationId, 'organisation:users');
		return removeAction(event, { organisationId: organisation.id }, await event.request.formData(), MANAGED, event.url.pathname);
	}
};
