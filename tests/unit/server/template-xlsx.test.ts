import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Template } from '../../../src/lib/domain/template';
import { readTemplateWorkbook } from '../../../src/lib/server/import/template-xlsx';
import { writeTemplateWorkbook } from '../../../src/lib/server/import/template-xlsx-writer';
import { loadShippedTemplates, type TemplateParse } from '../../../src/lib/server/template-files';
import { ROOT } from '../../helpers/paths';

const templates = loadShippedTemplates(path.join(ROOT, 'templates'));
const westMidlands = templates.find((t) => t.id === 'west-midlands-section-11') as Template;

const SETTINGS: [string, string | number][] = [
	['id', 'test-template'],
	['version', 1],
	['title', 'Test template'],
	['kind', 'themed'],
	['scale', 'rag'],
	['narrative minimum length', 20],
	['sign-off', 'executive_lead']
];
const HEADER = ['Standard code', 'Standard title', 'Standard description', 'Requirement code', 'Requirement text', 'Guidance', 'Evidence', 'Allow n/a'];

/** A workbook built cell by cell, as a business unit's own spreadsheet would be. */
async function workbook(settings: unknown[][] | null, requirements: unknown[][] | null): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	if (settings) wb.addWorksheet('Template').addRows(settings);
	if (requirements) wb.addWorksheet('Requirements').addRows(requirements);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The shipped West Midlands workbook with some cells changed (rows and columns are 1-based, as in Excel). */
async function editedWestMidlands(edit: (settings: ExcelJS.Worksheet, requirements: ExcelJS.Worksheet) => void): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(new Uint8Array(await writeTemplateWorkbook(westMidlands)).buffer);
	edit(wb.getWorksheet('Template')!, wb.getWorksheet('Requirements')!);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

function problemsOf(result: TemplateParse) {
	expect(result.ok).toBe(false);
	return result.ok ? [] : result.problems;
}

function templateOf(result: TemplateParse): Template {
	if (!result.ok) throw new Error(`Expected a template, got ${JSON.stringify(result.problems)}`);
	return result.template;
}

describe('writeTemplateWorkbook then readTemplateWorkbook', () => {
	it.each(templates.map((t) => [t.id, t] as const))('gives back %s unchanged', async (_, t) => {
		const bytes = await writeTemplateWorkbook(t);
		expect(templateOf(await readTemplateWorkbook(bytes))).toStrictEqual(t);
		// An ArrayBuffer, as a browser upload gives, reads the same.
		const copy = new Uint8Array(bytes).buffer;
		expect(templateOf(await readTemplateWorkbook(copy))).toStrictEqual(t);
	});

	it('keeps a scale that is no preset, N/A overrides and missing optional text', async () => {
		const t = structuredClone(westMidlands);
		t.scale.name = 'Our own four-point scale';
		t.scale.grades[0].label = 'Excellent';
		t.scale.notApplicable = { allowed: true, reasonRequired: false };
		delete t.description;
		delete t.narrative.prompt;
		delete t.standards[0].description;
		t.standards[0].requirements[0].allowNotApplicable = true;
		t.standards[0].requirements[1].allowNotApplicable = false;
		delete t.standards[0].requirements[2].guidance;
		t.standards[0].requirements[3].evidence = [];
		t.standards[0].requirements[4].evidence = ['Minutes; agendas and action logs', 'Annual report'];
		t.quality = { strongGradeNarrativeBelow: 0, strongGradeNeedsEvidence: false, evidenceRequiredFor: [t.scale.grades[0].value] };
		t.moderation = { perRequirement: true };
		expect(templateOf(await readTemplateWorkbook(await writeTemplateWorkbook(t)))).toStrictEqual(t);
	});

	it('carries the N/A rule of a preset scale in the allow not applicable setting', async () => {
		const t = structuredClone(westMidlands);
		t.scale.notApplicable.allowed = true;
		const read = templateOf(await readTemplateWorkbook(await writeTemplateWorkbook(t)));
		expect(read.scale.notApplicable.allowed).toBe(true);
		expect(read.scale.name).toBe(westMidlands.scale.name);
	});
});

