import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { found, requireUser } from '$lib/server/access';
import { eventFor } from '$lib/server/guards';
import { inviteOrganisations, listSlots } from '$lib/server/challenge-event-slots';
import { suggestionInputs } from '$lib/server/event-suggestions';
import { sendSlotInvitation } from '$lib/server/event-invitations';
import { getTemplate } from '$lib/server/templates';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import type { ChallengeEvent } from '$lib/server/challenge-events';
import type { Cycle } from '$lib/server/cycles';
import { rankSuggestions, reasonLine } from '$lib/domain/event-suggestions';
import { readInviteForm } from '$lib/domain/event-invites';
import { ukToday } from '$lib/domain/cycles';
import { formValues } from '$lib/domain/forms';

/** The cycle's organisations not yet invited, ranked, and where the next slot would start. */
async function candidates(cycle: Cycle, event: ChallengeEvent) {
	const [template, inputs, slots] = await Promise.all([getTemplate(db(), cycle.templateId), suggestionInputs(db(), event, ukToday()), listSlots(db(), event.id)]);
	const invited = new Set(slots.map((s) => s.organisationId));
	const ranked = rankSuggestions(found(template).definition.scale, cycle.standardCodes, inputs.filter((i) => !invited.has(i.organisationId)));
	const nextStart = slots.reduce((at, s) => (s.endsAt > at ? s.endsAt : at), event.startsAt);
	return { ranked, nextStart };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { cycle, event } = await eventFor(user, params.partnershipId, params.cycleId, params.eventId, 'event:manage');
	const { ranked, nextStart } = await candidates(cycle, event);
	return {
		title: `Invite organisations: ${event.title}`,
		cycle: { id: cycle.id, title: cycle.title },
		event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString(), cancelled: event.status === 'cancelled' },
		nextStart: nextStart.toISOString(),
		suggestions: ranked.map((s) => ({ ...s, reasonLine: reasonLine(s) }))
	};
};

export const actions: Actions = {
	default: async (req) => {
		const user = requireUser(req.locals, req.url);
		const { cycle, event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, 'event:manage');
		const form = await req.request.formData();
		const values = formValues(form);
		const chosen = form.getAll('invite').filter((v): v is string => typeof v === 'string');
		if (event.status === 'cancelled') return invalid(409, { _form: 'This event has been cancelled: no one can be invited to it' }, values, { chosen });
		const { ranked, nextStart } = await candidates(cycle, event);
		const parsed = readInviteForm(form, { known: ranked.map((s) => s.organisationId), nextStart, eventStart: event.startsAt, eventEnd: event.endsAt });
		if (!parsed.ok) return invalid(400, parsed.errors, values, { chosen });
		await db().transaction(async (tx) => {
			const slots = await inviteOrganisations(tx, auditContext(req), event, parsed.data);
			for (const slot of slots) await sendSlotInvitation(tx, event, slot, 'invited', { origin: config().origin, organiser: user });
		});
		redirect(303, `/partnerships/${cycle.partnershipId}/cycles/${cycle.id}/events/${event.id}?done=invited`);
	}
};
