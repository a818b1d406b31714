// Chasing returns over HTTP against the real server, without JavaScript: the
// business unit previews a reminder with an extra paragraph, sends it to one
// organisation's lead (delivered over SMTP), sees it in the list, and sending
// the same form again sends nothing; the chair reads and cannot send; the
// schedule is changed and switched off.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
let smtp: TestSmtp;
let bu: Client;
let chair: Client;
const page = () => `/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}/reminders`;
const OAKFIELD = () => ids.organisations['Oakfield Primary School'];

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example.org' } });
	[bu, chair] = await Promise.all([new Client(server.url).signIn('business.unit@northmere.example.org'), new Client(server.url).signIn('chair@northmere.example.org')]);
}, 120_000);
afterAll(async () => {
	await server.stop();
	await smtp.stop();
});

describe('reminding now', () => {
	it('lists who has not returned with their leads, every one ticked, and previews the reminder', async () => {
		const html = await (await bu.get(page())).text();
		const text = await pageText(new Response(html));
		expect(text).toContain('Oakfield Primary School');
		expect(text).toContain('dsl@oakfield.example.org');
		expect(html).toMatch(new RegExp(`<input[^>]*value="${OAKFIELD()}"[^>]*checked`));
		expect(text).toMatch(/Subject: (Reminder|Overdue): /);
		expect(text).toContain('Cannot be reminded');
		expect(text).toContain('no lead');
	});

	it('refuses a send with nobody ticked, beside the list, keeping the extra paragraph', async () => {
		const res = await bu.post(page(), { extra: 'Please send it before half term.', formKey: crypto.randomUUID() }, { action: 'send' });
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(await pageText(new Response(html))).toContain('Choose at least one organisation to remind');
		expect(html).toContain('id="organisationIds-error"');
		expect(html).toContain('Please send it before half term.');
	});

	it('previews the extra paragraph, then sends to the one organisation ticked, once', async () => {
		const form = { organisationIds: OAKFIELD(), extra: 'The board reads the returns on 3 March.' };
		const preview = await bu.post(page(), form, { action: 'preview' });
		expect(preview.status).toBe(200);
		const previewed = await preview.text();
		expect(await pageText(new Response(previewed))).toContain('The reminder to Oakfield Primary School');
		expect(previewed).toContain('The board reads the returns on 3 March.');
		const formKey = inputValues(previewed).formKey;

		const sent = await bu.post(page(), { ...form, formKey }, { action: 'send' });
		expect(sent.status).toBe(303);
		expect(sent.headers.get('location')).toContain('sent=1');
		const mail = mailText(await smtp.waitFor((m) => m.to.includes('dsl@oakfield.example.org') && mailText(m).includes('3 March')));
		expect(mail).toContain('Oakfield Primary School');
		expect(mail).toContain(`/organisations/${OAKFIELD()}`);

		const again = await bu.post(page(), { ...form, formKey }, { action: 'send' });
		expect(again.headers.get('location'), 'the same form posted twice').toContain('sent=0');
		const list = await pageText(await bu.get(page()));
		expect(list.match(/Sent now by/g)).toHaveLength(1);
		expect(list).toMatch(/Oakfield Primary School.*dsl@oakfield\.example\.org.*Sent now by/s);
	});

	it('lets the chair read what was sent, and not send', async () => {
		const html = await (await chair.get(page())).text();
		expect(await pageText(new Response(html))).toContain('Sent now by');
		expect(html).not.toContain('Send reminders');
		expect(html).not.toContain('Save the schedule');
		expect((await chair.post(page(), { organisationIds: OAKFIELD() }, { action: 'send' })).status).toBe(403);
	});
});

describe('the schedule', () => {
	it('starts at 14, 7 and 1 days before, changes, and switches off', async () => {
		expect(await pageText(await bu.get(page()))).toContain('14, 7 and 1 days before the deadline, then weekly while overdue.');
		const bad = await bu.post(page(), { enabled: 'yes', daysBefore: 'a fortnight', weeklyOverdue: 'yes' }, { action: 'schedule' });
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('Enter whole numbers of days');
		expect(inputValues(badHtml).daysBefore).toBe('a fortnight');

		expect((await bu.post(page(), { enabled: 'yes', daysBefore: '10, 3' }, { action: 'schedule' })).status).toBe(303);
		expect(await pageText(await bu.get(page()))).toContain('10 and 3 days before the deadline.');
		expect((await bu.post(page(), { enabled: 'no', daysBefore: '10, 3' }, { action: 'schedule' })).status).toBe(303);
		expect(await pageText(await bu.get(page()))).toContain('Off: no reminders are sent automatically.');
		expect(await pageText(await chair.get(page()))).toContain('Off: no reminders are sent automatically.');
	});
});
