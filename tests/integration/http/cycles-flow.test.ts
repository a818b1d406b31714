// A business unit running a cycle over HTTP: extensions, closing and
// reopening, and what the cycle page says about each organisation's return.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { ukToday } from '../../../src/lib/domain/cycles';

const ids = inject('demoIds');
let server: TestServer;
let bu: Client;
const nm = () => `/partnerships/${ids.partnerships.northmere}`;

beforeAll(async () => {
	server = await startTestServer();
	bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
}, 120_000);
afterAll(() => server.stop());

/** Last year's Section 11 cycle in the demo: closed, with a return sent late. */
async function closedCycle(): Promise<string> {
	const list = await (await bu.get(`${nm()}/cycles`)).text();
	for (const [, id] of list.matchAll(/href="[^"]*\/cycles\/([0-9a-f-]{36})">Section 11 audit/g)) {
		if ((await pageText(await bu.get(`${nm()}/cycles/${id}`))).includes('· Closed')) return id;
	}
	throw new Error('the demo has no closed Section 11 cycle');
}

describe('extensions', () => {
	it('are refused on a closed cycle, and never turn a late return into one on time', async () => {
		const cycle = `${nm()}/cycles/${await closedCycle()}`;
		const late = 'Northmere Youth Justice Service';
		const [day, month, year] = ukToday().split('-').reverse();
		const extend = { organisationId: ids.organisations[late], 'extendedTo-day': day, 'extendedTo-month': month, 'extendedTo-year': year };
		expect(await pageText(await bu.get(`${cycle}?state=late`))).toContain(late);

		const refused = await bu.post(cycle, extend, { action: 'extend' });
		expect(refused.status).toBe(409);
		expect(await pageText(refused)).toContain('This cycle is closed, so its deadlines cannot change');

		// Reopened, the cycle takes an extension; the return sent before it stays late on both pages.
		expect((await bu.post(cycle, {}, { action: 'reopen' })).status).toBe(303);
		expect((await bu.post(cycle, extend, { action: 'extend' })).status).toBe(303);
		const html = await (await bu.get(`${cycle}?state=late`)).text();
		expect(await pageText(new Response(html))).toContain(late);
		const submission = new RegExp(`/submissions/([0-9a-f-]{36})">Version \\d+<span class="govuk-visually-hidden">\\s*from ${late}`).exec(html)![1];
		expect(await pageText(await bu.get(`${nm()}/submissions/${submission}`))).toMatch(/Submitted .* Late/);
	});
});
