// What was sent is what is shown, over HTTP: a cycle that can take nothing
// more leads to the submission, not today's draft; a return changed since it
// was sent says so; a second version names everything that changed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
const AMBULANCE = 'Mercia Vale Ambulance Service NHS Trust';
const ambulanceLead = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';
const ambulanceDirector = 'director@mercia-vale-ambulance-service-nhs-trust.example.org';
const UUID = '[0-9a-f-]{36}';

beforeAll(async () => {
	server = await startTestServer();
}, 120_000);
afterAll(() => server.stop());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();

/** The organisation page's audit cycles, one row each: its words and its markup. */
async function cycleRows(client: Client, organisationId: string) {
	const html = await (await client.get(`/organisations/${organisationId}`)).text();
	const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)![1];
	return body.split('<tr class="govuk-table__row">').slice(1).map((row) => ({ html: row, text: text(row) }));
}

const row = async (client: Client, organisationId: string, match: RegExp) => {
	const found = (await cycleRows(client, organisationId)).filter((r) => match.test(r.text));
	expect(found, `one row matching ${match}`).toHaveLength(1);
	return found[0];
};

const linkIn = (html: string, label: RegExp) => {
	const m = [...html.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].find(([, , inner]) => label.test(text(inner)));
	return m?.[1] ?? null;
};

