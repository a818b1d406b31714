// Sign-off as each person meets it, over HTTP against the real server: the
// signatory told a return waits for them, and once they have signed it as it
// stands left with the record, not the form; the lead asking for sign-off by
// email; Check your answers for an organisation in two partnerships' cycles.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { htmlText, inputValues } from '../../helpers/html';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
let smtp: TestSmtp;
let lead: Client;
let contributor: Client;
let director: Client;
const police = () => ids.organisations['Mercia Vale Police'];
const ret = () => `/organisations/${police()}/returns/${ids.police.returnId}`;
const check = () => `${ret()}/check`;
const SIGN_FORM = 'action="?/sign"';
const ASK_BUTTON = /<button[^>]*id="askSignOff"[^>]*>Ask for sign-off<\/button>/;

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example.org' } });
	[lead, contributor, director] = await Promise.all([
		new Client(server.url).signIn('lead@police.example.org'),
		new Client(server.url).signIn('contributor@police.example.org'),
		new Client(server.url).signIn('director@police.example.org')
	]);
}, 120_000);
afterAll(async () => {
	await server.stop();
	await smtp.stop();
});

/** The lead changes one narrative through autosave, as typing does: any signature goes stale. */
async function changeAnswer(code: string, narrative: string) {
	const page = inputValues(await (await lead.get(`${ret()}/standards/${code.split('.')[0]}`)).text());
	const res = await lead.request(`${ret()}/responses/${code}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ grade: page[`grade-${code}`] ?? null, naReason: '', narrative, version: Number(page[`version-${code}`]) })
	});
	expect(res.status).toBe(200);
}

const signAsDirector = (form: Record<string, string> = {}) =>
	director.post(check(), { capacity: 'executive_lead', name: 'ACC Fiona Grant', role: 'Assistant Chief Constable', confirm: 'yes', ...form }, { action: 'sign' });

/** The "Waiting for your sign-off" part of a home page, as text ('' when there is none). */
async function waitingOnHome(client: Client): Promise<string> {
	const html = await (await client.get('/home')).text();
	const start = html.indexOf('Waiting for your sign-off');
	return start < 0 ? '' : htmlText(html.slice(start, html.indexOf('</ul>', html.indexOf('app-sign-off-waiting')) + 5));
}

/** Each blocker box of a check page: its heading, and each item's text and links. */
function blockerBoxes(html: string) {
	return [...html.matchAll(/<section class="app-blockers[\s\S]*?<\/section>/g)].map(([box]) => ({
		heading: htmlText(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(box)![1]).trim(),
		text: htmlText(box),
		items: [...box.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map(([, li]) => ({
			text: htmlText(li).trim(),
			links: [...li.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((a) => a[1])
		}))
	}));
}

describe('Check your answers for an organisation in two partnerships', () => {
	it('names the cycle and partnership in each box, puts each thing on its own line and links every one to where it is fixed', async () => {
		const boxes = blockerBoxes(await (await lead.get(check())).text());
		expect(boxes.map((b) => b.heading.replace(/^\d+/, 'N')).sort()).toEqual([
			expect.stringMatching(/^N things to finish before you can submit to Section 11 audit \d{4}-\d{2} for Eastbrook Safeguarding Children Partnership$/),
			expect.stringMatching(/^N things to finish before you can submit to Section 11 audit \d{4}-\d{2} for Northmere Safeguarding Children Partnership$/)
		]);
		for (const box of boxes) {
			const count = Number(box.heading.split(' ')[0]);
			expect(count, 'the demo police return has more to finish than the 25 the page used to list').toBeGreaterThan(25);
			expect(box.items).toHaveLength(count);
			expect(box.text).not.toMatch(/and \d+ more/);
			for (const item of box.items) {
				expect(item.links, item.text).toHaveLength(1);
				const requirement = /^(\d+)\.(\d+): \S/.exec(item.text);
				if (requirement) expect(item.links[0]).toBe(`${ret()}/standards/${requirement[1]}#heading-${requirement[1]}-${requirement[2]}`);
				else expect(item).toEqual({ text: expect.stringMatching(/executive lead for safeguarding/), links: ['#sign-off'] });
			}
			expect(box.items.map((i) => i.text)).toContainEqual(expect.stringMatching(/^\d+\.\d+: Carried forward from your last return: review it/));
		}
		expect(await pageText(await lead.get(check()))).toContain('Show the other');
	});
});

