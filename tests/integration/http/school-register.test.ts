// The business unit's school register import over HTTP, as a browser without
// JavaScript does it: the upload streamed, a preview page, the apply, and
// every refusal a message beside its field with what was typed kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { giasFile, writeLargeGiasFile } from '../../helpers/gias';

const ids = inject('demoIds');
let server: TestServer;
let bu: Client;
const base = () => `/partnerships/${ids.partnerships.northmere}/organisations`;
const page = () => `${base()}/register`;

beforeAll(async () => {
	server = await startTestServer();
	bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
}, 120_000);
afterAll(() => server.stop());

/** A file's bytes as the browser would send them. */
const asBlob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

function upload(laCodes: string, file?: Blob, name = 'edubasealldata.csv') {
	const form = new FormData();
	form.set('laCodes', laCodes);
	if (file) form.set('file', file, name);
	return bu.postMultipart(page(), form, { action: 'preview' });
}

describe('the school register import page', () => {
	it('starts with the local-authority codes of the partnership’s schools already imported', async () => {
		const html = await (await bu.get(page())).text();
		expect(inputValues(html).laCodes).toBe('999');
		expect(await pageText(await bu.get(base()))).toContain('Import schools from the national register');
	});

	it('refuses a file that is not the register, bad codes and no file, each beside its field, keeping the codes typed', async () => {
		const notGias = await upload('885', new Blob(['name,sector\nNorthmere Hospice,charity\n']));
		expect(notGias.status).toBe(400);
		const html = await notGias.text();
		expect(await pageText(new Response(html))).toContain('The file is not an establishment file from Get Information About Schools');
		expect(inputValues(html).laCodes).toBe('885');

		const badCodes = await upload('Worcestershire', asBlob(giasFile([{ urn: '760001', name: 'A School' }])));
		expect(badCodes.status).toBe(400);
		const badHtml = await badCodes.text();
		expect(await pageText(new Response(badHtml))).toContain('Enter local authority codes of 3 digits, separated by commas, like 885, 886');
		expect(inputValues(badHtml).laCodes).toBe('Worcestershire');

		const none = await upload('885');
		expect(await pageText(none)).toContain('Select the establishment CSV file from Get Information About Schools');
		const elsewhere = await upload('123', asBlob(giasFile([{ urn: '760001', name: 'A School' }])));
		expect(await pageText(elsewhere)).toContain('The file has no open or closed establishments with local authority code 123');
	});

	it('previews a file, applies it once, and shows a new school’s phase and head on its page', async () => {
		const file = giasFile([
			{ urn: '760010', name: 'Heather Primary School', la: '885', phase: 'Primary', headFirst: 'Pat', headLast: 'Green', pupils: '187', trust: 'St Thérèse’s Trust' },
			{ urn: '76001x', name: 'Broken Row', la: '885' },
			{ urn: '990100', name: 'Oakfield Primary School', la: '999', laName: 'Northmere', phase: 'Primary', headFirst: 'Dee', headLast: 'Ess' }
		], 'windows-1252');
		const preview = await upload('885, 999', asBlob(file));
		expect(preview.status).toBe(303);
		const at = preview.headers.get('location')!;
		const text = await pageText(await bu.get(`${page()}${at}`));
		expect(text).toContain('read as Windows-1252');
		expect(text).toMatch(/New schools\s*1 school/);
		expect(text).toMatch(/Schools whose details change\s*1 school/);
		expect(text).toContain('Heather Primary School');
		expect(text).toMatch(/3\s*The URN “76001x” is not 6 or 7 digits/);
		expect(text).toContain('Import 2 schools and skip 1 row');

		const importId = new URLSearchParams(at.slice(1)).get('import')!;
		const applied = await bu.post(`${page()}?import=${importId}&/apply`, { importId });
		expect(applied.status).toBe(303);
		const done = await pageText(await bu.get(`${page()}${applied.headers.get('location')}`));
		expect(done).toContain('The register has been imported');
		expect(done).toMatch(/Added\s*1 school/);

		const again = await bu.post(`${page()}?import=${importId}&/apply`, { importId });
		expect(again.status).toBe(409);
		expect(await pageText(again)).toContain('This preview has already been applied');

		const search = await (await bu.get(`${base()}?q=760010`)).text();
		const id = /organisations\/([0-9a-f-]{36})"[^>]*>Heather Primary School/.exec(search)?.[1];
		expect(id).toBeTruthy();
		const school = await pageText(await bu.get(`${base()}/${id}`));
		expect(school).toMatch(/Phase\s*Primary/);
		expect(school).toMatch(/Headteacher\s*Pat Green/);
		expect(school).toMatch(/Pupils\s*187/);
		expect(school).toMatch(/Trust\s*St Thérèse.s Trust/);
	});

	it('streams a national file of 50,000 rows and previews the chosen local authorities’ schools', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gias-http-'));
		try {
			const big = path.join(dir, 'national.csv');
			await writeLargeGiasFile(big, 50_000);
			const preview = await upload('805, 806', await fs.openAsBlob(big));
			expect(preview.status).toBe(303);
			const text = await pageText(await bu.get(`${page()}${preview.headers.get('location')}`));
			expect(text).toMatch(/Rows read\s*50,000 rows/);
			expect(text).toMatch(/New schools\s*1,000 schools/);
			expect(text).toMatch(/Rows that cannot be read, to be skipped\s*0 rows/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 180_000);
});
