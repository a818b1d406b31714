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