describe('a signatory', () => {
	it('finds the return waiting on their home page, with what still blocks it, and the page to sign it on', async () => {
		const waiting = await waitingOnHome(director);
		expect(waiting).toContain('West Midlands Section 11 self-assessment: Mercia Vale Police');
		expect(waiting).toContain('For you to sign as executive lead for safeguarding.');
		// The demo's director signed last year's return; it has changed since.
		expect(waiting).toMatch(/It has changed since ACC Fiona Grant signed it on \d{1,2} \w+ \d{4}, so it needs signing again\./);
		expect(waiting).toMatch(/Section 11 audit \d{4}-\d{2} for Northmere Safeguarding Children Partnership, due \d{1,2} \w+ \d{4}: \d+ things to finish before it is ready to sign/);
		expect(waiting).toMatch(/Section 11 audit \d{4}-\d{2} for Eastbrook Safeguarding Children Partnership/);
		expect(await (await director.get('/home')).text()).toContain(`href="${check()}"`);
		// The school's two signatories each see the school's return; people who do not sign see no such list.
		for (const email of ['head@oakfield.example.org', 'governor@oakfield.example.org']) {
			expect(await waitingOnHome(await new Client(server.url).signIn(email))).toContain('Section 175/157 schools safeguarding audit: Oakfield Primary School');
		}
		expect(await waitingOnHome(lead)).toBe('');
		expect(await waitingOnHome(contributor)).toBe('');
	});

	it('sees no Continue or Change links anywhere they cannot edit', async () => {
		const organisation = await pageText(await director.get(`/organisations/${police()}`));
		expect(organisation).not.toMatch(/\bContinue\b/);
		expect(organisation).toMatch(/View return for Section 11 audit/);
		for (const path of [ret(), check(), `${ret()}/standards/3`, `${ret()}/actions`]) {
			const html = await (await director.get(path)).text();
			expect(html, path).not.toMatch(/<a\b[^>]*>\s*(Continue|Change)\b/);
			expect(htmlText(html), path).not.toContain('Review each one: change it');
		}
		// Those who edit still have them.
		expect([...(await (await contributor.get(check())).text()).matchAll(/<a\b[^>]*>Change<span/g)]).toHaveLength(53);
		expect(await pageText(await contributor.get(`/organisations/${police()}`))).toMatch(/Continue Section 11 audit/);
	});

	it('once signed as it stands, sees who signed, in what capacity and when, and no form; a change offers signing again', async () => {
		expect(await (await director.get(check())).text()).toContain(SIGN_FORM);
		const signed = await signAsDirector();
		expect(signed.status).toBe(303);
		expect(signed.headers.get('location')).toBe(`${check()}?signed`);
		const html = await (await director.get(`${check()}?signed`)).text();
		expect(html).not.toContain(SIGN_FORM);
		expect(htmlText(html)).toMatch(/Executive lead for safeguarding \(director or board member\) Signed by ACC Fiona Grant, Assistant Chief Constable, \d{1,2} \w+ \d{4}, \d{1,2}:\d{2}(am|pm)/);
		expect(htmlText(html)).not.toContain('Changed since: sign again');
		expect(await waitingOnHome(director)).toBe('');
		// A second post (a double click, an old tab) signs nothing new.
		expect((await signAsDirector({ role: 'Another title' })).status).toBe(303);
		expect(await pageText(await director.get(check()))).toContain('Signed by ACC Fiona Grant, Assistant Chief Constable,');

		await changeAnswer('2.1', 'Changed by the lead after the director signed, so the signature no longer counts.');
		const after = await (await director.get(check())).text();
		expect(after).toContain(SIGN_FORM);
		expect(htmlText(after)).toContain('Changed since: sign again');
		expect(await waitingOnHome(director)).toContain('It has changed since ACC Fiona Grant signed it on');
	});
});

