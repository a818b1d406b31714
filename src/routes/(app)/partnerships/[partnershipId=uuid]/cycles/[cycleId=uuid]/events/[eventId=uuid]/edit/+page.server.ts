import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { eventFor } from '$lib/server/guards';
import { updateEvent } from '$lib/server/challenge-events';
import { sendToAllSlots } from '$lib/server/event-invitations';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { eventFormValues, readEventForm } from '$lib/domain/challenge-events';
import { formValues } from '$lib/domain/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { cycle, event } = await eventFor(user, params.partnershipId, params.cycleId, params.eventId, 'event:manage');
	return { title: `Change ${event.title}`, cycle: { id: cycle.id, title: cycle.title }, event: { id: event.id, title: event.title, version: event.version, cancelled: event.status === 'cancelled', slotCount: event.slotCount }, values: eventFormValues(event) };
};

export const actions: Actions = {
	default: async (req) => {
		const user = requireUser(req.locals, req.url);
		const { event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, 'event:manage');
		const form = await req.request.formData();
		const values = formValues(form);
		const parsed = readEventForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const outcome = await db().transaction(async (tx) => {
			const done = await updateEvent(tx, auditContext(req), event, parsed.data, Number(form.get('version')));
			if (done.ok && done.invitationsChanged) await sendToAllSlots(tx, done.event, 'changed', { origin: config().origin, organiser: user });
			return done;
		});
		if (!outcome.ok && outcome.reason === 'cancelled') return invalid(409, { _form: 'This event has been cancelled, so it cannot change' }, values);
		if (!outcome.ok) return invalid(409, { _form: 'Someone changed the event while you were editing it. Their version is shown beside yours: nothing you typed is lost. Check it and save again.' }, { ...values, version: String(outcome.current.version) }, { theirs: eventFormValues(outcome.current) });
		redirect(303, `/partnerships/${event.partnershipId}/cycles/${event.cycleId}/events/${event.id}?done=changed`);
	}
};
