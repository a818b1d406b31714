// The return's journeys over HTTP against the real server: autosave, the
// no-JavaScript form, conflicts, template import and publishing, new cycles.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { stringify } from 'yaml';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { shippedTemplate } from '../../helpers/templates';
import { writeTemplateWorkbook } from '../../../src/lib/server/import/template-xlsx-writer';

const ids = inject('demoIds');
let server: TestServer;
let lead: Client;
let contributor: Client;
let bu: Client;
const police = () => ids.organisations['Mercia Vale Police'];
const ret = () => `/organisations/${police()}/returns/${ids.police.returnId}`;

beforeAll(async () => {
	server = await startTestServer();
	[lead, contributor, bu] = await Promise.all([
		new Client(server.url).signIn('lead@police.example.org'),
		new Client(server.url).signIn('contributor@police.example.org'),
		new Client(server.url).signIn('business.unit@northmere.example.org')
	]);
}, 120_000);
afterAll(() => server.stop());

/** The standard page's save button (its form posts to ?/save). */
const SAVE = { action: 'save' };

const autosave = (client: Client, code: string, body: unknown, headers: Record<string, string> = {}) =>
	client.request(`${ret()}/responses/${code}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

describe('autosave', () => {
	it('saves one answer, then refuses the same stale version with the newer answer', async () => {
		const page = inputValues(await (await lead.get(`${ret()}/standards/6`)).text());
		const version = Number(page['version-6.1']);
		const first = await autosave(lead, '6.1', { grade: '2', naReason: '', narrative: 'Autosaved by the lead', version });
		expect(first.status).toBe(200);
		const saved = (await first.json()) as { version: number; savedAt: string; check: { status: string } };
		expect(saved.version).toBe(version + 1);
		const stale = await autosave(contributor, '6.1', { grade: '3', naReason: '', narrative: 'Contributor, from an old page', version });
		expect(stale.status).toBe(409);
		expect(await stale.json()).toMatchObject({ theirs: { narrative: 'Autosaved by the lead', grade: '2', by: 'DCI Karen Walsh' }, version: version + 1 });
	});

	it('leaves a carried-forward answer for review when it is sent back unchanged without the tick', async () => {
		const page = inputValues(await (await lead.get(`${ret()}/standards/3`)).text());
		const code = '3.5';
		const body = { grade: page[`grade-${code}`] ?? null, naReason: '', narrative: page[`narrative-${code}`], version: Number(page[`version-${code}`]) };
		const res = await autosave(lead, code, body);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ version: body.version, check: { carriedForward: true } });
		const confirmed = await autosave(lead, code, { ...body, confirm: true });
		expect(await confirmed.json()).toMatchObject({ version: body.version + 1, check: { carriedForward: false } });
	});

	it.each([
		['a grade not on the scale', { grade: 'excellent', naReason: '', narrative: 'x', version: 0 }, 400, 'Choose a grade from the scale'],
		['not applicable where the template forbids it', { grade: 'na', naReason: 'n/a', narrative: '', version: 0 }, 400, 'This requirement cannot be marked not applicable'],
		['a narrative beyond the limit', { grade: '2', naReason: '', narrative: 'x'.repeat(10_001), version: 0 }, 400, 'Narrative for 6.2 must be 10,000 characters or fewer'],
		['malformed JSON', '{"grade":', 400, 'The request was not valid JSON']
	])('answers %s with a clear 400, never a 500', async (_, body, status, message) => {
		const res = await autosave(lead, '6.2', body);
		expect(res.status).toBe(status);
		expect(((await res.json()) as { error: string }).error).toBe(message);
	});

	it('says which field a refused answer is about, so the page can show the error beside it', async () => {
		const long = await autosave(lead, '6.2', { grade: '2', naReason: '', narrative: 'x'.repeat(10_001), version: 0 });
		expect(await long.json()).toEqual({ error: 'Narrative for 6.2 must be 10,000 characters or fewer', field: 'narrative' });
		const grade = await autosave(lead, '6.2', { grade: 'excellent', naReason: '', narrative: 'x', version: 0 });
		expect(await grade.json()).toEqual({ error: 'Choose a grade from the scale', field: 'grade' });
	});

	it('counts the text as it is stored: spaces around it do not count towards the limit', async () => {
		const page = inputValues(await (await lead.get(`${ret()}/standards/6`)).text());
		const narrative = `  ${'y'.repeat(10_000)}\n  `;
		const res = await autosave(lead, '6.4', { grade: '2', naReason: '', narrative, version: Number(page['version-6.4']) });
		expect(res.status).toBe(200);
	});

	it('takes text already stored as saved, whichever version the page had (the same text from another tab is no conflict)', async () => {
		const page = inputValues(await (await lead.get(`${ret()}/standards/6`)).text());
		const version = Number(page['version-6.6']);
		const body = { grade: '3', naReason: '', narrative: 'The same words, sent from two tabs.', version };
		expect((await autosave(lead, '6.6', body)).status).toBe(200);
		const again = await autosave(lead, '6.6', body);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ version: version + 1 });
	});

	it('refuses a cross-site request, and a requirement the template does not have', async () => {
		expect((await autosave(lead, '6.2', {}, { origin: 'https://evil.example' })).status).toBe(403);
		expect((await autosave(lead, '9.9', { grade: '2', naReason: '', narrative: 'x', version: 0 })).status).toBe(404);
	});
});

describe('the standard page without JavaScript', () => {
	it('saves the whole standard with one post and says so', async () => {
		const form = inputValues(await (await lead.get(`${ret()}/standards/5`)).text());
		form['narrative-5.1'] = 'Saved through the no-JavaScript form, long enough to meet the minimum of one hundred characters for this template.';
		form['grade-5.1'] = '2';
		const res = await lead.post(`${ret()}/standards/5`, form, SAVE);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${ret()}/standards/5?saved`);
		expect(await pageText(await lead.get(`${ret()}/standards/5?saved`))).toContain('Your answers have been saved');
	});

	it('on a conflict saves nothing, shows both versions and keeps what the person typed', async () => {
		const stalePage = inputValues(await (await contributor.get(`${ret()}/standards/4`)).text());
		const fresh = inputValues(await (await lead.get(`${ret()}/standards/4`)).text());
		fresh['narrative-4.2'] = 'The newer text from the lead, saved first.';
		expect((await lead.post(`${ret()}/standards/4`, fresh, SAVE)).status).toBe(303);

		stalePage['narrative-4.2'] = 'Text from the contributor, on a page loaded earlier.';
		stalePage['narrative-4.3'] = 'An unrelated edit in the same post.';
		const res = await contributor.post(`${ret()}/standards/4`, stalePage, SAVE);
		expect(res.status).toBe(409);
		const html = await res.text();
		const text = await pageText(new Response(html));
		expect(text).toContain('An answer was changed by someone else while you were editing. Nothing has been saved yet');
		expect(text).toContain('The newer text from the lead, saved first.');
		const echoed = inputValues(html);
		expect(echoed['narrative-4.2']).toBe('Text from the contributor, on a page loaded earlier.');
		expect(echoed['narrative-4.3']).toBe('An unrelated edit in the same post.');
		const after = inputValues(await (await lead.get(`${ret()}/standards/4`)).text());
		expect(after['narrative-4.3']).not.toBe('An unrelated edit in the same post.');

		// Saving again from the 409 page replaces theirs knowingly.
		expect((await contributor.post(`${ret()}/standards/4`, echoed, SAVE)).status).toBe(303);
		expect(inputValues(await (await lead.get(`${ret()}/standards/4`)).text())['narrative-4.2']).toBe('Text from the contributor, on a page loaded earlier.');
	});

	it('refuses an over-long narrative beside the field, keeps the text, and does not call it complete', async () => {
		const form = inputValues(await (await lead.get(`${ret()}/standards/5`)).text());
		const long = `${'Our training records show every member of staff completed the course. '.repeat(150)}`;
		form['narrative-5.2'] = long;
		const res = await lead.post(`${ret()}/standards/5`, form, SAVE);
		expect(res.status).toBe(400);
		const html = await res.text();
		const message = 'Narrative for 5.2 must be 10,000 characters or fewer';
		expect(html).toContain(`<a href="#narrative-5-2">${message}</a>`);
		expect(html).toMatch(new RegExp(`<p id="narrative-5-2-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${message}</p>`));
		expect(inputValues(html)['narrative-5.2']).toBe(long);
		const section = html.slice(html.indexOf('id="heading-5-2"'), html.indexOf('id="heading-5-3"'));
		expect(section).toContain('Not saved');
		expect(section).not.toContain('>Complete<');
		expect(html).toContain('You can enter up to 10,000 characters');
	});

	it('tells a signatory they can read but not change the return', async () => {
		const signatory = await new Client(server.url).signIn('director@police.example.org');
		const text = await pageText(await signatory.get(`${ret()}/standards/1`));
		expect(text).toContain('You can read this self-assessment. Only contributors and the safeguarding lead can change it.');
	});
});

