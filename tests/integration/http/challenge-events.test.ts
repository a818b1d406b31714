// Challenge events over HTTP, as a browser without JavaScript uses them: role
// by role (the board member reads and every write is refused, another
// partnership's chair gets 404, an organisation sees only its own slot), the
// chair's whole loop from a new event to a recorded session, invalid input
// answered with a message and what was typed, and a stale record.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients, Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { ukDateAndTime } from '../../../src/lib/domain/event-times';

const ids = inject('demoIds');
const nm = `/partnerships/${ids.partnerships.northmere}`;
const pastCycle = `${nm}/cycles/${ids.pastS11Northmere}`;
const held = `${pastCycle}/events/${ids.events.held}`;
const heldSlot = `${held}/slots/${ids.events.heldPoliceSlot}`;
const police = ids.organisations['Mercia Vale Police'];
const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
}, 180_000);
afterAll(() => server?.stop());

const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);
const inDays = (n: number) => {
	const d = ukDateAndTime(new Date(Date.now() + n * 86_400_000)).date.split('-');
	return { 'date-day': String(Number(d[2])), 'date-month': String(Number(d[1])), 'date-year': d[0] };
};

describe('who may do what', () => {
	it('anonymous people are sent to sign in', async () => {
		const res = await new Client(server.url).get(`${pastCycle}/events`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
	});

	it('the board member, the moderator and the business unit read the event and the record, with no controls to change them', async () => {
		for (const actor of ['nm_board', 'nm_moderator', 'nm_bu'] as const) {
			const c = await clientOf(actor);
			const event = await pageText(await c.get(held));
			expect(event).toContain('Section 11 challenge event: police and ambulance');
			expect(event).toContain('Dr Priya Rao');
			expect(event).not.toContain('Invite organisations');
			expect(event).not.toContain('Change the panel');
			const slot = await pageText(await c.get(heldSlot));
			expect(slot).toContain('How do you know the referral policy is followed on night shifts?');
			expect(slot).not.toContain('Save record');
		}
	});

	it('every write by the board member is refused with 403', async () => {
		const board = await clientOf('nm_board');
		const writes: [string, string | undefined][] = [[`${pastCycle}/events/new`, undefined], [held, 'panel'], [held, 'cancel'], [`${held}/edit`, undefined], [`${held}/invite`, undefined], [heldSlot, 'record'], [heldSlot, 'move'], [heldSlot, 'raise']];
		for (const [path, action] of writes) expect((await board.post(path, { confirm: 'yes', version: '1' }, { action })).status, `${path} ${action}`).toBe(403);
	});

	it('another partnership’s chair gets 404 for the event, its slot and its calendar file', async () => {
		const eb = await clientOf('eb_chair');
		for (const path of [held, heldSlot, `${heldSlot}/invitation.ics`]) expect((await eb.get(path)).status).toBe(404);
		expect((await eb.post(held, { confirm: 'yes' }, { action: 'cancel' })).status).toBe(404);
	});

	it('an organisation sees its own slot with the agenda and standards, never the panel’s reasons or record; another organisation’s slot is a 404', async () => {
		const lead = await clientOf('police_lead');
		const own = await pageText(await lead.get(`/organisations/${police}/events/${ids.events.heldPoliceSlot}`));
		expect(own).toContain('Your slot at Section 11 challenge event: police and ambulance');
		expect(own).toContain('Council Chamber, Northmere Civic Centre');
		expect(own).toContain('Standard 1:');
		expect(own).not.toContain('self Good, moderated');
		expect(own).not.toContain('dip sample');
		const nhsLead = await clientOf('nhs_lead');
		expect((await nhsLead.get(`/organisations/${nhs}/events/${ids.events.heldPoliceSlot}`)).status).toBe(404);
		expect((await nhsLead.get(`/organisations/${police}/events/${ids.events.heldPoliceSlot}`)).status).toBe(404);
		expect((await nhsLead.get(`/organisations/${nhs}/events/${ids.events.heldPoliceSlot}/invitation.ics`)).status).toBe(404);
	});

	it('the organisation’s lead sees a coming slot on the home page; another organisation’s people do not', async () => {
		expect(await pageText(await (await clientOf('nhs_lead')).get('/home'))).toContain('Section 11 challenge event: health');
		expect(await pageText(await (await clientOf('police_lead')).get('/home'))).not.toContain('Section 11 challenge event: health');
	});

	it('the calendar file is a REQUEST with the slot’s UID and UTC times', async () => {
		const res = await (await clientOf('police_lead')).get(`/organisations/${police}/events/${ids.events.heldPoliceSlot}/invitation.ics`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/calendar');
		const ics = (await res.text()).replace(/\r?\n[ \t]/g, '');
		expect(ics).toMatch(/^METHOD:REQUEST\r?$/m);
		expect(ics).toMatch(new RegExp(`^UID:slot-${ids.events.heldPoliceSlot}@127\\.0\\.0\\.1:\\d+\\r?$`, 'm'));
		expect(ics).toMatch(/^DTSTART:\d{8}T\d{6}Z\r?$/m);
		expect(ics).toMatch(/^ORGANIZER;CN="Dr Helen Marsh":MAILTO:chair@northmere\.example\.org\r?$/m);
	});
});

describe('the chair’s loop, without JavaScript', () => {
	it('bad input gets a message beside the field and keeps what was typed, never a 500', async () => {
		const chair = await clientOf('nm_chair');
		const res = await chair.post(`${nm}/cycles/${ids.cycles.s11Northmere}/events/new`, { title: 'Typed title', ...inDays(20), 'date-day': '35', startTime: 'ten', endTime: '12:00', place: '', onlineLink: 'ftp://x' });
		expect(res.status).toBe(400);
		const html = await res.text();
		const text = await pageText(new Response(html));
		expect(text).toContain('The date of the event must be a real date');
		expect(text).toContain('Enter the start time like 9:30am or 14:00');
		expect(text).toContain('Enter the online link as a web address starting https://');
		expect(inputValues(html)).toMatchObject({ title: 'Typed title', 'date-day': '35', startTime: 'ten', onlineLink: 'ftp://x' });
	});

	it('creates an event, sees suggestions with reasons, invites two, records one with agreed grades and a challenge, and a stale save loses nothing', async () => {
		const chair = await clientOf('nm_chair');
		const created = await chair.post(`${pastCycle}/events/new`, { title: 'HTTP test event', ...inDays(40), startTime: '10am', endTime: '12:00', place: 'Room 4', onlineLink: '', agenda: 'Standards 1 to 3' });
		expect(created.status).toBe(303);
		const event = created.headers.get('location')!.split('?')[0];
		const invite = await chair.get(`${event}/invite`);
		const inviteText = await pageText(invite);
		expect(inviteText).toMatch(/Standard \d+: self [A-Za-z ]+, moderated [A-Za-z ]+/);
		const probation = ids.organisations['Probation Service – Mercia Vale'];
		const council = ids.organisations['Northmere Council Children’s Services'];
		expect((await chair.post(`${event}/invite`, { invite: [probation, council], slotLength: '45', [`time-${council}`]: '11:15' })).status).toBe(303);
		const page = await pageText(await chair.get(event));
		expect(page).toMatch(/10:00am to 10:45am\s+Probation Service – Mercia Vale/);
		expect(page).toMatch(/11:15am to 12:00pm\s+Northmere Council Children.s Services/);
		const slotId = /slots\/([0-9a-f-]{36})">Northmere Council/.exec(await (await chair.get(event)).text())![1];
		const slot = `${event}/slots/${slotId}`;
		const form = await (await chair.get(slot)).text();
		const values = inputValues(form);
		expect(values['agreed-1']).toBeTruthy();
		const record = { version: values.version, rows: '1', attendees: 'Director of children’s services', 'q-0-question': 'What changed after the audit?', 'q-0-answer': 'Supervision is now monthly', outcome: 'not_assured', 'agreed-1': '4', 'agreedRationale-1': 'No evidence of actions from the audit' };
		expect((await chair.post(slot, record, { action: 'record' })).status).toBe(303);
		const stale = await chair.post(slot, { ...record, attendees: 'Someone else typed this' }, { action: 'record' });
		expect(stale.status).toBe(409);
		const staleHtml = await stale.text();
		const staleText = await pageText(new Response(staleHtml));
		expect(staleText).toContain('Saved by someone else');
		expect(staleText).toContain('Director of children');
		// What this person typed stays in the form, now at the stored version, to save over theirs once checked.
		expect(inputValues(staleHtml)).toMatchObject({ attendees: 'Someone else typed this', version: String(Number(values.version) + 1) });
		const raised = await chair.post(slot, { standard: '1', text: 'Send the action plan from the audit', 'dueOn-day': inDays(60)['date-day'], 'dueOn-month': inDays(60)['date-month'], 'dueOn-year': inDays(60)['date-year'] }, { action: 'raise' });
		expect(raised.status).toBe(303);
		const after = await pageText(await chair.get(slot));
		expect(after).toContain('Not assured');
		expect(after).toContain('Standard 1: Send the action plan from the audit');
		const log = await pageText(await chair.get(`${nm}/challenges?source=challenge_event&organisation=${council}`));
		expect(log).toContain('Send the action plan from the audit');
		const moderation = await pageText(await chair.get(`${nm}/submissions/${/href="[^"]*submissions\/([0-9a-f-]{36})\/moderation"[^>]*>Northmere Council/.exec(await (await chair.get(`${pastCycle}/moderation`)).text())![1]}/moderation`));
		expect(moderation).toContain('No evidence of actions from the audit');
		// The invitations wait in the outbox, each with its calendar file.
		const outbox = await pageText(await (await clientOf('admin')).get('/admin/outbox'));
		expect(outbox).toMatch(/Invitation: HTTP test event[\s\S]*invitation\.ics \(calendar invitation, REQUEST\)/);
	});
});