describe('asking for sign-off', () => {
	it('is only for the lead: others in the organisation are refused, everyone else told it does not exist', async () => {
		const nhsLead = await new Client(server.url).signIn('lead@nhs.example.org');
		const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
		const northmere = await new Client(server.url).signIn('business.unit@northmere.example.org');
		const eastbrookChair = await new Client(server.url).signIn('chair@eastbrook.example.org');
		const oakfieldCheck = `/organisations/${ids.organisations['Oakfield Primary School']}/returns/${ids.police.returnId}/check`;
		for (const [client, path, status] of [
			[contributor, check(), 403],
			[director, check(), 403],
			[nhsLead, check(), 404],
			[nhsLead, `/organisations/${nhs}/returns/${ids.police.returnId}/check`, 404],
			// The police force's partnerships are in scope of its records but never reach its draft.
			[northmere, check(), 403],
			// Oakfield is a Northmere school: Eastbrook's roles are outside its scope.
			[eastbrookChair, oakfieldCheck, 404]
		] as const) {
			expect((await client.post(path, {}, { action: 'askSignOff' })).status, path).toBe(status);
		}
		expect(await (await contributor.get(check())).text()).not.toMatch(ASK_BUTTON);
		expect(await (await director.get(check())).text()).not.toMatch(ASK_BUTTON);
		expect(smtp.received.filter((m) => m.raw.includes('Please sign off'))).toEqual([]);
	});

	it('emails the signatories who have not signed it as it stands, logs it, and says on the page whom it went to', async () => {
		const page = await (await lead.get(check())).text();
		expect(page).toMatch(ASK_BUTTON);
		expect(htmlText(page)).toContain('We will email ACC Fiona Grant (executive lead for safeguarding) a link to this page.');

		const res = await lead.post(check(), {}, { action: 'askSignOff' });
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^${check()}\\?asked=[0-9a-f-]{36}$`));
		const confirmation = await pageText(await lead.get(location));
		expect(confirmation).toContain('Sign-off asked for We have emailed a link to this page to: ACC Fiona Grant (director@police.example.org), executive lead for safeguarding');
		expect(confirmation).toMatch(/Last asked \d{1,2} \w+ \d{4}, \d{1,2}:\d{2}(am|pm) by DCI Karen Walsh: ACC Fiona Grant\./);

		const mail = await smtp.waitFor((m) => m.to.includes('director@police.example.org') && m.raw.includes('Please sign off'));
		const text = mailText(mail);
		expect(mail.raw.replace(/\r?\n[ \t]+/g, ' ')).toContain('Subject: Please sign off the West Midlands Section 11 self-assessment for Mercia Vale Police');
		expect(text).toContain('Hello ACC Fiona Grant,');
		expect(text).toContain('DCI Karen Walsh (lead@police.example.org) asks you to sign off the West Midlands Section 11 self-assessment for Mercia Vale Police as executive lead for safeguarding.');
		expect(text).toMatch(/It has changed since ACC Fiona Grant signed it on \d{1,2} \w+ \d{4}, so it needs signing again\./);
		expect(text).toContain(`${server.url}${check()}`);
		// Only the people who sign this return: nobody at another organisation, nobody who already signed.
		expect(smtp.received.filter((m) => m.raw.includes('Please sign off')).flatMap((m) => m.to)).toEqual(['director@police.example.org']);

		const admin = await new Client(server.url).signIn('admin@example.org');
		const log = await pageText(await admin.get('/admin/audit-log?action=return.sign_off_request'));
		expect(log).toContain('return.sign_off_request');
		expect(log).toContain('director@police.example.org (executive_lead)');
	});

	it('refuses when everyone has signed the return as it stands', async () => {
		expect((await signAsDirector()).status).toBe(303);
		expect(await (await lead.get(check())).text()).not.toMatch(ASK_BUTTON);
		const res = await lead.post(check(), {}, { action: 'askSignOff' });
		expect(res.status).toBe(409);
		expect(await pageText(res)).toContain('Everyone who needs to sign has signed the return as it stands: there is nobody to ask');
	});

	it('refuses clearly when there is nobody to ask, and says how to invite one', async () => {
		const removed = await lead.post(`/organisations/${police()}/users`, { userId: ids.users['director@police.example.org'], role: 'signatory' }, { action: 'remove' });
		expect(removed.status).toBe(303);
		await changeAnswer('2.2', 'Changed after the only signatory left, so someone new has to sign.');
		const page = await (await lead.get(check())).text();
		expect(htmlText(page)).toMatch(/Nobody here signs as executive lead for safeguarding yet ?: invite a signatory ?, choosing the capacity they sign in/);
		expect(page).toContain(`href="/organisations/${police()}/users"`);

		const before = smtp.received.length;
		const res = await lead.post(check(), {}, { action: 'askSignOff' });
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(htmlText(html)).toContain('There is a problem Nobody at Mercia Vale Police can sign it off as executive lead for safeguarding: invite a signatory first');
		expect(html).toContain('href="#askSignOff"');
		expect(html).toContain(`href="/organisations/${police()}/users"`);
		expect(smtp.received.length).toBe(before);
	});
});

describe('asking for sign-off without a mail server', () => {
	let bare: TestServer;
	beforeAll(async () => {
		bare = await startTestServer();
	}, 120_000);
	afterAll(() => bare.stop());

	it('says the email waits in the outbox rather than that it was sent, and it does', async () => {
		const askingLead = await new Client(bare.url).signIn('lead@police.example.org');
		const before = await pageText(await askingLead.get(check()));
		expect(before).toContain('No mail server is set up: the email to ACC Fiona Grant (executive lead for safeguarding), with a link to this page, will wait in the portal’s mail outbox.'.replace('’', "'"));
		expect(before).not.toContain('We will email');
		const res = await askingLead.post(check(), {}, { action: 'askSignOff' });
		const confirmation = await pageText(await askingLead.get(res.headers.get('location')!));
		expect(confirmation).toContain("No mail server is set up, so the email with a link to this page is in the portal's mail outbox, for: ACC Fiona Grant");
		expect(confirmation).not.toContain('We have emailed');
		const admin = await new Client(bare.url).signIn('admin@example.org');
		expect(await pageText(await admin.get('/admin/outbox'))).toContain('director@police.example.org');
	});
});
