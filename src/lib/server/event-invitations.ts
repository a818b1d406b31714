// Calendar invitations for an organisation's slot at a challenge event, made
// with the `ics` package: METHOD:REQUEST with a stable UID per slot and a
// SEQUENCE raised on every change (so Outlook, Google and NHS calendars update
// the entry they have), METHOD:CANCEL when the event is cancelled. Sent to the
// organisation's leads through the outbox, in the transaction that caused it.
import { createEvent } from 'ics';
import type { Queryable } from './db';
import { enqueueMail } from './mail';
import { recordAudit, type AuditContext } from './audit-log';
import { activeLeadEmails } from './membership-requests';
import type { ChallengeEvent } from './challenge-events';
import { listSlots, type Slot } from './challenge-event-slots';
import { formatDate, formatTime } from '../domain/dates';

export interface Organiser {
	name: string;
	email: string;
}

export type InvitationMethod = 'REQUEST' | 'CANCEL';

/** The .ics text of a slot's invitation. */
export function slotCalendar(event: ChallengeEvent, slot: Slot, method: InvitationMethod, o: { origin: string; organiser: Organiser; attendees: readonly string[] }): string {
	const location = [event.place, event.onlineLink].filter(Boolean).join(' · ');
	const { error, value } = createEvent({
		method,
		productId: '-//Safeguarding self-assessment portal//Challenge events//EN',
		uid: `slot-${slot.id}@${new URL(o.origin).host}`,
		sequence: slot.sequence,
		start: slot.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: slot.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: `${event.title}: ${slot.organisationName}`,
		description: [`${slot.organisationName}’s slot at the challenge event for ${event.cycleTitle}.`, event.agenda && `Agenda:\n${event.agenda}`, event.onlineLink && `Join online: ${event.onlineLink}`].filter(Boolean).join('\n\n'),
		location: location || undefined,
		url: `${o.origin}/organisations/${slot.organisationId}/events/${slot.id}`,
		status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
		organizer: { name: o.organiser.name, email: o.organiser.email },
		attendees: o.attendees.map((email) => ({ name: slot.organisationName, email, rsvp: true, role: 'REQ-PARTICIPANT' as const, partstat: 'NEEDS-ACTION' as const }))
	});
	if (error || !value) throw error ?? new Error('calendar invitation could not be made');
	return value;
}

export type InvitationKind = 'invited' | 'moved' | 'changed' | 'cancelled';

const SUBJECT: Record<InvitationKind, string> = {
	invited: 'Invitation',
	moved: 'New time',
	changed: 'Changed',
	cancelled: 'Cancelled'
};

/** Mails each of the organisation's leads the slot's invitation (or its cancellation) with the .ics attached. */
export async function sendSlotInvitation(tx: Queryable, event: ChallengeEvent, slot: Slot, kind: InvitationKind, o: { origin: string; organiser: Organiser }): Promise<number> {
	const leads = await activeLeadEmails(tx, slot.organisationId);
	if (!leads.length) return 0;
	const method: InvitationMethod = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
	const calendar = slotCalendar(event, slot, method, { ...o, attendees: leads });
	const when = `${formatDate(slot.startsAt)}, ${formatTime(slot.startsAt)} to ${formatTime(slot.endsAt)} (UK time)`;
	const text = [
		kind === 'cancelled'
			? `The challenge event ${event.title} on ${formatDate(event.startsAt)} has been cancelled, and with it ${slot.organisationName}’s slot.`
			: `${o.organiser.name} has ${kind === 'invited' ? 'invited' : 'changed the invitation of'} ${slot.organisationName} to the challenge event ${event.title}, for ${event.cycleTitle}.`,
		'',
		`When: ${when}`,
		...(event.place ? [`Where: ${event.place}`] : []),
		...(event.onlineLink ? [`Online: ${event.onlineLink}`] : []),
		'',
		...(kind === 'cancelled' ? [] : ['The calendar invitation is attached.', '', `See your slot and the agenda: ${o.origin}/organisations/${slot.organisationId}/events/${slot.id}`])
	].join('\n');
	for (const to of leads) {
		await enqueueMail(tx, {
			to,
			subject: `${SUBJECT[kind]}: ${event.title}, ${formatDate(slot.startsAt)}`,
			text,
			attachments: [{ filename: 'invitation.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: calendar, method }]
		});
	}
	return leads.length;
}

/** Every invited organisation hears of a change to the event's time or place, or of its cancellation. */
export async function sendToAllSlots(tx: Queryable, event: ChallengeEvent, kind: 'changed' | 'cancelled', o: { origin: string; organiser: Organiser }): Promise<void> {
	for (const slot of await listSlots(tx, event.id)) await sendSlotInvitation(tx, event, slot, kind, o);
}

/**
 * "Add to calendar (.ics)": the slot's current invitation (a cancellation once
 * the event is cancelled), organised by whoever created the event. Audit-logged.
 */
export async function calendarDownload(db: Queryable, ctx: AuditContext, event: ChallengeEvent, slot: Slot, o: { origin: string; mailFrom: string | undefined; partnershipName: string }): Promise<Response> {
	const fromAddress = o.mailFrom ? (/<([^>]+)>/.exec(o.mailFrom)?.[1] ?? o.mailFrom) : `no-reply@${new URL(o.origin).hostname}`;
	const organiser = event.createdByName && event.createdByEmail ? { name: event.createdByName, email: event.createdByEmail } : { name: o.partnershipName, email: fromAddress };
	const calendar = slotCalendar(event, slot, event.status === 'cancelled' ? 'CANCEL' : 'REQUEST', { origin: o.origin, organiser, attendees: await activeLeadEmails(db, slot.organisationId) });
	await recordAudit(db, ctx, { action: 'challenge_event.calendar_downloaded', partnershipId: event.partnershipId, organisationId: slot.organisationId, subjectType: 'challenge_event', subjectId: event.id, detail: { slot: slot.id } });
	return new Response(calendar, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="challenge-event-${slot.startsAt.toISOString().slice(0, 10)}.ics"`, 'cache-control': 'private, no-store' }
	});
}
