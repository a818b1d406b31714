// Input no page of ours sends but anyone can: control characters, repeated or
// out-of-range values, impossible dates, lengths the database refuses. Each is
// answered as a mistake a person can put right (a 4xx with a message, or the
// text kept without the stray character), never with a 500.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { Client, pageText, type FormBody } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { shippedTemplate } from '../../helpers/templates';

const ids = inject('demoIds');
let server: TestServer;
let lead: Client;
let bu: Client;
let admin: Client;
const NUL = '\u0000';
const police = () => ids.organisations['Mercia Vale Police'];
const ret = () => `/organisations/${police()}/returns/${ids.police.returnId}`;
const nm = () => `/partnerships/${ids.partnerships.northmere}`;

beforeAll(async () => {
	server = await startTestServer();
	[lead, bu, admin] = await Promise.all([
		new Client(server.url).signIn('lead@police.example.org'),
		new Client(server.url).signIn('business.unit@northmere.example.org'),
		new Client(server.url).signIn('admin@example.org')
	]);
}, 120_000);
afterAll(() => server.stop());

const autosave = (client: Client, code: string, body: unknown) =>
	client.request(`${ret()}/responses/${code}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});

const formOf = async (client: Client, path: string) => inputValues(await (await client.get(path)).text());

const uploadTemplate = (client: Client, name: string, body: string) => {
	const form = new FormData();
	form.set('file', new File([body], name, { type: 'application/yaml' }));
	return client.postMultipart(`${nm()}/templates/import`, form);
};

/** A new cycle's form as the page fills it in, for the given template. */
async function newCycleForm(template = ids.templates.s11): Promise<{ path: string; form: FormBody }> {
	const path = `${nm()}/cycles/new?template=${template}`;
	const html = await (await bu.get(path)).text();
	const checked = [...html.matchAll(/name="organisationIds"[^>]*value="([0-9a-f-]{36})"[^>]*checked/g)].map((m) => m[1]);
	return { path, form: { ...inputValues(html), standardCodes: ['1', '2'], organisationIds: checked } };
}

describe('a NUL character in what is typed', () => {
	it('is taken out of forms, JSON, query strings and uploaded files, never a 500', async () => {
		const anonymous = new Client(server.url);
		const signatory = await new Client(server.url).signIn('director@police.example.org');
		const action = `${ret()}/actions/${ids.police.actionId}`;
		const homes = `${nm()}/organisations/${ids.organisations['Northmere Homes']}/edit`;
		const narrative = await autosave(lead, '6.3', { grade: null, naReason: '', narrative: `a${NUL}b`, version: Number((await formOf(lead, `${ret()}/standards/6`))['version-6.3']) });
		const standard = { ...(await formOf(lead, `${ret()}/standards/2`)), 'narrative-2.1': `abc${NUL}def` };
		const cycle = await newCycleForm();
		const template = shippedTemplate('themed') as unknown as Record<string, unknown>;
		template.id = 'northmere-nul';
		template.title = `Themed${NUL} audit`;

		const answers: [string, Response][] = [
			['sign-in', await anonymous.post('/sign-in', { email: `a${NUL}@example.org`, password: 'x' })],
			['password reset', await anonymous.post('/password-reset', { email: `a${NUL}@example.org` })],
			['autosave', narrative],
			['standard form', await lead.post(`${ret()}/standards/2`, standard, { action: 'save' })],
			['action', await lead.post(action, { ...(await formOf(lead, action)), owner: `Head of${NUL} safeguarding` }, { action: 'save' })],
			['organisation edit', await bu.post(homes, { ...(await formOf(bu, homes)), name: `Northmere${NUL} Homes`, address: `1 High${NUL} Street` })],
			['new organisation', await bu.post(`${nm()}/organisations/new`, { name: `Northmere${NUL} Hospice`, kind: 'other', sector: 'voluntary' })],
			['new cycle', await bu.post(cycle.path, { ...cycle.form, title: `Pilot${NUL} cycle` })],
			['account name', await lead.post('/account', { ...(await formOf(lead, '/account')), name: `DCI Karen${NUL} Walsh` }, { action: 'name' })],
			['invitation', await lead.post(`/organisations/${police()}/users`, { email: `new${NUL}.person@police.example.org`, name: `New${NUL} Person`, role: 'contributor' }, { action: 'invite' })],
			['sign-off', await signatory.post(`${ret()}/check`, { capacity: 'executive_lead', name: `ACC Fiona${NUL} Grant`, role: '', confirm: 'yes' }, { action: 'sign' })],
			['new partnership', await admin.post('/admin/partnerships/new', { name: `Westmere${NUL} partnership`, area: '', contactName: `Jo${NUL} Smith`, email: 'jo@westmere.example.org' })],
			['admin accounts search', await admin.get(`/admin/users?q=${encodeURIComponent(NUL)}`)],
			['admin audit log', await admin.get(`/admin/audit-log?actor=${encodeURIComponent(NUL)}`)],
			['partnership audit log', await bu.get(`${nm()}/audit-log?actor=${encodeURIComponent(NUL)}&action=${encodeURIComponent(NUL)}`)],
			['organisations search', await bu.get(`${nm()}/organisations?q=${encodeURIComponent(NUL)}`)],
			['template comparison', await bu.get(`${nm()}/templates/${ids.templates.s11}?compare=${encodeURIComponent(NUL)}`)],
			['template upload (YAML)', await uploadTemplate(bu, 't.yaml', stringify(template).replace('Themed', `The${NUL}med`))],
			['template upload (JSON escape)', await uploadTemplate(bu, 't.json', JSON.stringify({ ...template, id: 'northmere-nul-json' }))],
			// Not NUL, but as fatal to jsonb: half of a UTF-16 surrogate pair, escaped.
			['template upload (unpaired surrogate)', await uploadTemplate(bu, 't.json', JSON.stringify({ ...template, id: 'northmere-surrogate', title: 'Themed' }).replace('"title":"', '"title":"\\ud800'))]
		];
		const failed = answers.filter(([, res]) => res.status >= 500).map(([what, res]) => `${what}: ${res.status}`);
		expect(failed).toEqual([]);
		expect(answers.find(([what]) => what === 'standard form')![1].status).toBe(303);
		expect(answers.find(([what]) => what === 'autosave')![1].status).toBe(200);
		expect(answers.find(([what]) => what === 'template upload (JSON escape)')![1].status).toBe(303);
		expect((await formOf(lead, `${ret()}/standards/2`))['narrative-2.1']).toBe('abcdef');
		expect((await formOf(lead, `${ret()}/standards/6`))['narrative-6.3']).toBe('ab');
	});
});

describe('submitting to the same cycle twice in one post', () => {
	it('sends one submission', async () => {
		const ambulance = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
		const ambulanceLead = await new Client(server.url).signIn('lead@mercia-vale-ambulance-service-nhs-trust.example.org');
		const home = await (await ambulanceLead.get(`/organisations/${ambulance}`)).text();
		const returnId = new RegExp(`/organisations/${ambulance}/returns/([0-9a-f-]{36})`).exec(home)![1];
		const cycle = ids.cycles.s11Northmere;
		const res = await ambulanceLead.post(`/organisations/${ambulance}/returns/${returnId}/check`, { cycleIds: [cycle, cycle] }, { action: 'submit' });
		expect(res.status).toBe(303);
		expect(new URL(res.headers.get('location')!, server.url).searchParams.get('submitted')!.split(',')).toHaveLength(1);

		// A second press of the button (a double click) lands on the same submission, not on a version 2 of the same content.
		const again = await ambulanceLead.post(`/organisations/${ambulance}/returns/${returnId}/check`, { cycleIds: cycle }, { action: 'submit' });
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe(res.headers.get('location'));
	});
});

describe('row versions out of range', () => {
	it.each([2147483648, 9007199254740991, -1, 1.5])('autosave answers version %s with a 400', async (version) => {
		const res = await autosave(lead, '6.4', { grade: null, naReason: '', narrative: 'x', version });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toBe('Reload the page and try again');
	});

	it.each(['abc', '1.5', '99999999999', '-1'])('the action form answers version %s with a 400', async (version) => {
		const path = `${ret()}/actions/${ids.police.actionId}`;
		const res = await lead.post(path, { ...(await formOf(lead, path)), version }, { action: 'save' });
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('Reload the page and try again');
	});

	it('the standard form, an organisation’s details and the account name answer 99999999999 with a 400', async () => {
		const standard = await lead.post(`${ret()}/standards/6`, { ...(await formOf(lead, `${ret()}/standards/6`)), 'narrative-6.5': 'Changed', 'version-6.5': '99999999999' }, { action: 'save' });
		const edit = `${nm()}/organisations/${ids.organisations['Oakfield Primary School']}/edit`;
		const organisation = await bu.post(edit, { ...(await formOf(bu, edit)), version: '99999999999' });
		const account = await lead.post('/account', { name: 'DCI Karen Walsh', version: '99999999999' }, { action: 'name' });
		expect([standard.status, organisation.status, account.status]).toEqual([400, 400, 400]);
		expect(await pageText(account)).toContain('Reload the page and try again');
	});
});

describe('lengths the database refuses', () => {
	it('an organisation’s name of one character, on the form, the edit page and a CSV import', async () => {
		const created = await bu.post(`${nm()}/organisations/new`, { name: 'X', kind: 'other', sector: 'voluntary' });
		expect(created.status).toBe(400);
		expect(await pageText(created)).toContain('Organisation name must be 2 characters or more');
		const edit = `${nm()}/organisations/${ids.organisations['Oakfield Primary School']}/edit`;
		expect((await bu.post(edit, { ...(await formOf(bu, edit)), name: '😀' })).status).toBe(400);

		const form = new FormData();
		form.set('file', new File(['name,sector\nX,charity\nNorthmere Food Bank,charity'], 'agencies.csv', { type: 'text/csv' }));
		const preview = await bu.postMultipart(`${nm()}/organisations/import`, form, { action: 'preview' });
		const html = await preview.text();
		expect(await pageText(new Response(html))).toContain('2 rows: 1 to import, 1 with errors');
		const done = await bu.post(`${nm()}/organisations/import`, { csv: inputValues(html).csv }, { action: 'import' });
		expect(done.status).toBe(303);
		expect(done.headers.get('location')).toContain('created=1');
	});

	it('a partnership’s name of one character and a cycle title of two', async () => {
		const partnership = await admin.post('/admin/partnerships/new', { name: 'Z', area: '', contactName: 'Jo Smith', email: 'jo@z.example.org' });
		expect(partnership.status).toBe(400);
		expect(await pageText(partnership)).toContain('Partnership name must be 2 characters or more');
		const cycle = await newCycleForm();
		const res = await bu.post(cycle.path, { ...cycle.form, title: 'AB' });
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('Title must be 3 characters or more');
	});
});

describe('dates in year 0000', () => {
	it('are refused with a message on an action’s due date and a cycle’s opening date', async () => {
		const path = `${ret()}/actions/${ids.police.actionId}`;
		const action = await lead.post(path, { ...(await formOf(lead, path)), 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '0000' }, { action: 'save' });
		expect(action.status).toBe(400);
		expect(await pageText(action)).toContain('The due date must be between 1 January 2000 and 31 December 2100');
		const cycle = await newCycleForm();
		const res = await bu.post(cycle.path, { ...cycle.form, 'opensOn-day': '1', 'opensOn-month': '1', 'opensOn-year': '0000' });
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('The opening date must be between 1 January 2000 and 31 December 2100');
	});
});

describe('the audit log’s date filter', () => {
	it.each([
		['from=2026-02-30', 'from', 'The from date must be a real date'],
		['to=2026-13-01', 'to', 'The to date must be a real date'],
		['from=0000-01-01', 'from', 'The from date must be between 1 January 2000 and 31 December 2100'],
		['to=9999-12-31', 'to', 'The to date must be between 1 January 2000 and 31 December 2100'],
		['from=2026-03-02&to=2026-03-01', 'to', 'The to date must be the same as or after the from date']
	])('says %s cannot be used, beside the field, and still applies the other filters', async (query, field, message) => {
		for (const [client, path] of [[bu, `${nm()}/audit-log`], [admin, '/admin/audit-log']] as const) {
			const res = await client.get(`${path}?${query}&action=cycle.create`);
			expect(res.status).toBe(200);
			const html = await res.text();
			const text = await pageText(new Response(html));
			expect(text).toContain('There is a problem');
			expect(text).toContain(message);
			expect(html).toMatch(new RegExp(`<input[^>]*id="${field}"[^>]*aria-describedby="${field}-error"`));
			const actions = [...html.matchAll(/<td class="govuk-table__cell app-code">([a-z_.]+)<\/td>/g)].map((m) => m[1]);
			expect(actions.length).toBeGreaterThan(0);
			expect(new Set(actions)).toEqual(new Set(['cycle.create']));
		}
	});
});

describe('the standard page without JavaScript', () => {
	it('treats a version for a requirement never answered as a conflict with an empty answer, keeping the text', async () => {
		// A return started afresh on a template the police force has never answered.
		const templates = await (await bu.get(`${nm()}/templates`)).text();
		const themed = /href="[^"]*\/templates\/([0-9a-f-]{36})"[^>]*>[^<]*exploitation/i.exec(templates)![1];
		const cycle = await newCycleForm(themed);
		const created = await bu.post(cycle.path, { ...cycle.form, title: 'Exploitation practice', organisationIds: [police()] });
		const cycleId = /cycles\/([0-9a-f-]{36})/.exec(created.headers.get('location')!)![1];
		const started = await lead.post(`/organisations/${police()}`, { cycleId }, { action: 'start' });
		const path = `${new URL(started.headers.get('location')!, server.url).pathname}/standards/1`;
		const form = await formOf(lead, path);
		const code = Object.keys(form).find((k) => k.startsWith('version-') && form[k] === '0')!.slice('version-'.length);
		const res = await lead.post(path, { ...form, [`version-${code}`]: '1', [`narrative-${code}`]: 'Typed on a page that said version 1.' }, { action: 'save' });
		expect(res.status).toBe(409);
		const html = await res.text();
		const text = await pageText(new Response(html));
		expect(text).toContain('An answer was changed by someone else while you were editing');
		expect(text).toContain('Their grade No grade Their narrative');
		expect(inputValues(html)[`narrative-${code}`]).toBe('Typed on a page that said version 1.');
		expect(inputValues(html)[`version-${code}`]).toBe('0');
	});
});

describe('importing a template whose id another partnership uses', () => {
	it('says the id is taken without telling anything about the other partnership', async () => {
		const t = shippedTemplate('themed');
		t.id = 'northmere-own-themed';
		expect((await uploadTemplate(bu, 't.yaml', stringify(t))).status).toBe(303);
		const eastbrook = await new Client(server.url).signIn('business.unit@eastbrook.example.org');
		const form = new FormData();
		form.set('file', new File([stringify(t)], 't.yaml', { type: 'application/yaml' }));
		const res = await eastbrook.postMultipart(`/partnerships/${ids.partnerships.eastbrook}/templates/import`, form);
		expect(res.status).toBe(409);
		const text = await pageText(res);
		expect(text).toContain('The id “northmere-own-themed” is already used by another template: choose a different id');
		expect(text).not.toMatch(/another partnership|has a draft|is published/i);
	});
});

describe('a new cycle', () => {
	it('records in the audit log how many organisations it was actually given', async () => {
		const cycle = await newCycleForm();
		const organisationIds = [police(), ids.organisations['Eastbrook Borough Council']];
		const res = await bu.post(cycle.path, { ...cycle.form, title: 'Participants counted', organisationIds });
		expect(res.status).toBe(303);
		const log = await pageText(await bu.get(`${nm()}/audit-log?action=cycle.create&actor=business.unit`));
		expect(/title: Participants counted, .*?participants: (\d+)/.exec(log)?.[1]).toBe('1');
	});
});