describe('confirm all unchanged answers in a standard', () => {
	const CONFIRM_ALL = { action: 'confirmAll' };
	const page7 = () => `${ret()}/standards/7`;
	const BUTTON = 'Confirm all unchanged answers in this standard';

	it('is refused to a signatory (403) and to another organisation’s people (404), and offered to neither', async () => {
		const signatory = await new Client(server.url).signIn('director@police.example.org');
		const otherLead = await new Client(server.url).signIn('lead@nhs.example.org');
		const form = inputValues(await (await lead.get(page7())).text());
		expect((await signatory.post(page7(), form, CONFIRM_ALL)).status).toBe(403);
		expect((await otherLead.post(page7(), form, CONFIRM_ALL)).status).toBe(404);
		expect(await pageText(await signatory.get(page7()))).not.toContain(BUTTON);
		expect(await pageText(await lead.get(page7()))).toContain(BUTTON);
	});

	it('is offered only where an answer waits for review', async () => {
		const html = await (await lead.get(`${ret()}/standards/1`)).text();
		expect(Object.keys(inputValues(html)).filter((k) => k.startsWith('carried-'))).toEqual([]);
		expect(await pageText(new Response(html))).not.toContain(BUTTON);
	});

	it('confirms the carried-forward answers left as they were, saves what was changed, and names one changed meanwhile', async () => {
		const form = inputValues(await (await lead.get(page7())).text());
		const carried = Object.keys(form).filter((k) => k.startsWith('carried-')).map((k) => k.slice('carried-'.length));
		expect(carried.length, 'the demo police return has carried-forward answers in standard 7').toBeGreaterThan(3);
		const [changed, edited, ...rest] = carried;
		// Someone else changes one after the page was loaded; the lead changes another in the same post.
		const meanwhile = { grade: form[`grade-${changed}`], naReason: '', narrative: 'Changed by the contributor meanwhile.', version: Number(form[`version-${changed}`]) };
		expect((await autosave(contributor, changed, meanwhile)).status).toBe(200);
		form[`narrative-${edited}`] = 'Updated by the lead while confirming the rest, long enough to count: arrangements reviewed this year and found to work.';

		const res = await lead.post(page7(), form, CONFIRM_ALL);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${page7()}?confirmed=${rest.length}&notConfirmed=${changed}`);
		const text = await pageText(await lead.get(res.headers.get('location')!));
		expect(text).toContain(`${rest.length} answers confirmed as still right.`);
		expect(text).toContain('This answer was changed after you opened the page, so it was not confirmed: check it again.');

		const after = inputValues(await (await lead.get(page7())).text());
		expect(Object.keys(after).filter((k) => k.startsWith('carried-'))).toEqual([]);
		expect(after[`narrative-${changed}`]).toBe('Changed by the contributor meanwhile.');
		expect(after[`narrative-${edited}`]).toBe(form[`narrative-${edited}`]);
		for (const code of rest) expect(after[`narrative-${code}`]).toBe(form[`narrative-${code}`]);
		// Nothing left to confirm: the button goes.
		expect(await pageText(await lead.get(page7()))).not.toContain(BUTTON);
	});
});

describe('the action plan', () => {
	it('keeps a person’s changes to an action someone else deleted meanwhile, as a new action', async () => {
		const page = `${ret()}/actions/${ids.police.actionId}`;
		const form = inputValues(await (await lead.get(page)).text());
		expect((await contributor.post(page, { confirm: 'yes' }, { action: 'delete' })).status).toBe(303);
		const description = 'Audit of referral quality by the named nurse, reported to the safeguarding board each quarter.';
		const saved = await lead.post(page, { ...form, description }, { action: 'save' });
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`${ret()}/actions?done=restored`);
		const list = await pageText(await lead.get(saved.headers.get('location')!));
		expect(list).toContain('Someone else deleted that action while you were changing it, so your version has been saved as a new action.');
		expect(list).toContain(description);
	});
});

describe('templates', () => {
	const templates = () => `/partnerships/${ids.partnerships.northmere}/templates`;
	const upload = (name: string, body: BlobPart, type: string) => {
		const form = new FormData();
		form.set('file', new File([body], name, { type }));
		return bu.postMultipart(`${templates()}/import`, form);
	};

	it('lists every problem in a file by where it is, and saves nothing', async () => {
		const t = shippedTemplate('themed') as unknown as Record<string, unknown> & { standards: { requirements: { text: string }[] }[] };
		t.id = 'northmere-themed';
		t.standards[1].requirements[0].text = '';
		const res = await upload('t.yaml', stringify(t), 'application/yaml');
		expect(res.status).toBe(400);
		const text = await pageText(res);
		expect(text).toContain('The template has 1 problem: fix it and upload it again');
		expect(text).toContain('standards.1.requirements.0.text');
		expect(text).toContain('Requirement text is required');
	});

	it('imports a spreadsheet as a draft, shows the changes from the previous version, and publishes it', async () => {
		const t = shippedTemplate('section-11');
		t.version = 3;
		t.standards[0].requirements[0].text = 'A senior board-level lead, named in the annual report, is accountable for safeguarding.';
		const res = await upload('s11.xlsx', new Uint8Array(await writeTemplateWorkbook(t)), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.status).toBe(303);
		const draft = res.headers.get('location')!;
		const page = await pageText(await bu.get(draft));
		expect(page).toContain('Template checked and saved as a draft');
		expect(page).toContain(`Changes from version ${shippedTemplate('section-11').version} to version 3`);
		expect(page).toMatch(/Requirements: 0 added, 0 removed, 1 changed, 52 unchanged/);
		expect((await bu.post(draft.replace('?imported', ''), {}, { action: 'publish' })).status).toBe(303);
		expect(await pageText(await bu.get(`/partnerships/${ids.partnerships.northmere}/cycles/new`))).toContain('West Midlands Section 11 self-assessment (version 3)');
	});

	it('refuses a small spreadsheet that unpacks to far more than a template, with a clear message', async () => {
		const entries = unzipSync(new Uint8Array(await writeTemplateWorkbook(shippedTemplate('section-11'))));
		const bomb = zipSync({ ...entries, 'xl/media/padding.bin': [new Uint8Array(64 * 1024 * 1024).fill(32), { level: 9 }] });
		const res = await upload('bomb.xlsx', bomb, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('The file unpacks to more than 20 MB');
	});

	it('downloads a template as a spreadsheet, and records the download', async () => {
		const res = await bu.get(`${templates()}/${ids.templates.s11}/download`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(res.headers.get('content-disposition')).toBe(`attachment; filename="west-midlands-section-11-v${shippedTemplate('section-11').version}.xlsx"`);
		expect(new Uint8Array(await res.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
		expect(await pageText(await bu.get(`/partnerships/${ids.partnerships.northmere}/audit-log?action=template.download`))).toContain('template.download');
	});
});

describe('a new cycle', () => {
	it('is created for the members of the fitting kind and shows on their home page', async () => {
		const newPage = `/partnerships/${ids.partnerships.northmere}/cycles/new?template=${ids.templates.s11}`;
		const form = inputValues(await (await bu.get(newPage)).text());
		const html = await (await bu.get(newPage)).text();
		const checked = [...html.matchAll(/name="organisationIds"[^>]*value="([0-9a-f-]{36})"[^>]*checked/g)].map((m) => m[1]);
		expect(checked).toContain(police());
		expect(checked).not.toContain(ids.organisations['Oakfield Primary School']);
		const res = await bu.post(newPage, {
			...form,
			title: 'Stage two: standards 4 to 7',
			standardCodes: ['4', '5', '6', '7'],
			organisationIds: checked,
			'closesOn-day': '1',
			'closesOn-month': '1',
			'closesOn-year': '2020'
		});
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('The deadline must be on or after the opening date');
		const ok = await bu.post(newPage, { ...form, title: 'Stage two: standards 4 to 7', standardCodes: ['4', '5', '6', '7'], organisationIds: checked });
		expect(ok.status).toBe(303);
		expect(await pageText(await lead.get(`/organisations/${police()}`))).toContain('Stage two: standards 4 to 7');
	});
});
