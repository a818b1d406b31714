// A business unit's member organisations over HTTP: import from CSV with a
// preview, and editing details without overwriting someone else's change.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
let bu: Client;
const base = () => `/partnerships/${ids.partnerships.northmere}/organisations`;

beforeAll(async () => {
	server = await startTestServer();
	bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
}, 120_000);
afterAll(() => server.stop());

describe('importing agencies from a CSV file', () => {
	it('previews every row, then imports the valid ones and says how many', async () => {
		const form = new FormData();
		form.set('file', new File(['name,sector,ods code\nNorthmere Hospice,charity,\nBad Row,,\nMercia Vale Police,police,'], 'agencies.csv', { type: 'text/csv' }));
		const preview = await bu.postMultipart(`${base()}/import`, form, { action: 'preview' });
		expect(preview.status).toBe(200);
		const html = await preview.text();
		const text = await pageText(new Response(html));
		expect(text).toContain('3 rows: 1 to import, 1 with errors');
		expect(text).toContain('Already a member');
		expect(text).toContain('Select the sector');
		const csv = inputValues(html).csv;
		const done = await bu.post(`${base()}/import`, { csv }, { action: 'import' });
		expect(done.status).toBe(303);
		expect(await pageText(await bu.get(done.headers.get('location')!))).toContain('Import finished: 1 added, 0 linked, 0 asked to agree because they already work with another partnership, 1 row skipped because of errors.');
		expect(await pageText(await bu.get(`${base()}?q=Hospice`))).toContain('Northmere Hospice');
	});
});

describe('editing an organisation', () => {
	it('refuses a stale save with 409, showing both versions and keeping what was typed', async () => {
		const edit = `${base()}/${ids.organisations['Northmere Homes']}/edit`;
		const other = await new Client(server.url).signIn('business.unit@northmere.example.org');
		const mine = inputValues(await (await bu.get(edit)).text());
		const theirs = inputValues(await (await other.get(edit)).text());
		expect((await other.post(edit, { ...theirs, name: 'Northmere Homes Ltd' })).status).toBe(303);
		const res = await bu.post(edit, { ...mine, address: '1 High Street, Northmere' });
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(await pageText(new Response(html))).toContain('Someone else changed these details while you were editing');
		expect(html).toContain('Northmere Homes Ltd');
		expect(inputValues(html).address).toBe('1 High Street, Northmere');
		// Saving again from that page is a deliberate choice, and succeeds.
		expect((await bu.post(edit, inputValues(html))).status).toBe(303);
	});
});

describe('flash messages named in the address', () => {
	it('show nothing for a name that is not a message, even one every object has', async () => {
		const pages = [
			`${base()}/${ids.organisations['Northmere Homes']}?constructor`,
			`${base()}/${ids.organisations['Northmere Homes']}?membership=toString`,
			`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s11Northmere}?done=constructor`
		];
		for (const path of pages) {
			const res = await bu.get(path);
			expect(res.status).toBe(200);
			const text = await pageText(res);
			expect(text).not.toContain('native code');
			expect(text).not.toContain('Success');
		}
	});
});

describe('the independent chair', () => {
	it('reads the member list and each organisation, without the controls to change them', async () => {
		const chair = await new Client(server.url).signIn('chair@northmere.example.org');
		const overview = await (await chair.get(`/partnerships/${ids.partnerships.northmere}`)).text();
		expect(overview).toContain(`href="${base()}"`);
		const list = await chair.get(base());
		expect(list.status).toBe(200);
		const text = await pageText(list);
		expect(text).toContain('Oakfield Primary School');
		expect(text).not.toMatch(/Add an organisation|Import agencies/);
		const page = await pageText(await chair.get(`${base()}/${ids.organisations['Oakfield Primary School']}`));
		expect(page).toContain('Oakfield Primary School');
		expect(page).not.toMatch(/Change details|End membership|Invite a safeguarding lead|Withdraw|Remove/);
	});
});

