// Challenge events at module level, on both databases: an event planned,
// organisations invited with calendar invitations in the outbox, a slot moved
// and the event cancelled (the invitation's UID kept, its SEQUENCE raised),
// the record saved with the version rule, agreed grades with their history,
// challenges raised at the event, and the facts behind the suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT, type AuditContext } from '../../../src/lib/server/audit-log';
import { cancelEvent, createEvent, eventPanel, getEvent, setPanel, updateEvent, type ChallengeEvent } from '../../../src/lib/server/challenge-events';
import { getSlot, inviteOrganisations, listSlots, moveSlot, saveRecord, slotsOfOrganisations } from '../../../src/lib/server/challenge-event-slots';
import { sendSlotInvitation, sendToAllSlots } from '../../../src/lib/server/event-invitations';
import { suggestionInputs } from '../../../src/lib/server/event-suggestions';
import { raiseChallenge } from '../../../src/lib/server/challenges';
import { getCycle } from '../../../src/lib/server/cycles';
import { getModeration } from '../../../src/lib/server/moderation';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const CHAIR = 'chair@northmere.example.org';
const chairCtx = (): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: ids.users[CHAIR], actorEmail: CHAIR });
const organiser = { name: 'Dr Helen Marsh', email: CHAIR };
const origin = 'https://portal.example';
const police = () => ids.organisations['Mercia Vale Police'];
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

async function newEvent(startsAt = '2027-02-10T10:00:00Z', endsAt = '2027-02-10T13:00:00Z'): Promise<ChallengeEvent> {
	const cycle = (await getCycle(db, ids.pastS11Northmere))!;
	const id = await createEvent(db, chairCtx(), cycle, { title: `Module event ${Math.random()}`, startsAt: at(startsAt), endsAt: at(endsAt), place: 'Room 1', onlineLink: '', agenda: 'Standards 3 and 5' });
	return (await getEvent(db, id))!;
}

const outbox = (like: string) => db.query<{ to_address: string; subject: string; attachments: { filename: string; contentType: string; content: string; method?: string }[] }>('select to_address, subject, attachments from mail_outbox where subject like $1 order by created_at, to_address', [like]);
/** An .ics file's lines unfolded (RFC 5545 folds long lines with CRLF and a space). */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');
const line = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(unfold(ics))?.[1].trim() ?? null;

