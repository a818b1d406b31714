// Downloads from the pages people find them on: the business unit takes last
// year's Section 11 workbook and a CSV from the cycle page, and Oakfield's lead
// takes the school's full export from its page. Read-only: the files are read
// back with real readers, and each page is checked with axe.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ACTORS } from '../helpers/route-matrix';
import { zipEntries } from '../helpers/zip';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

test('the business unit downloads the cycle’s workbook and a CSV from the cycle page', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	await signIn(page, ACTORS.nm_bu);
	await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}`);
	const section = page.getByRole('region', { name: 'Exports' });
	await expect(section).toContainText('Responses (CSV)');
	await expectAccessible(page);

	const [xlsx] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Download the workbook (XLSX)' }).click()]);
	expect(xlsx.suggestedFilename()).toMatch(/export\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile(await xlsx.path());
	expect(workbook.worksheets.map((w) => w.name)).toEqual(['Organisations', 'Responses', 'Actions', 'Challenge log', 'Moderation']);
	expect(workbook.getWorksheet('Responses')!.rowCount).toBeGreaterThan(10);

	const [csv] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Organisations (CSV)' }).click()]);
	const bytes = fs.readFileSync(await csv.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
	expect(rows.map((r) => r.Organisation)).toContain('Mercia Vale Police');
	expect(problems).toEqual([]);
});

test('the board member is not offered the exports', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_board);
	const res = await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/export.xlsx`);
	expect(res?.status()).toBe(403);
});

test('a school’s lead downloads everything the school keeps in the portal from its page', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	await signIn(page, ACTORS.school_lead);
	await page.goto(`/organisations/${ids.organisations['Oakfield Primary School']}`);
	const section = page.getByRole('region', { name: 'Export everything' });
	await expectAccessible(page);
	const [zip] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Download everything (ZIP)' }).click()]);
	expect(zip.suggestedFilename()).toBe('Oakfield Primary School portal export.zip');
	const entries = await zipEntries(fs.readFileSync(await zip.path()));
	const names = entries.map((e) => e.name);
	expect(names).toContain('README.txt');
	expect(names).toContain('challenges/challenges.csv');
	expect(names).toContain('evidence/index.csv');
	expect(names.some((n) => /^returns\/.+\/answers\.csv$/.test(n))).toBe(true);
	expect(entries.find((e) => e.name === 'README.txt')!.data.toString('utf8')).toContain('Everything Oakfield Primary School keeps in the safeguarding self-assessment portal');
	expect(problems).toEqual([]);
});
