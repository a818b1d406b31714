import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { createEvent } from '$lib/server/challenge-events';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { readEventForm } from '$lib/domain/challenge-events';
import { formValues } from '$lib/domain/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'event:manage');
	return { title: `Plan a challenge event: ${cycle.title}`, cycle: { id: cycle.id, title: cycle.title } };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const cycle = await cycleFor(user, event.params.partnershipId, event.params.cycleId, 'event:manage');
		const form = await event.request.formData();
		const parsed = readEventForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, formValues(form));
		const id = await createEvent(db(), auditContext(event), cycle, parsed.data);
		redirect(303, `/partnerships/${cycle.partnershipId}/cycles/${cycle.id}/events/${id}?done=created`);
	}
};