describe('planning an event', () => {
	it('creates a planned event and keeps its panel of users and guests; only the partnership’s own users sit on it', async () => {
		const e = await newEvent();
		expect(e).toMatchObject({ status: 'planned', slotCount: 0, version: 1, place: 'Room 1' });
		await setPanel(db, chairCtx(), e, [ids.users[CHAIR], ids.users['board@northmere.example.org'], ids.users['chair@eastbrook.example.org']], [{ name: 'Dr Rao', email: 'rao@icb.example.org', role: 'Designated doctor' }]);
		const panel = await eventPanel(db, e.id);
		expect(panel.map((p) => [p.email, p.guest])).toEqual([
			...[['board@northmere.example.org', false], [CHAIR, false]].sort((a, b) => panel.findIndex((p) => p.email === a[0]) - panel.findIndex((p) => p.email === b[0])),
			['rao@icb.example.org', true]
		]);
		expect(panel.find((p) => p.guest)).toMatchObject({ name: 'Dr Rao', role: 'Designated doctor' });
		expect(panel.some((p) => p.email === 'chair@eastbrook.example.org')).toBe(false);
	});

	it('refuses an event with no place and no link, or ending before it starts', async () => {
		const cycle = (await getCycle(db, ids.pastS11Northmere))!;
		await expect(createEvent(db, chairCtx(), cycle, { title: 'x', startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T11:00:00Z'), place: '', onlineLink: '', agenda: '' })).rejects.toThrow();
		await expect(createEvent(db, chairCtx(), cycle, { title: 'x', startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T09:00:00Z'), place: 'Room', onlineLink: '', agenda: '' })).rejects.toThrow();
	});
});

describe('invitations with a calendar file', () => {
	it('invites the cycle’s organisations only, and mails the leads a REQUEST with a stable UID, UTC times, the place and the organiser', async () => {
		const e = await newEvent();
		const slots = await inviteOrganisations(db, chairCtx(), e, [
			{ organisationId: police(), startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T10:30:00Z'), reason: 'Standard 3 gap' },
			{ organisationId: ids.organisations['Eastbrook Borough Council'], startsAt: at('2027-02-10T10:30:00Z'), endsAt: at('2027-02-10T11:00:00Z'), reason: '' }
		]);
		expect(slots.map((s) => s.organisationName)).toEqual(['Mercia Vale Police']);
		const again = await inviteOrganisations(db, chairCtx(), e, [{ organisationId: police(), startsAt: at('2027-02-10T11:00:00Z'), endsAt: at('2027-02-10T11:30:00Z'), reason: '' }]);
		expect(again).toEqual([]);
		const slot = slots[0];
		await db.transaction((tx) => sendSlotInvitation(tx, (e), slot, 'invited', { origin, organiser }));
		const [mail] = await outbox(`Invitation: ${e.title}%`);
		expect(mail.to_address).toBe('lead@police.example.org');
		const [file] = mail.attachments;
		expect(file).toMatchObject({ filename: 'invitation.ics', method: 'REQUEST' });
		expect(file.contentType).toContain('text/calendar');
		expect(line(file.content, 'METHOD')).toBe('REQUEST');
		expect(line(file.content, 'UID')).toBe(`slot-${slot.id}@portal.example`);
		expect(line(file.content, 'SEQUENCE')).toBe('0');
		expect(line(file.content, 'DTSTART')).toBe('20270210T100000Z');
		expect(line(file.content, 'DTEND')).toBe('20270210T103000Z');
		expect(line(file.content, 'LOCATION')).toBe('Room 1');
		expect(unfold(file.content)).toMatch(/^ORGANIZER;CN="Dr Helen Marsh":MAILTO:chair@northmere\.example\.org\r?$/m);
		expect(unfold(file.content)).toMatch(/^ATTENDEE;.*CN="Mercia Vale Police":mailto:lead@police\.example\.org\r?$/m);
		expect(line(file.content, 'DESCRIPTION')).toContain('Standards 3 and 5');
	});

	it('moving a slot keeps its UID and raises its SEQUENCE; a stale move is refused; cancelling sends METHOD:CANCEL', async () => {
		const e = await newEvent();
		const [slot] = await inviteOrganisations(db, chairCtx(), e, [{ organisationId: police(), startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T10:30:00Z'), reason: '' }]);
		const moved = await moveSlot(db, chairCtx(), e.partnershipId, slot, at('2027-02-10T11:00:00Z'), at('2027-02-10T11:30:00Z'), slot.version);
		if (!moved.ok) throw new Error('not moved');
		expect(moved.slot).toMatchObject({ sequence: 1, version: 2 });
		expect(await moveSlot(db, chairCtx(), e.partnershipId, slot, at('2027-02-10T12:00:00Z'), at('2027-02-10T12:30:00Z'), slot.version)).toMatchObject({ ok: false, reason: 'stale', current: { version: 2 } });
		await db.transaction((tx) => sendSlotInvitation(tx, e, moved.slot, 'moved', { origin, organiser }));
		const cancelled = await db.transaction(async (tx) => {
			const done = await cancelEvent(tx, chairCtx(), e, e.version);
			if (done.ok) await sendToAllSlots(tx, done.event, 'cancelled', { origin, organiser });
			return done;
		});
		expect(cancelled).toMatchObject({ ok: true, event: { status: 'cancelled' } });
		const moves = await outbox(`New time: ${e.title}%`);
		const cancels = await outbox(`Cancelled: ${e.title}%`);
		expect(line(moves[0].attachments[0].content, 'SEQUENCE')).toBe('1');
		expect(line(moves[0].attachments[0].content, 'DTSTART')).toBe('20270210T110000Z');
		const c = cancels[0].attachments[0];
		expect([line(c.content, 'METHOD'), line(c.content, 'STATUS'), line(c.content, 'SEQUENCE'), line(c.content, 'UID')]).toEqual(['CANCEL', 'CANCELLED', '2', `slot-${slot.id}@portal.example`]);
		expect(await updateEvent(db, chairCtx(), e, { ...e }, e.version + 1)).toMatchObject({ ok: false, reason: 'cancelled' });
	});

	it('moving the event moves its slots by as much, and a stale change is refused with what is stored', async () => {
		const e = await newEvent();
		const [slot] = await inviteOrganisations(db, chairCtx(), e, [{ organisationId: police(), startsAt: at('2027-02-10T10:30:00Z'), endsAt: at('2027-02-10T11:00:00Z'), reason: '' }]);
		const later = await updateEvent(db, chairCtx(), e, { ...e, startsAt: at('2027-02-17T10:00:00Z'), endsAt: at('2027-02-17T13:00:00Z') }, e.version);
		expect(later).toMatchObject({ ok: true, invitationsChanged: true });
		expect(await getSlot(db, e.id, slot.id)).toMatchObject({ startsAt: at('2027-02-17T10:30:00Z'), sequence: 1 });
		expect(await updateEvent(db, chairCtx(), e, { ...e, title: 'Mine' }, e.version)).toMatchObject({ ok: false, reason: 'stale', current: { version: 2 } });
	});
});

describe('the record of a session', () => {
	it('saves attendees, questions and the outcome; a stale save is refused with theirs; the event is then held', async () => {
		const e = await newEvent();
		const [slot] = await inviteOrganisations(db, chairCtx(), e, [{ organisationId: ids.organisations['Probation Service – Mercia Vale'], startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T10:30:00Z'), reason: '' }]);
		const record = { attendees: 'Head of service', questions: [{ question: 'Where is the audit?', answer: 'Appendix B' }], outcome: 'partly_assured' as const, agreed: {} };
		const saved = await saveRecord(db, chairCtx(), e, slot, record, slot.version, 'Agreed at the event');
		expect(saved).toMatchObject({ ok: true, slot: { outcome: 'partly_assured', questions: record.questions, version: 2 } });
		const stale = await saveRecord(db, chairCtx(), e, slot, { ...record, attendees: 'Someone else' }, slot.version, 'x');
		expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { attendees: 'Head of service', version: 2 } });
		expect((await getEvent(db, e.id))!.status).toBe('held');
	});

	it('agreed grades go through the moderation’s history with the challenge event as their source', async () => {
		const e = await newEvent();
		const [slot] = await inviteOrganisations(db, chairCtx(), e, [{ organisationId: police(), startsAt: at('2027-02-10T10:00:00Z'), endsAt: at('2027-02-10T10:30:00Z'), reason: '' }]);
		const before = (await getModeration(db, ids.pastS11Northmere, police()))!;
		const s3 = before.standards.get('3')!;
		const other = ['1', '2', '3', '4'].find((g) => g !== s3.agreedGrade)!;
		const saved = await saveRecord(db, chairCtx(), e, slot, { attendees: '', questions: [], outcome: 'assured', agreed: { '3': { grade: other, rationale: 'The panel saw the case audit' }, '5': { grade: before.standards.get('5')!.agreedGrade!, rationale: '' }, '99': { grade: '1', rationale: '' } } }, slot.version, 'Agreed at the event');
		expect(saved).toMatchObject({ ok: true, agreed: ['3'] });
		const after = (await getModeration(db, ids.pastS11Northmere, police()))!;
		expect(after.standards.get('3')).toMatchObject({ agreedGrade: other, agreedRationale: 'The panel saw the case audit', agreedSource: 'challenge_event' });
		const history = await db.query<{ grade: string; source: string; rationale: string }>(`select grade, source, rationale from grade_history where moderation_id = $1 and standard_code = '3' and kind = 'agreed' order by id`, [before.id]);
		expect(history.at(-1)).toEqual({ grade: other, source: 'challenge_event', rationale: 'The panel saw the case audit' });
		expect(history.length).toBeGreaterThan(1);
	});

	it('a challenge raised at the event goes into the log with the event’s id, and no other event id is accepted', async () => {
		const e = await newEvent();
		const actor = { ctx: chairCtx(), name: 'Dr Helen Marsh', origin };
		const input = { partnershipId: e.partnershipId, organisationId: police(), cycleId: e.cycleId, submissionId: null, standardCode: '3', requirementCode: null, source: 'challenge_event' as const, text: 'Send the case audit', dueOn: '2027-03-10', actionId: null, actionClosureRequired: false };
		const c = await raiseChallenge(db, actor, { ...input, challengeEventId: e.id });
		expect((await db.query<{ challenge_event_id: string; source: string }>('select challenge_event_id, source from challenges where id = $1', [c.id]))[0]).toEqual({ challenge_event_id: e.id, source: 'challenge_event' });
		await expect(raiseChallenge(db, actor, { ...input, challengeEventId: '7d5e3f0a-2b1c-4d8e-9f6a-0c1b2d3e4f5a' })).rejects.toThrow();
	});
});

describe('what the suggestions and the organisation read', () => {
	it('gives each submitting organisation its grades, open challenges and when it last had a slot at an earlier event', async () => {
		const first = await newEvent('2027-04-01T10:00:00Z', '2027-04-01T12:00:00Z');
		await inviteOrganisations(db, chairCtx(), first, [{ organisationId: police(), startsAt: at('2027-04-01T10:00:00Z'), endsAt: at('2027-04-01T10:30:00Z'), reason: '' }]);
		const second = await newEvent('2027-05-01T10:00:00Z', '2027-05-01T12:00:00Z');
		const inputs = await suggestionInputs(db, second, ukToday());
		const p = inputs.find((i) => i.organisationId === police())!;
		expect(p.lastChallengedAt).toEqual(at('2027-04-01T10:00:00Z'));
		expect(p.openChallenges).toBeGreaterThan(0);
		expect(Object.keys(p.requirements).length).toBeGreaterThan(0);
		expect(inputs.every((i) => i.organisationId !== ids.organisations['Eastbrook Borough Council'])).toBe(true);
	});

	it('lists an organisation’s coming slots, never another’s', async () => {
		const e = await newEvent('2099-01-05T10:00:00Z', '2099-01-05T12:00:00Z');
		await inviteOrganisations(db, chairCtx(), e, [{ organisationId: police(), startsAt: at('2099-01-05T10:00:00Z'), endsAt: at('2099-01-05T10:30:00Z'), reason: 'secret reason' }]);
		const own = await slotsOfOrganisations(db, [police()]);
		expect(own.some((s) => s.eventId === e.id)).toBe(true);
		expect(JSON.stringify(own)).not.toContain('secret reason');
		expect((await slotsOfOrganisations(db, [ids.organisations['Mercia Vale Community Health NHS Trust']])).some((s) => s.eventId === e.id)).toBe(false);
		expect((await listSlots(db, e.id)).length).toBe(1);
	});
});
