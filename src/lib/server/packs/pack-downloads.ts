// Downloading pre-read packs from an event's pages. One organisation's pack is
// its submission's content, so it follows the submission's readers (the chair
// and business unit, or the moderator it is assigned to) on top of reading the
// event; all of an event's packs at once are for the chair and business unit.
// Each download is in the audit log.
import { error, type RequestEvent } from '@sveltejs/kit';
import { found, requireAccess, requireUser } from '../access';
import { eventFor } from '../guards';
import { listSlots, getSlot, type Slot } from '../challenge-event-slots';
import type { ChallengeEvent } from '../challenge-events';
import { recordAudit } from '../audit-log';
import { auditContext } from '../request';
import { db } from '../runtime';
import { webStream } from '../evidence/download';
import { packInput, writePack, type PackSlot } from './pre-read-pack';
import { packsZip } from './packs-zip';
import { contentDisposition } from '../../domain/downloads';
import { ukToday } from '../../domain/cycles';

type Params = { partnershipId: string; cycleId: string; eventId: string; slotId?: string };
const HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' } as const;

const slotOf = (event: ChallengeEvent, slot: Slot): PackSlot => ({
	eventTitle: event.title,
	startsAt: slot.startsAt,
	endsAt: slot.endsAt,
	place: [event.place, event.onlineLink].filter(Boolean).join(', ')
});

/** One organisation's pack, from its slot at the event. */
export async function slotPack(req: RequestEvent<Params>): Promise<Response> {
	const user = requireUser(req.locals, req.url);
	const { cycle, event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, 'event:read');
	const slot = found(await getSlot(db(), event.id, req.params.slotId ?? ''));
	// The submission's readers only, checked before the rest of the pack is read.
	const input = await packInput(db(), cycle.id, slot.organisationId, slotOf(event, slot), ukToday(), (s) =>
		requireAccess(user, 'submission:view', { submission: { organisationId: s.organisationId, partnershipId: s.partnershipId, moderatorId: s.moderatorId } })
	);
	if (!input) error(404, `${slot.organisationName} has not submitted a return to this cycle, so there is no pack`);
	const s = input.submission;
	await recordAudit(db(), auditContext(req), { action: 'challenge_event.pack_downloaded', partnershipId: event.partnershipId, organisationId: slot.organisationId, subjectType: 'challenge_event', subjectId: event.id, detail: { slot: slot.id, submission: s.id } });
	return new Response(webStream(writePack(input)), {
		headers: { ...HEADERS, 'Content-Type': 'application/pdf', 'Content-Disposition': contentDisposition(`Pre-read pack - ${slot.organisationName}.pdf`) }
	});
}

/** Every invited organisation's pack as one ZIP, streamed. */
export async function eventPacks(req: RequestEvent<Params>): Promise<Response> {
	const user = requireUser(req.locals, req.url);
	const { cycle, event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, 'event:packs');
	const slots = await listSlots(db(), event.id);
	const today = ukToday();
	await recordAudit(db(), auditContext(req), { action: 'challenge_event.packs_downloaded', partnershipId: event.partnershipId, subjectType: 'challenge_event', subjectId: event.id, detail: { organisations: slots.length } });
	const zip = packsZip(
		slots.map((slot) => ({ organisationName: slot.organisationName, partnershipName: cycle.partnershipName, input: () => packInput(db(), cycle.id, slot.organisationId, slotOf(event, slot), today) })),
		new Date()
	);
	return new Response(webStream(zip), {
		headers: { ...HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(`Pre-read packs - ${event.title}.zip`) }
	});
}
