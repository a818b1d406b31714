import type { RequestHandler } from './$types';
import { found, requireUser } from '$lib/server/access';
import { eventFor } from '$lib/server/guards';
import { getSlot } from '$lib/server/challenge-event-slots';
import { calendarDownload } from '$lib/server/event-invitations';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

/** The slot's calendar invitation, for the panel's own calendars. */
export const GET: RequestHandler = async (req) => {
	const user = requireUser(req.locals, req.url);
	const { cycle, event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, 'event:read');
	const slot = found(await getSlot(db(), event.id, req.params.slotId));
	return calendarDownload(db(), auditContext(req), event, slot, { origin: config().origin, mailFrom: config().MAIL_FROM, partnershipName: cycle.partnershipName });
};
