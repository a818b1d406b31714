import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { ownSlotFor } from '$lib/server/guards';
import { getCycle } from '$lib/server/cycles';
import { getTemplate } from '$lib/server/templates';
import { db } from '$lib/server/runtime';

/** The organisation's slot at a challenge event: when, where, the agenda and the standards. The panel's reasons and record stay the panel's. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, event, slot } = await ownSlotFor(user, params.organisationId, params.slotId);
	const cycle = (await getCycle(db(), event.cycleId))!;
	const template = await getTemplate(db(), cycle.templateId);
	const standards = (template?.definition.standards ?? []).filter((s) => cycle.standardCodes.includes(s.code)).map((s) => ({ code: s.code, title: s.title }));
	return {
		title: `${event.title}: ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name },
		slot: { id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() },
		standards,
		event: { title: event.title, cycleTitle: event.cycleTitle, partnershipName: event.partnershipName, place: event.place, onlineLink: event.onlineLink, agenda: event.agenda, cancelled: event.status === 'cancelled' }
	};
};