describe('readTemplateWorkbook', () => {
	it('reads a hand-made workbook: loose headers, blank rows, extra columns, grouping by standard code', async () => {
		const result = await readTemplateWorkbook(
			await workbook(
				[['Key', 'Value'], ...SETTINGS, ['Allow not applicable', 'YES'], ['Sign off', 'Headteacher, Governor']].filter((r) => r[0] !== 'sign-off'),
				[
					['STANDARD_CODE', 'standard title', 'Standard Description', 'requirement code', 'Requirement Text', 'Notes', 'evidence', 'Allow N/A'],
					['A', 'Leadership', 'How the school is led', 'A.1', 'There is a named governor.', 'ignored', 'Minutes; Training record', 'no'],
					[],
					['B', 'Training', 'ignored: not the first row of A', 'B.1', 'Staff are trained.', '', '• Training log\n• Certificates', ''],
					['A', 'Leadership', 'not read: only the first row of a standard', 'A.2', 'Governors are trained.'],
					['', '', '', 'A.3', 'Governors challenge leaders.']
				]
			)
		);
		const t = templateOf(result);
		expect(t.signOff.capacities).toEqual(['headteacher', 'governor']);
		expect(t.scale.notApplicable.allowed).toBe(true);
		expect(t.standards.map((s) => [s.code, s.requirements.map((r) => r.code)])).toEqual([
			['A', ['A.1', 'A.2', 'A.3']],
			['B', ['B.1']]
		]);
		expect(t.standards[0].description).toBe('How the school is led');
		expect(t.standards[0].requirements[0]).toEqual({ code: 'A.1', text: 'There is a named governor.', evidence: ['Minutes', 'Training record'], allowNotApplicable: false });
		expect(t.standards[1].requirements[0].evidence).toEqual(['Training log', 'Certificates']);
		expect(t.standards[1].requirements[0].allowNotApplicable).toBeUndefined();
	});

	it('reads numbers as displayed, rich text and formula results', async () => {
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Template').addRows(SETTINGS);
		const sheet = wb.addWorksheet('Requirements');
		sheet.addRows([
			HEADER,
			[1, 'Leadership', '', 1.1, { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain.' }] }],
			[1, 'Leadership', '', 1.1, { formula: '"Computed"&" text."', result: 'Computed text.' }],
			[2, { formula: 'A1', result: 'Training' }, '', 2.1, 'Staff are trained.']
		]);
		// 1.10 typed as a number, formatted to show two decimals.
		sheet.getCell('D3').numFmt = '0.00';
		const t = templateOf(await readTemplateWorkbook(Buffer.from(await wb.xlsx.writeBuffer())));
		expect(t.standards.map((s) => s.code)).toEqual(['1', '2']);
		expect(t.standards[0].requirements.map((r) => [r.code, r.text])).toEqual([
			['1.1', 'Bold and plain.'],
			['1.10', 'Computed text.']
		]);
		expect(t.standards[1].title).toBe('Training');
	});

	it('names the sheet and the row of each problem', async () => {
		const result = await readTemplateWorkbook(
			await editedWestMidlands((settings, requirements) => {
				settings.getCell('B3').value = 'two'; // version
				settings.addRow(['colour scheme', 'blue']);
				requirements.getCell('E14').value = ''; // requirement text
				requirements.getCell('D5').value = '1..4'; // requirement code
				requirements.getCell('H20').value = 'maybe'; // allow n/a
				requirements.getCell('B9').value = 'Leadership'; // a second title for standard 1
			})
		);
		const problems = problemsOf(result);
		expect(problems).toEqual([
			{ where: 'Template sheet row 3', message: 'Version must be a whole number' },
			{ where: 'Template sheet row 17', message: expect.stringContaining('"colour scheme" is not a template setting') },
			{ where: 'Requirements row 5', message: 'Requirement code must be like 1, 1.2 or A.3' },
			{ where: 'Requirements row 9', message: expect.stringContaining('Standard 1 is titled "Leadership and Accountability" in row 2') },
			{ where: 'Requirements row 14', message: 'Requirement text is required' },
			{ where: 'Requirements row 20', message: 'Allow n/a must be yes, no or blank' }
		]);
	});

	it('maps template-level schema problems to the Template sheet', async () => {
		const problems = problemsOf(
			await readTemplateWorkbook(
				await workbook(
					[['id', 'Not A Valid Id'], ['title', 'T'], ['kind', 'audit'], ['scale', 'five-point'], ['sign-off', 'headteacher, caretaker']],
					[HEADER, ['1', 'One', '', '1.1', 'Text']]
				)
			)
		);
		expect(problems.map((p) => p.where)).toEqual([
			'Template sheet',
			'Template sheet row 1',
			'Template sheet row 3',
			'Template sheet row 4',
			'Template sheet row 5'
		]);
		expect(problems[0].message).toBe('Version must be a whole number');
		expect(problems[3].message).toContain('Scale "five-point" is not one this portal knows');
	});

	it('reports missing sheets, missing columns and a sheet without requirements', async () => {
		expect(problemsOf(await readTemplateWorkbook(await workbook(SETTINGS, null)))).toEqual([
			{ where: 'Requirements sheet', message: 'The workbook has no sheet called "Requirements"' }
		]);
		// The Template sheet is still checked, so one upload shows every problem.
		const settings = [...SETTINGS.slice(1, 6), ['sign-off', ''], ['id', 'x y']];
		expect(problemsOf(await readTemplateWorkbook(await workbook(settings, null)))).toEqual([
			{ where: 'Template sheet row 6', message: 'Sign-off is required: list one or more of headteacher, governor, executive_lead' },
			{ where: 'Template sheet row 7', message: 'Template id must be lower-case letters, digits and hyphens' },
			{ where: 'Requirements sheet', message: 'The workbook has no sheet called "Requirements"' }
		]);
		const columns = problemsOf(await readTemplateWorkbook(await workbook(SETTINGS, [['Standard code', 'Requirement code', 'Text'], ['1', '1.1', 'x']])));
		expect(columns).toEqual([
			{ where: 'Requirements sheet', message: 'The Requirements sheet has no "standard title" column in its header row' },
			{ where: 'Requirements sheet', message: 'The Requirements sheet has no "requirement text" column in its header row' }
		]);
		expect(problemsOf(await readTemplateWorkbook(await workbook(SETTINGS, [HEADER])))).toEqual([
			{ where: 'Requirements sheet', message: 'A template needs at least one standard' }
		]);
	});

	it('gives problems, not exceptions, for a file that is not a workbook or is empty', async () => {
		const notXlsx = problemsOf(await readTemplateWorkbook(new TextEncoder().encode('standard code,requirement code\n1,1.1\n')));
		expect(notXlsx).toEqual([{ where: '(whole file)', message: expect.stringContaining('not an Excel workbook') }]);
		expect(problemsOf(await readTemplateWorkbook(new Uint8Array()))).toHaveLength(1);

		const empty = problemsOf(await readTemplateWorkbook(await workbook(null, null)));
		expect(empty.map((p) => p.where)).toEqual(['Template sheet', 'Requirements sheet']);
		const blankSheets = problemsOf(await readTemplateWorkbook(await workbook([], [])));
		expect(blankSheets).toContainEqual({ where: 'Requirements sheet', message: expect.stringContaining('The Requirements sheet is empty') });
	});

	it('refuses a small file that unpacks to far more than any template (a zip bomb) before reading it', async () => {
		// A real template workbook with one more part: 64 MB of spaces, which deflate packs into about 64 KB.
		const entries = unzipSync(new Uint8Array(await writeTemplateWorkbook(westMidlands)));
		const bomb = zipSync({ ...entries, 'xl/media/padding.bin': [new Uint8Array(64 * 1024 * 1024).fill(32), { level: 9 }] });
		expect(bomb.byteLength).toBeLessThan(1024 * 1024);
		expect(problemsOf(await readTemplateWorkbook(bomb))).toEqual([
			{ where: '(whole file)', message: expect.stringContaining('unpacks to more than 20 MB') }
		]);
		// The same workbook without the padding is read.
		expect(templateOf(await readTemplateWorkbook(zipSync(entries))).id).toBe(westMidlands.id);
	});

	it('never throws, whatever the Requirements sheet holds', async () => {
		const cell = fc.oneof(
			fc.constant(null),
			fc.string({ maxLength: 30 }),
			fc.constantFrom('1', '1.1', 'A.2', 'yes', 'no', '1..', ' '),
			fc.double({ noNaN: true }),
			fc.integer(),
			fc.boolean(),
			fc.date({ noInvalidDate: true }),
			fc.string({ maxLength: 10 }).map((text) => ({ richText: [{ text }] })),
			fc.string({ maxLength: 10 }).map((result) => ({ formula: 'A1', result })),
			fc.constant({ formula: 'NA()', result: { error: '#N/A' } }),
			fc.string({ maxLength: 10 }).map((text) => ({ text, hyperlink: 'https://example.org' }))
		);
		const header = fc.oneof(fc.constant(HEADER), fc.array(fc.oneof(fc.constantFrom(...HEADER), fc.string({ maxLength: 12 })), { maxLength: 9 }));
		await fc.assert(
			fc.asyncProperty(header, fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }), async (head, rows) => {
				const result = await readTemplateWorkbook(await workbook(SETTINGS, [head, ...rows]));
				if (!result.ok) {
					for (const p of result.problems) expect(p.where).toMatch(/^(Requirements (row \d+|sheet)|Template sheet( row \d+)?|\(whole file\))$/);
				}
			}),
			{ numRuns: 50 }
		);
	});
});
