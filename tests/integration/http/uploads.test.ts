// Uploading a file that cannot be used, to the two import pages: each mistake is
// a plain message beside the file field, with the page and its form, never a
// bare error page or the parser's own words.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { Client, pageText } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { shippedTemplate } from '../../helpers/templates';
import { writeTemplateWorkbook } from '../../../src/lib/server/import/template-xlsx-writer';

const ids = inject('demoIds');
let server: TestServer;
let bu: Client;
const nm = () => `/partnerships/${ids.partnerships.northmere}`;
const csvImport = () => `${nm()}/organisations/import`;
const templateImport = () => `${nm()}/templates/import`;

beforeAll(async () => {
	server = await startTestServer();
	bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
}, 120_000);
afterAll(() => server.stop());

function upload(path: string, name: string, body: BlobPart, type: string, action?: string) {
	const form = new FormData();
	form.set('file', new File([body], name, { type }));
	return bu.postMultipart(path, form, { action });
}
const uploadCsv = (name: string, body: BlobPart, type = 'text/csv') => upload(csvImport(), name, body, type, 'preview');
const uploadTemplate = (name: string, body: BlobPart, type = 'application/yaml') => upload(templateImport(), name, body, type);

/** The page as it answers: the status, the message beside the file field, and whether the form is there to try again. */
async function answer(res: Response) {
	const html = await res.text();
	const message = /<p id="file-error" class="govuk-error-message">([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/<[^>]+>/g, '').replace('Error:', '').trim();
	return {
		status: res.status,
		message,
		summary: html.includes('href="#file"'),
		form: /<input[^>]*id="file"[^>]*type="file"[^>]*aria-describedby="file-error"/.test(html),
		text: await pageText(new Response(html))
	};
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TEXT = 'name,sector\nNorthmere Hospice,charity\n';
/** The start of a PNG image: binary, with NUL bytes. */
const BINARY = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]);

describe('the CSV import of agencies', () => {
	it('says a binary file is not a text CSV file, without its bytes or the parser’s words', async () => {
		const workbook = new Uint8Array(await writeTemplateWorkbook(shippedTemplate('themed')));
		for (const [name, body, type] of [['agencies.csv', BINARY, 'text/csv'], ['agencies.csv', workbook, 'text/csv'], ['agencies.xlsx', workbook, XLSX]] as const) {
			const res = await answer(await uploadCsv(name, body, type));
			expect(res, name).toMatchObject({ status: 400, summary: true, form: true });
			expect(res.message).toMatch(/^The selected file is not a text CSV file\./);
			expect(res.text).not.toMatch(/PK|PNG|\\u00|Invalid Opening Quote|field 0/);
		}
	});

	it('reads a CSV by what it holds, whatever its name says', async () => {
		const res = await answer(await uploadCsv('agencies.xlsx', CSV_TEXT, XLSX));
		expect(res.status).toBe(200);
		expect(res.text).toContain('1 row: 1 to import, 0 with errors');
	});

	it('says a file with a stray quote mark cannot be read, in plain words', async () => {
		const res = await answer(await uploadCsv('agencies.csv', 'name,sector\n"Northmere Hospice,charity\n'));
		expect(res.status).toBe(400);
		expect(res.message).toBe('The file has a quote mark (") that is never closed. Save the spreadsheet as CSV again and select that file');
	});

	it('says an empty file is empty, and asks for a file when none was chosen', async () => {
		expect(await answer(await uploadCsv('agencies.csv', ''))).toMatchObject({ status: 400, message: 'The selected file is empty', summary: true, form: true });
		expect(await answer(await uploadCsv('', '', 'application/octet-stream'))).toMatchObject({ status: 400, message: 'Select a CSV file', form: true });
	});

	it('answers a file over its limit with the form and a message, however large', async () => {
		const over = 'name,sector\n' + 'Northmere Hospice,charity\n'.repeat(90_000);
		expect(await answer(await uploadCsv('agencies.csv', over))).toMatchObject({ status: 413, message: 'The selected file must be smaller than 2MB', summary: true, form: true });
		// Over the whole server's request limit (BODY_SIZE_LIMIT) too: not a bare 413 page.
		const huge = new Uint8Array(22 * 1024 * 1024).fill(0x41);
		expect(await answer(await uploadCsv('agencies.csv', huge))).toMatchObject({ status: 413, message: 'The selected file must be smaller than 2MB', summary: true, form: true });
	});
});