describe('a cycle that can take nothing more', () => {
	it('leads Oakfield’s DSL from last year’s closed schools audit to what the school sent, and this year’s to the live return', async () => {
		const dsl = await new Client(server.url).signIn('dsl@oakfield.example.org');
		const school = ids.organisations['Oakfield Primary School'];
		const closed = await row(dsl, school, /Closed/);
		expect(closed.html).not.toMatch(/\/returns\//);
		const sent = linkIn(closed.html, /^View what you sent/);
		expect(sent).toMatch(new RegExp(`^/organisations/${school}/submissions/${UUID}$`));
		const cycleTitle = /Schools safeguarding audit \d{4}/.exec(closed.text)![0];
		expect(await pageText(await dsl.get(sent!))).toContain(`${cycleTitle}: version 1`);

		const open = await row(dsl, school, /In progress|Not started|Overdue/);
		expect(linkIn(open.html, /^Continue/)).toMatch(new RegExp(`^/organisations/${school}/returns/${UUID}$`));
	});

	it('leads the police from last year’s Section 11 audit to the force’s submission', async () => {
		const lead = await new Client(server.url).signIn('lead@police.example.org');
		const police = ids.organisations['Mercia Vale Police'];
		const closed = await row(lead, police, /Closed/);
		expect(linkIn(closed.html, /^View what you sent/)).toBe(`/organisations/${police}/submissions/${ids.police.submissionId}`);
		expect(closed.html).not.toMatch(/\/returns\//);
	});

	it('says “Not returned” for a cycle closed before the organisation sent anything', async () => {
		const bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
		expect((await bu.post(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`, { confirm: 'yes' }, { action: 'close' })).status).toBe(303);
		const dsl = await new Client(server.url).signIn('dsl@oakfield.example.org');
		const rows = (await cycleRows(dsl, ids.organisations['Oakfield Primary School'])).filter((r) => /Closed/.test(r.text));
		expect(rows).toHaveLength(2);
		const unsent = rows.filter((r) => r.text.includes('Not returned'));
		expect(unsent).toHaveLength(1);
		expect(unsent[0].html).not.toMatch(/\/returns\/|\/submissions\//);
	});
});

describe('after the return changes', () => {
	const ambulance = () => ids.organisations[AMBULANCE];
	let lead: Client;
	let returnPath: string;
	let progress: string;
	const sentRows = async () => (await cycleRows(lead, ambulance())).filter((r) => /Section 11 audit/.test(r.text) && !/Closed/.test(r.text));
	/** The organisation's list of what it has sent: "<cycle>, version N" to <partnership>. */
	const submitted = async (version: number, partnership: string) => {
		const html = await (await lead.get(`/organisations/${ambulance()}`)).text();
		const item = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]).find((li) => text(li).includes(`, version ${version} to ${partnership}`));
		return new RegExp(`/submissions/(${UUID})`).exec(item!)![1];
	};

	beforeAll(async () => {
		lead = await new Client(server.url).signIn(ambulanceLead);
		const rows = await sentRows();
		returnPath = linkIn(rows[0].html, /^Continue/)!;
	});

	it('says “Submitted” and nothing more while the return is as it was sent', async () => {
		const rows = await sentRows();
		expect(rows).toHaveLength(2);
		for (const r of rows) {
			expect(r.text).toMatch(/^Section 11 audit .* Submitted version 1 sent /);
			expect(r.text).not.toContain('Changed since you sent it');
		}
	});

	it('says the return changed since it was sent, and what to do, once only an action’s progress notes change', async () => {
		const actions = await (await lead.get(`${returnPath}/actions`)).text();
		const actionPage = `${returnPath}/actions/${new RegExp(`/actions/(${UUID})"`).exec(actions)![1]}`;
		const form = inputValues(await (await lead.get(actionPage)).text());
		progress = `${form.progress} Two of three stations trained by the end of the quarter.`.trim();
		expect((await lead.post(actionPage, { ...form, progress }, { action: 'save' })).status).toBe(303);

		for (const r of await sentRows()) {
			expect(r.text).toContain('Submitted');
			expect(r.text).toContain('Changed since you sent it');
			expect(r.text).toContain('Check your answers for Section 11 audit');
			expect(r.text).toContain('get sign-off again if needed, and submit again to add a version');
			expect(linkIn(r.html, /^Check your answers/)).toBe(`${returnPath}/check`);
		}
		expect(await pageText(await lead.get(returnPath))).toContain('Your self-assessment has changed since you sent it');
	});

	it('after a new sign-off and submission links to each cycle’s new version, and compares it with the first on both sides', async () => {
		const firstNorthmere = await submitted(1, 'Northmere Safeguarding Children Partnership');
		const director = await new Client(server.url).signIn(ambulanceDirector);
		const signed = await director.post(`${returnPath}/check`, { capacity: 'executive_lead', name: 'A Director', role: 'Director of Nursing', confirm: 'yes' }, { action: 'sign' });
		expect(signed.status).toBe(303);
		const check = await (await lead.get(`${returnPath}/check`)).text();
		const cycleIds = [...check.matchAll(/name="cycleIds" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
		expect(cycleIds).toHaveLength(2);
		const sent = await lead.post(`${returnPath}/check`, { cycleIds }, { action: 'submit' });
		expect(sent.status).toBe(303);
		const confirmation = sent.headers.get('location')!;
		const newIds = decodeURIComponent(new URL(confirmation, server.url).searchParams.get('submitted')!).split(',');
		expect(newIds).toHaveLength(2);

		// "Sent to 2 cycles" links to each submission, not only the one shown.
		const html = await (await lead.get(confirmation)).text();
		expect(text(html)).toContain('Sent to 2 cycles.');
		for (const id of newIds) expect(linkIn(html, /^Section 11 audit .* version 2$/) && html.includes(`href="/organisations/${ambulance()}/submissions/${id}"`), `a link to ${id}`).toBe(true);
		expect(text(html)).toMatch(/Section 11 audit \S+ for Northmere Safeguarding Children Partnership, version 2/);
		expect(text(html)).toMatch(/Section 11 audit \S+ for Eastbrook Safeguarding Children Partnership, version 2/);

		for (const r of await sentRows()) {
			expect(r.text).toContain('version 2 sent');
			expect(r.text).not.toContain('Changed since you sent it');
		}

		// Version 2 names what changed: the action's progress notes and the sign-off, not "No answers changed".
		const secondNorthmere = await submitted(2, 'Northmere Safeguarding Children Partnership');
		const bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
		for (const [client, page] of [
			[lead, `/organisations/${ambulance()}/submissions/${secondNorthmere}?compare=${firstNorthmere}`],
			[bu, `/partnerships/${ids.partnerships.northmere}/submissions/${secondNorthmere}?compare=${firstNorthmere}`]
		] as const) {
			const compared = await pageText(await client.get(page));
			expect(compared).toContain('Changed since version 1');
			expect(compared).toContain('1 action changed, 1 sign-off changed.');
			expect(compared).not.toContain('No answers changed');
			expect(compared).toMatch(/Action changed for \S+: .* Progress notes before .* Progress notes now .*Two of three stations trained by the end of the quarter\./);
			expect(compared).toMatch(/As executive lead for safeguarding: .* → A Director, Director of Nursing, /);
			// Every frozen field of the action plan is on the page, progress notes included.
			expect(compared).toMatch(/Requirement Action and progress notes Owner Due Status/);
			expect(compared).toContain(`Progress notes: ${progress}`);
			expect(compared).toMatch(/A Director, Director of Nursing \(executive lead for safeguarding\), .*, against fingerprint [0-9a-f]{12}/);
		}
		// The first version still shows the progress notes it was sent with.
		expect(await pageText(await bu.get(`/partnerships/${ids.partnerships.northmere}/submissions/${firstNorthmere}`))).not.toContain('Two of three stations trained');
	});

	it('confirms only submissions of its own, whatever the address claims was sent', async () => {
		const own = await submitted(1, 'Northmere Safeguarding Children Partnership');
		const res = await lead.get(`/organisations/${ambulance()}/submissions/${own}?submitted=not-an-id,${ids.police.submissionId}`);
		expect(res.status).toBe(200);
		const page = await pageText(res);
		expect(page).not.toContain('Self-assessment submitted');
		expect(page).not.toContain('Sent to');
	});

	it('leads from a cycle of a partnership the organisation has left to what it sent there, while the other stays open', async () => {
		const eastbrook = await new Client(server.url).signIn('business.unit@eastbrook.example.org');
		const ended = await eastbrook.post(`/partnerships/${ids.partnerships.eastbrook}/organisations/${ambulance()}`, { confirm: 'yes' }, { action: 'deactivate' });
		expect(ended.status).toBe(303);
		const latestEastbrook = await submitted(2, 'Eastbrook Safeguarding Children Partnership');
		const rows = await sentRows();
		const left = rows.find((r) => r.text.includes('Eastbrook'))!;
		expect(left.text).toContain('Membership ended');
		expect(linkIn(left.html, /^View what you sent/)).toBe(`/organisations/${ambulance()}/submissions/${latestEastbrook}`);
		expect(left.html).not.toMatch(/\/returns\//);
		const staying = rows.find((r) => r.text.includes('Northmere'))!;
		expect(linkIn(staying.html, /^Continue/)).toBe(returnPath);
	});
});
