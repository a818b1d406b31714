import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access';
import { ownSlotFor } from '$lib/server/guards';
import { calendarDownload } from '$lib/server/event-invitations';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

/** "Add to calendar (.ics)" for the organisation's own slot: another organisation's is a 404. */
export const GET: RequestHandler = async (req) => {
	const user = requireUser(req.locals, req.url);
	const { event, slot } = await ownSlotFor(user, req.params.organisationId, req.params.slotId);
	return calendarDownload(db(), auditContext(req), event, slot, { origin: config().origin, mailFrom: config().MAIL_FROM, partnershipName: event.partnershipName });
};
