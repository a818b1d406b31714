import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { can, partnershipsWith, requireUser } from '$lib/server/access';
import { membershipRequestFor } from '$lib/server/guards';
import { answerMembershipRequest } from '$lib/server/membership-requests';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import type { SessionUser } from '$lib/server/users';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, request } = await membershipRequestFor(user, params.organisationId, params.partnershipId);
	return {
		title: `${request.partnershipName} asks to add ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name },
		partnershipName: request.partnershipName,
		requestedAt: request.requestedAt.toISOString(),
		back: backTo(user, organisation)
	};
};

/** Where the person answering came from: their organisation's home, or their partnership's view of it. */
function backTo(user: SessionUser, organisation: { id: string; activePartnershipIds: string[] }): string {
	if (can(user, 'organisation:workspace', { organisation: { id: organisation.id, partnershipIds: [] } })) return `/organisations/${organisation.id}`;
	const partnershipId = partnershipsWith(user, 'partnership:manage').find((p) => organisation.activePartnershipIds.includes(p));
	return `/partnerships/${partnershipId}/organisations/${organisation.id}`;
}

async function answer(event: RequestEvent, choice: 'agree' | 'decline') {
	const user = requireUser(event.locals, event.url);
	const { organisation, request } = await membershipRequestFor(user, event.params.organisationId, event.params.partnershipId);
	if (!(await answerMembershipRequest(db(), auditContext(event), request, choice))) {
		return invalid(409, { _form: 'This request has already been answered' });
	}
	redirect(303, `${backTo(user, organisation)}?membership=${choice === 'agree' ? 'agreed' : 'declined'}`);
}

export const actions: Actions = {
	agree: (event) => answer(event, 'agree'),
	decline: (event) => answer(event, 'decline')
};
