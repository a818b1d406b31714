// The chair's invitations from the suggestions: whom they ticked, each one's
// slot time (typed, or the next free one after the last slot, back to back
// at the length chosen) and why they were invited. Pure: no I/O.
import { field, SLOT_LENGTHS, type Read } from './challenge-events';
import { readTime, ukDateAndTime, ukMoment } from './event-times';

export interface InviteChoice {
	organisationId: string;
	startsAt: Date;
	endsAt: Date;
	reason: string;
}

export const slotTimeKey = (organisationId: string) => `time-${organisationId}`;
export const reasonKey = (organisationId: string) => `reason-${organisationId}`;

export function readInviteForm(form: FormData, o: { known: readonly string[]; nextStart: Date; eventStart: Date; eventEnd: Date }): Read<InviteChoice[]> {
	const errors: Record<string, string> = {};
	const chosen = [...new Set(form.getAll('invite').filter((v): v is string => typeof v === 'string' && o.known.includes(v)))];
	// In the order listed, as the chair sees them.
	chosen.sort((a, b) => o.known.indexOf(a) - o.known.indexOf(b));
	if (!chosen.length) errors.invite = 'Choose at least one organisation to invite';
	const length = Number(field(form, 'slotLength'));
	if (!(SLOT_LENGTHS as readonly number[]).includes(length)) errors.slotLength = 'Choose how long each slot is';
	const day = ukDateAndTime(o.eventStart).date;
	let next = o.nextStart;
	const out: InviteChoice[] = [];
	for (const id of chosen) {
		const typed = field(form, slotTimeKey(id));
		const time = typed ? readTime(typed) : null;
		if (typed && !time) {
			errors[slotTimeKey(id)] = 'Enter the slot’s start time like 10:30am or 14:00, or leave it blank for the next free slot';
			continue;
		}
		const startsAt = time ? ukMoment(day, time) : next;
		const endsAt = new Date(startsAt.getTime() + (length || 30) * 60_000);
		if (startsAt < o.eventStart || endsAt > o.eventEnd) errors[slotTimeKey(id)] = 'The slot must fit within the event’s start and end times';
		const reason = field(form, reasonKey(id));
		if ([...reason].length > 2000) errors[reasonKey(id)] = 'The reason must be 2,000 characters or fewer';
		out.push({ organisationId: id, startsAt, endsAt, reason });
		if (!time) next = endsAt;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: out };
}
