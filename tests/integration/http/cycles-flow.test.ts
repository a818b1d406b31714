// A business unit running a cycle over HTTP: extensions, closing and
// reopening, and what the cycle page says about each organisation's return.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText, type FormBody } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
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

const DAY = 86_400_000;
const daysFromToday = (n: number) => new Date(Date.parse(`${ukToday()}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const dateFields = (name: string, date: string) => {
	const [year, month, day] = date.split('-');
	return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};
const titleOf = (html: string) => /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(html)![1];

/** The new cycle form for the Section 11 template, as the page fills it in. */
async function newCycleForm(): Promise<{ path: string; form: FormBody }> {
	const path = `${nm()}/cycles/new?template=${ids.templates.s11}`;
	const html = await (await bu.get(path)).text();
	return { path, form: { ...inputValues(html), standardCodes: ['1', '2'], organisationIds: checkedOrganisations(html) } };
}

/** Each organisation checkbox on a page: whether it is ticked and whether the filter hides it. */
function organisationBoxes(html: string): Map<string, { checked: boolean; hidden: boolean }> {
	const boxes = new Map<string, { checked: boolean; hidden: boolean }>();
	for (const [, item, input] of html.matchAll(/<div class="govuk-checkboxes__item[^"]*"([^>]*)>(?:\s|<!--[^>]*-->)*<input([^>]*name="organisationIds"[^>]*)>/g)) {
		boxes.set(/value="([0-9a-f-]{36})"/.exec(input)![1], { checked: /\bchecked\b/.test(input), hidden: /\bhidden\b/.test(item) });
	}
	return boxes;
}
const checkedOrganisations = (html: string) => [...organisationBoxes(html)].filter(([, b]) => b.checked).map(([id]) => id);

describe('starting a new cycle', () => {
	it('without a template chosen, says so beside the choice', async () => {
		const res = await bu.get(`${nm()}/cycles/new?template=`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(await pageText(new Response(html))).toMatch(/There is a problem .*Select the template organisations will complete/);
		expect(html).toMatch(/<fieldset[^>]*aria-describedby="template-error"/);
		expect(html).toContain('href="#template"');
	});

	it('warns about a deadline that has passed, keeping what was typed, and starts the cycle only once that is confirmed', async () => {
		const { path, form } = await newCycleForm();
		const body: Record<string, string | string[]> = { ...form, title: 'Backdated pilot', ...dateFields('opensOn', daysFromToday(-20)), ...dateFields('closesOn', daysFromToday(-1)) };
		const warned = await bu.post(path, body);
		expect(warned.status).toBe(400);
		const html = await warned.text();
		expect(await pageText(new Response(html))).toContain('This deadline has already passed: change it, or tick the box to confirm you want a deadline in the past');
		expect(inputValues(html)).toMatchObject({ title: 'Backdated pilot', 'closesOn-day': String(Number(body['closesOn-day'])) });
		expect(checkedOrganisations(html).sort()).toEqual([...(form.organisationIds as string[])].sort());
		const started = await bu.post(path, { ...body, pastDeadline: 'yes' });
		expect(started.status).toBe(303);
		expect(await pageText(await bu.get(started.headers.get('location')!))).toContain('Backdated pilot');
	});

	it('filters the organisations by name and selects all those shown, without JavaScript, keeping every other choice', async () => {
		const { path, form } = await newCycleForm();
		const police = ids.organisations['Mercia Vale Police'];
		const oakfield = ids.organisations['Oakfield Primary School'];
		const filtered = await bu.post(path, { ...form, title: 'Primary schools and the police', organisationIds: [police], participantFilter: 'primary', intent: 'filter' });
		expect(filtered.status).toBe(200);
		const html = await filtered.text();
		expect(inputValues(html)).toMatchObject({ title: 'Primary schools and the police', participantFilter: 'primary' });
		const boxes = organisationBoxes(html);
		expect(boxes.get(police)).toEqual({ checked: true, hidden: true });
		expect(boxes.get(oakfield)).toEqual({ checked: false, hidden: false });

		const all = await bu.post(path, { ...inputValues(html), standardCodes: ['1'], organisationIds: [police], intent: 'select_all' });
		expect(all.status).toBe(200);
		const selected = organisationBoxes(await all.text());
		const shown = [...selected].filter(([, b]) => !b.hidden);
		expect(shown.length).toBeGreaterThan(5);
		expect(shown.every(([, b]) => b.checked)).toBe(true);
		expect(selected.get(police)!.checked).toBe(true);
		expect([...selected].filter(([, b]) => b.checked)).toHaveLength(shown.length + 1);

		const started = await bu.post(path, { ...form, title: 'Primary schools and the police', organisationIds: [...selected].filter(([, b]) => b.checked).map(([id]) => id) });
		expect(started.status).toBe(303);
		const page = await pageText(await bu.get(started.headers.get('location')!));
		const cycle = page.slice(page.indexOf('Organisation Deadline Status'), page.indexOf('Give an organisation more time'));
		expect(cycle).toContain('Oakfield Primary School');
		expect(cycle).toContain('Mercia Vale Police');
		expect(cycle).not.toContain('Northmere Academy');
	});
});

describe('adding organisations to a cycle', () => {
	it('selects all the members the filter shows, without JavaScript', async () => {
		const cycle = `${nm()}/cycles/${ids.cycles.s11Northmere}`;
		const res = await bu.post(cycle, { participantFilter: 'school', intent: 'select_all' }, { action: 'add' });
		expect(res.status).toBe(200);
		const boxes = [...organisationBoxes(await res.text())];
		const shown = boxes.filter(([, b]) => !b.hidden);
		expect(shown.length).toBeGreaterThan(0);
		expect(shown.every(([, b]) => b.checked)).toBe(true);
		expect(boxes.filter(([, b]) => b.hidden).every(([, b]) => !b.checked)).toBe(true);
	});

	it('is refused on a closed cycle, which no longer offers it; closing asks for confirmation; the audit log names the cycle', async () => {
		const cycle = `${nm()}/cycles/${ids.cycles.s175Northmere}`;
		const open = await (await bu.get(cycle)).text();
		const title = titleOf(open);
		expect(open).toContain('Add organisations');
		const added = await bu.post(cycle, { organisationIds: ids.organisations['Northmere Homes'] }, { action: 'add' });
		expect(added.status).toBe(303);

		const unconfirmed = await bu.post(cycle, {}, { action: 'close' });
		expect(unconfirmed.status).toBe(400);
		expect(await pageText(unconfirmed)).toContain('Tick the box to confirm you want to close the cycle');
		expect(await pageText(await bu.get(cycle))).not.toContain('· Closed');
		expect((await bu.post(cycle, { confirm: 'yes' }, { action: 'close' })).status).toBe(303);

		const closed = await pageText(await bu.get(cycle));
		expect(closed).toContain('· Closed');
		expect(closed).not.toContain('Add organisations');
		const refused = await bu.post(cycle, { organisationIds: ids.organisations['Northmere Families Together'] }, { action: 'add' });
		expect(refused.status).toBe(409);
		expect(await pageText(refused)).toContain('This cycle is closed, so no organisations can be added. Reopen the cycle to add one.');
		expect(await pageText(await bu.get(cycle))).not.toContain('Northmere Families Together');

		for (const action of ['cycle.close', 'cycle.add_participants']) {
			const log = await pageText(await bu.get(`${nm()}/audit-log?action=${action}`));
			expect(log).toContain(`Cycle: ${title}`);
		}
		expect((await bu.post(cycle, {}, { action: 'reopen' })).status).toBe(303);
	});
});

describe('the audit log', () => {
	it('names the cycle a submission was sent to, not its id, for entries written before it did', async () => {
		const html = await (await bu.get(`${nm()}/audit-log?action=submission.create`)).text();
		const text = await pageText(new Response(html));
		expect(text).toMatch(/Cycle: Section 11 audit/);
		expect(text).not.toMatch(/cycle: [0-9a-f]{8}-/);
	});
});

describe('the partnership overview', () => {
	it('shows the business unit how far each open cycle has got, each count linked to the cycle page filtered by it', async () => {
		const html = await (await bu.get(nm())).text();
		const counts: Record<string, number> = {};
		for (const state of ['returned', 'in_progress', 'not_started', 'overdue']) {
			const link = new RegExp(`href="${nm()}/cycles/${ids.cycles.s11Northmere}\\?state=${state}">(\\d+)<`).exec(html);
			expect(link, state).not.toBeNull();
			counts[state] = Number(link![1]);
		}
		const cycle = await (await bu.get(`${nm()}/cycles/${ids.cycles.s11Northmere}`)).text();
		const onCyclePage = (label: string) => Number(new RegExp(`>${label} \\((\\d+)\\)<`).exec(cycle)![1]);
		expect(counts).toEqual({
			returned: onCyclePage('Submitted') + onCyclePage('Submitted late'),
			in_progress: onCyclePage('In progress'),
			not_started: onCyclePage('Not started'),
			overdue: onCyclePage('Overdue')
		});
		const returned = await (await bu.get(`${nm()}/cycles/${ids.cycles.s11Northmere}?state=returned`)).text();
		expect([...returned.matchAll(/\/submissions\/[0-9a-f-]{36}"/g)]).toHaveLength(counts.returned);
	});

	it.each([
		['business.unit@northmere.example.org', { members: true, people: true, cycleLinks: true }],
		['chair@northmere.example.org', { members: true, people: false, cycleLinks: true }],
		['moderator@northmere.example.org', { members: false, people: false, cycleLinks: true }],
		['board@northmere.example.org', { members: false, people: false, cycleLinks: false }]
	])('as %s counts only what that role may open, and every link on it opens', async (email, sees) => {
		const client = await new Client(server.url).signIn(email);
		const html = await (await client.get(nm())).text();
		const main = /<main[\s\S]*<\/main>/.exec(html)![0];
		const text = await pageText(new Response(main));
		expect(text).toContain('Open audit cycles');
		expect(text.includes('agencies')).toBe(sees.members);
		expect(/partnership users|invitations waiting/.test(text)).toBe(sees.people);
		expect(main.includes(`/cycles/${ids.cycles.s11Northmere}?state=overdue`)).toBe(sees.cycleLinks);
		const links = [...new Set([...main.matchAll(/href="(\/partnerships\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')))];
		const statuses = await Promise.all(links.map(async (link) => [link, (await client.get(link)).status] as const));
		expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
	});
});