describe('the template import', () => {
	it('says a CSV renamed .xlsx is not an Excel workbook, whatever its name says', async () => {
		const res = await answer(await uploadTemplate('template.xlsx', 'id,title\nnorthmere-csv,A template\n', XLSX));
		expect(res).toMatchObject({ status: 400, summary: true, form: true });
		expect(res.message).toMatch(/^The selected file is not an Excel workbook, although its name ends in \.xlsx/);
		expect(await answer(await uploadTemplate('template.csv', 'id,title\n', 'text/csv'))).toMatchObject({ status: 400, message: expect.stringMatching(/^The selected file is a CSV file/) });
	});

	it('says a binary file is not a template file', async () => {
		const res = await answer(await uploadTemplate('template.yaml', BINARY, 'application/octet-stream'));
		expect(res).toMatchObject({ status: 400, message: 'The selected file must be an Excel workbook (.xlsx), or a YAML or JSON template file', summary: true, form: true });
		expect(res.text).not.toMatch(/PNG|\\u00|YAML or JSON:/);
	});

	it('says an empty file is empty, and asks for a file when none was chosen', async () => {
		expect(await answer(await uploadTemplate('template.yaml', ''))).toMatchObject({ status: 400, message: 'The selected file is empty', form: true });
		expect(await answer(await uploadTemplate('', '', 'application/octet-stream'))).toMatchObject({ status: 400, message: 'Select a template file', form: true });
	});

	it('answers a file over its limit with the form and a message, however large', async () => {
		expect(await answer(await uploadTemplate('template.yaml', 'x'.repeat(6 * 1024 * 1024)))).toMatchObject({ status: 413, message: 'The selected file must be smaller than 5MB', form: true });
		const huge = new Uint8Array(22 * 1024 * 1024).fill(0x41);
		expect(await answer(await uploadTemplate('template.yaml', huge))).toMatchObject({ status: 413, message: 'The selected file must be smaller than 5MB', summary: true, form: true });
	});

	it('refuses a YAML alias bomb in its own words, beside the field', async () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
		const res = await answer(await uploadTemplate('bomb.yaml', bomb));
		expect(res).toMatchObject({ status: 400, summary: true, form: true });
		expect(res.message).toBe('The file repeats blocks by reference (YAML aliases, written *name) more than 50 times. A template never needs that: write each value out in full');
		expect(res.text).not.toMatch(/resource exhaustion|Excessive alias/i);
	});

	it('names the next free version when the file’s version is published and newer ones exist', async () => {
		const t = shippedTemplate('themed');
		const published = await answer(await uploadTemplate('t.yaml', stringify(t)));
		expect(published.message).toBe(`Version ${t.version} of “${t.id}” is published and cannot change: give the file version ${t.version + 1}`);

		const next = { ...t, version: t.version + 1 };
		const draft = await uploadTemplate('t.yaml', stringify(next));
		expect(draft.status).toBe(303);
		expect((await bu.post(new URL(draft.headers.get('location')!, server.url).pathname, {}, { action: 'publish' })).status).toBe(303);
		const after = await answer(await uploadTemplate('t.yaml', stringify(t)));
		expect(after.message).toBe(`Version ${t.version} of “${t.id}” is published and cannot change: give the file version ${t.version + 2}`);

		expect((await uploadTemplate('t.yaml', stringify({ ...t, version: t.version + 2 }))).status).toBe(303);
		const withDraft = await answer(await uploadTemplate('t.yaml', stringify(t)));
		expect(withDraft.message).toBe(`Version ${t.version} of “${t.id}” is published and cannot change: give the file version ${t.version + 3} (or version ${t.version + 2} to replace your draft of it)`);
	});

	it('says how many problems a file has, in the singular too', async () => {
		const t = shippedTemplate('themed');
		t.id = 'northmere-one-problem';
		t.standards[0].requirements[0].text = '';
		expect((await answer(await uploadTemplate('t.yaml', stringify(t)))).message).toBe('The template has 1 problem: fix it and upload it again');
	});
});
