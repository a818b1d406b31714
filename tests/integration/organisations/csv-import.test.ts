// Importing agencies from a business unit's spreadsheet: loose headers, Excel's
// encodings, per-row errors, and organisations other partnerships already know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { importOrganisations, previewOrganisationsCsv } from '../../../src/lib/server/import/organisations-csv';
import { decodeText } from '../../../src/lib/server/import/text';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

const CSV = [
	'Organisation name,Sector,ODS code,GSS code,Postcode',
	'Eastbrook Hospice,Charity,,,eb1 2ab',
	'Mercia Vale Community Health NHS Trust,NHS,rzz,,',
	'Northmere Hospitals NHS Foundation Trust,health,RZY,,',
	',police,,,',
	'Eastbrook Council Housing,housing,,E123,',
	'Eastbrook Hospice,voluntary,,,',
	'probation service – mercia vale,probation,,,'
].join('\n');

describe('previewing a CSV of agencies', () => {
	it('reads loose headers and sector words, and says what each row will do', async () => {
		const preview = await previewOrganisationsCsv(db, ids.partnerships.eastbrook, CSV);
		if (!preview.ok) throw new Error(preview.error);
		expect(preview.rows.map((r) => [r.line, r.outcome])).toEqual([
			[2, 'create'],
			[3, 'already_member'],
			[4, 'request'],
			[5, 'error'],
			[6, 'error'],
			[7, 'error'],
			[8, 'already_member']
		]);
		expect(preview.rows[0].input).toMatchObject({ name: 'Eastbrook Hospice', sector: 'voluntary', kind: 'agency', postcode: 'EB1 2AB' });
		expect(preview.rows[3].errors).toEqual(['Enter the organisation’s name']);
		expect(preview.rows[4].errors).toEqual(['GSS code must be a letter and 8 digits, like E10000015']);
		expect(preview.rows[5].errors).toEqual(['Same organisation as line 2']);
		// No identifier: recognised by its name (and kind), not added twice.
		expect(preview.rows[6].name).toBe('probation service – mercia vale');
	});

	it('tells apart a URN and an ODS code that happen to be the same digits', async () => {
		const preview = await previewOrganisationsCsv(db, ids.partnerships.eastbrook, 'Name,Sector,URN,ODS code\nEastbrook Nursery School,education,123456,\nEastbrook Clinic,health,,123456');
		if (!preview.ok) throw new Error(preview.error);
		expect(preview.rows.map((r) => r.outcome)).toEqual(['create', 'create']);
	});

	it.each([
		['name only', 'Name\nX Agency', 'The file needs a column called “sector”'],
		['no data rows', 'Name,Sector\n', 'The file needs a header row and at least one organisation'],
		['broken quoting', 'Name,Sector\n"unterminated,police', 'The file has a quote mark (") that is never closed. Save the spreadsheet as CSV again and select that file'],
		['a stray quote', 'Name,Sector\nNorthmere "Hospice",charity', 'The file has a quote mark (") in the middle of a value on line 2. Put the whole value in quotes, or save the spreadsheet as CSV again and select that file']
	])('explains a file it cannot use (%s)', async (_, text, message) => {
		const preview = await previewOrganisationsCsv(db, ids.partnerships.eastbrook, text);
		expect(preview.ok).toBe(false);
		expect(!preview.ok && preview.error).toMatch(message);
	});

	it('decodes Windows-1252 files as Excel saves them, and UTF-8 with a BOM', () => {
		expect(decodeText(new Uint8Array([0x4e, 0x48, 0x53, 0x20, 0x96, 0x20, 0x53, 0x74, 0x20, 0x4d, 0x61, 0x72, 0x92, 0x73]))).toEqual({ text: 'NHS – St Mar’s', encoding: 'windows-1252' });
		expect(decodeText(new TextEncoder().encode('\uFEFFName,Sector')).text).toBe('Name,Sector');
	});
});

describe('importing', () => {
	it('adds new agencies, asks known ones held elsewhere and skips rows with errors, in one transaction', async () => {
		const preview = await previewOrganisationsCsv(db, ids.partnerships.eastbrook, CSV);
		if (!preview.ok) throw new Error(preview.error);
		const { counts } = await importOrganisations(db, ids.partnerships.eastbrook, preview.rows, { ctx: SYSTEM_CONTEXT, origin: 'http://localhost:3000' });
		expect(counts).toEqual({ created: 1, linked: 0, requested: 1, already_member: 2 });
		const members = await db.query<{ name: string }>(
			`select o.name from partnership_members m join organisations o on o.id = m.organisation_id where m.partnership_id = $1 and o.name in ('Eastbrook Hospice', 'Northmere Hospitals NHS Foundation Trust', 'Eastbrook Council Housing')`,
			[ids.partnerships.eastbrook]
		);
		// The trust already works with Northmere: it is asked, not linked.
		expect(members.map((m) => m.name)).toEqual(['Eastbrook Hospice']);
		const requests = await db.query<{ name: string }>(
			`select o.name from membership_requests q join organisations o on o.id = q.organisation_id where q.partnership_id = $1`,
			[ids.partnerships.eastbrook]
		);
		expect(requests.map((r) => r.name)).toContain('Northmere Hospitals NHS Foundation Trust');
		const copies = await db.query<{ n: number }>(`select count(*) as n from organisations where ods_code = 'RZY'`);
		expect(copies[0].n).toBe(1);
	});
});