/** A cycle's title as its page shows it. */
async function cycleTitle(client: Client, cycleId: string): Promise<string> {
	const html = await (await client.get(`/partnerships/${ids.partnerships.northmere}/cycles/${cycleId}`)).text();
	return /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(html)![1];
}

describe('ending a membership', () => {
	const page = () => `${base()}/${ids.organisations['Northmere Youth Justice Service']}`;

	it('asks for confirmation first, and works without JavaScript', async () => {
		expect((await bu.post(page(), { email: 'second.lead@nyjs.example.org' }, { action: 'inviteLead' })).status).toBe(303);
		const member = await pageText(await bu.get(page()));
		expect(member).toMatch(/Change details.*Remove.*Withdraw.*End membership/);

		const unconfirmed = await bu.post(page(), {}, { action: 'deactivate' });
		expect(unconfirmed.status).toBe(400);
		const html = await unconfirmed.text();
		expect(await pageText(new Response(html))).toContain("Tick the box to confirm you want to end Northmere Youth Justice Service's membership");
		expect(html).toMatch(/<input[^>]*id="confirm"[^>]*aria-describedby="confirm-error"/);
		expect(await pageText(await bu.get(page()))).not.toContain('Former member');

		const confirmed = await bu.post(page(), { confirm: 'yes' }, { action: 'deactivate' });
		expect(confirmed.status).toBe(303);
		const after = await pageText(await bu.get(confirmed.headers.get('location')!));
		expect(after).toContain('Former member');
		expect(after).toContain('The organisation is no longer a member');
	});

	it('leaves a former member’s page offering only what the business unit may still do', async () => {
		const html = await (await bu.get(page())).text();
		const text = await pageText(new Response(html));
		expect(text).toContain('Make a member again');
		expect(text).toContain('second.lead@nyjs.example.org');
		expect(text).not.toMatch(/Change details|End membership|Invite a safeguarding lead|Withdraw|Remove|Add to /);
		// What the page no longer offers is what the server refuses.
		const lead = /name="userId" value="([0-9a-f-]{36})"/.exec(html);
		expect(lead).toBeNull();
		const refused = [
			(await bu.get(`${page()}/edit`)).status,
			(await bu.post(page(), { email: 'third.lead@nyjs.example.org' }, { action: 'inviteLead' })).status,
			(await bu.post(page(), { confirm: 'yes' }, { action: 'deactivate' })).status,
			(await bu.post(page(), { cycleId: ids.cycles.s11Northmere }, { action: 'addToCycle' })).status
		];
		expect(refused).toEqual([403, 403, 403, 403]);
	});
});

describe('a newly added member organisation', () => {
	it('is offered the open cycles meant for its kind, and joins one from its page', async () => {
		const [s11, s175] = await Promise.all([cycleTitle(bu, ids.cycles.s11Northmere), cycleTitle(bu, ids.cycles.s175Northmere)]);
		const created = await bu.post(`${base()}/new`, { name: 'Northmere Sea Cadets', kind: 'agency', sector: 'voluntary' });
		expect(created.status).toBe(303);
		const page = created.headers.get('location')!;
		const offered = await pageText(await bu.get(page));
		expect(offered).toContain('Organisation added.');
		expect(offered).toContain(`Add to ${s11}`);
		expect(offered).not.toContain(`Add to ${s175}`);

		const added = await bu.post(new URL(page, server.url).pathname, { cycleId: ids.cycles.s11Northmere }, { action: 'addToCycle' });
		expect(added.status).toBe(303);
		const after = await pageText(await bu.get(added.headers.get('location')!));
		expect(after).toContain(`Added to ${s11}`);
		expect(after).not.toContain(`Add to ${s11}`);
		expect(await pageText(await bu.get(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s11Northmere}`))).toContain('Northmere Sea Cadets');
	});
});
