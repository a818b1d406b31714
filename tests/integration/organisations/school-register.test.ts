// Importing schools from the national register (GIAS): the file streamed from
// disk in either encoding, malformed rows reported by line and skipped, the
// preview kept and applied once, and a second year's file updating by URN.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { giasFile, giasLine, writeLargeGiasFile, type GiasSchool } from '../../helpers/gias';
import { readRegisterFile } from '../../../src/lib/server/import/gias-csv';
import { getImport, purgeExpiredImports, saveImport } from '../../../src/lib/server/register-imports';
import { applyImport, planImport } from '../../../src/lib/server/register-apply';
import { getOrganisation } from '../../../src/lib/server/organisations';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
let dir: string;
beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gias-'));
});
afterAll(async () => {
	await db.drop();
	fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(bytes: Buffer): string {
	const p = path.join(dir, `gias-${n++}.csv`);
	fs.writeFileSync(p, bytes);
	return p;
}

const requester = { ctx: SYSTEM_CONTEXT, origin: 'http://localhost' };

async function read(schools: (GiasSchool | string)[], codes = ['885'], encoding: 'utf-8' | 'windows-1252' = 'utf-8') {
	const result = await readRegisterFile(file(giasFile(schools, encoding)), codes);
	if (!result.ok) throw new Error(result.error);
	return result;
}

async function previewAndApply(schools: GiasSchool[], codes: string[], partnershipId = ids.partnerships.northmere) {
	const result = await read(schools, codes);
	const importId = await saveImport(db, { partnershipId, uploadedBy: null, fileName: 'edubasealldata.csv', laCodes: codes, ...result });
	const applied = await applyImport(db, partnershipId, importId, requester);
	if (!applied.ok) throw new Error(applied.reason);
	return { importId, counts: applied.counts };
}

const urnOf = async (urn: string) => (await db.query<{ id: string }>('select id from organisations where urn = $1', [urn]))[0]?.id;

describe('reading the register file', () => {
	it('reports malformed rows with their line numbers and reasons, and reads the rest', async () => {
		const result = await read([
			{ urn: '700001', name: 'Good School' },
			{ urn: '12x', name: 'Bad URN School' },
			{ urn: '700003', name: '' },
			'"700004","885","Worcestershire","too few"',
			{ urn: '700005', name: 'Another Good School' },
			{ urn: '700001', name: 'Good School Again' },
			{ urn: '700007', name: 'Elsewhere School', la: '886' }
		]);
		expect(result.rows.map((r) => [r.line, r.urn])).toEqual([[2, '700001'], [6, '700005']]);
		expect(result.malformed).toEqual([
			{ line: 3, reason: 'The URN “12x” is not 6 or 7 digits' },
			{ line: 4, reason: 'The EstablishmentName is blank' },
			{ line: 5, reason: 'The row has 4 values but the header has 24 columns' },
			{ line: 7, reason: 'The URN 700001 is also on line 2' }
		]);
		expect(result.rowsRead).toBe(7);
	});

	it('reads a Windows-1252 file, whose names have é and ’, as the names they are', async () => {
		const schools = [...Array.from({ length: 300 }, (_, i) => ({ urn: String(710000 + i), name: `Plain School ${i}` })), { urn: '710999', name: 'St Mary’s Café School', headFirst: 'Zoë' }];
		const result = await read(schools, ['885'], 'windows-1252');
		expect(result.encoding).toBe('windows-1252');
		expect(result.rows.at(-1)).toMatchObject({ name: 'St Mary’s Café School', headName: 'Zoë Head' });
		const utf8 = await read(schools);
		expect(utf8.encoding).toBe('utf-8');
		expect(utf8.rows.at(-1)?.name).toBe('St Mary’s Café School');
	});

	it('reads a quoted value with a line break inside it, and counts lines from where each row starts', async () => {
		const result = await read([{ urn: '720001', name: 'Two\nLine School', trust: 'The\r\nTrust' }, { urn: '720002', name: 'Next School' }, { urn: '72000x', name: 'Bad' }]);
		expect(result.rows.map((r) => [r.line, r.name, r.trustName])).toEqual([[2, 'Two Line School', 'The\r\nTrust'], [5, 'Next School', '']]);
		expect(result.malformed).toEqual([{ line: 6, reason: 'The URN “72000x” is not 6 or 7 digits' }]);
	});

	it('refuses, with one message, a file that is not a GIAS establishment file', async () => {
		const result = await readRegisterFile(file(Buffer.from('name,sector\nNorthmere Hospice,charity\n')), ['885']);
		expect(result).toEqual({ ok: false, error: expect.stringMatching(/^The file is not an establishment file from Get Information About Schools: it has no “URN”, “EstablishmentName”/) });
	});

	it('streams a national file of 50,000 rows, keeping only the chosen local authorities', async () => {
		const big = path.join(dir, 'national.csv');
		await writeLargeGiasFile(big, 50_000);
		expect(fs.statSync(big).size).toBeGreaterThan(10_000_000);
		const result = await readRegisterFile(big, ['805', '806']);
		if (!result.ok) throw new Error(result.error);
		expect(result.rowsRead).toBe(50_000);
		expect(result.rows).toHaveLength(1000);
		expect(result.rows.filter((r) => r.status === 'closed')).toHaveLength(0);
		expect(result.malformedCount).toBe(0);
	}, 120_000);
});

describe('applying an import', () => {
	it('adds new schools as members with their register details, then a second year updates by URN and marks closed', async () => {
		const first = await previewAndApply([
			{ urn: '730001', name: 'Willow Primary School', phase: 'Primary', trust: 'Willow Trust', headFirst: 'Jo', headLast: 'Bloggs', pupils: '321', ukprn: '10073001' },
			{ urn: '730002', name: 'Birch High School', phase: 'Secondary' }
		], ['885']);
		expect(first.counts).toMatchObject({ created: 2, updated: 0, closed: 0 });
		const willow = (await getOrganisation(db, (await urnOf('730001'))!))!;
		expect(willow).toMatchObject({ kind: 'school', sector: 'education', ukprn: '10073001', postcode: 'WR1 1AA', activePartnershipIds: [ids.partnerships.northmere] });
		expect(willow.register).toMatchObject({ phase: 'primary', laCode: '885', trustName: 'Willow Trust', headName: 'Jo Bloggs', pupils: 321, closedAt: null });

		const second = await previewAndApply([
			{ urn: '730001', name: 'Willow Primary Academy', phase: 'Primary', trust: 'Willow Trust', headFirst: 'Sam', headLast: 'Other', pupils: '330', ukprn: '10073001' },
			{ urn: '730002', name: 'Birch High School', phase: 'Secondary', status: 'Closed' }
		], ['885']);
		expect(second.counts).toMatchObject({ created: 0, updated: 1, closed: 1 });
		const again = (await getOrganisation(db, willow.id))!;
		expect(again).toMatchObject({ name: 'Willow Primary Academy', register: { headName: 'Sam Other', pupils: 330 } });
		expect((await getOrganisation(db, (await urnOf('730002'))!))!.register.closedAt).toBeInstanceOf(Date);
		const audit = await db.query<{ detail: { created: number } }>("select detail from audit_log where action = 'register.import' order by at");
		expect(audit.map((a) => a.detail.created)).toEqual([2, 0]);
	});

	it('previews what would change without writing, and asks a school held by another partnership rather than taking it', async () => {
		const eastbrookSchool = ids.organisations['Eastbrook High School'];
		const oakfield = ids.organisations['Oakfield Primary School'];
		const result = await read([
			{ urn: '990100', name: 'Oakfield Primary School', la: '999', laName: 'Northmere', headFirst: 'New', headLast: 'Head', postcode: '' },
			{ urn: '990212', name: 'Eastbrook High School renamed', la: '999' },
			{ urn: '740001', name: 'Brand New School', la: '999' }
		], ['999']);
		const plan = await planImport(db, ids.partnerships.northmere, result.rows);
		expect(plan.map((p) => [p.row.urn, p.kind])).toEqual([['990100', 'changed'], ['990212', 'request'], ['740001', 'new']]);
		expect(plan[0].changes).toEqual(expect.arrayContaining(['head', 'local authority name']));
		expect(await urnOf('740001')).toBeUndefined();

		const importId = await saveImport(db, { partnershipId: ids.partnerships.northmere, uploadedBy: null, fileName: 'x.csv', laCodes: ['999'], ...result });
		const applied = await applyImport(db, ids.partnerships.northmere, importId, requester);
		expect(applied).toEqual({ ok: true, counts: expect.objectContaining({ created: 1, updated: 1, requested: 1 }) });
		expect((await getOrganisation(db, eastbrookSchool))!.name).toBe('Eastbrook High School');
		expect((await db.query('select 1 from membership_requests where partnership_id = $1 and organisation_id = $2', [ids.partnerships.northmere, eastbrookSchool]))).toHaveLength(1);
		expect((await getOrganisation(db, oakfield))!.register.headName).toBe('New Head');
	});

	it('refuses to apply a preview twice, an expired preview, or one of another partnership', async () => {
		const result = await read([{ urn: '750001', name: 'Once Only School' }]);
		const save = () => saveImport(db, { partnershipId: ids.partnerships.northmere, uploadedBy: null, fileName: 'x.csv', laCodes: ['885'], ...result });
		const once = await save();
		expect(await applyImport(db, ids.partnerships.eastbrook, once, requester)).toEqual({ ok: false, reason: 'not_found' });
		expect((await applyImport(db, ids.partnerships.northmere, once, requester)).ok).toBe(true);
		expect(await applyImport(db, ids.partnerships.northmere, once, requester)).toEqual({ ok: false, reason: 'applied' });
		expect((await getImport(db, ids.partnerships.northmere, once))?.outcome).toMatchObject({ created: 1 });

		const stale = await save();
		await db.query("update register_imports set expires_at = now() - interval '1 minute' where id = $1", [stale]);
		expect(await applyImport(db, ids.partnerships.northmere, stale, requester)).toEqual({ ok: false, reason: 'expired' });
		expect((await getImport(db, ids.partnerships.northmere, stale))?.appliedAt).toBeNull();
		// Housekeeping removes an expired preview's rows; the record of the upload stays.
		expect(await purgeExpiredImports(db)).toBe(1);
		expect(await db.query('select 1 from register_import_rows where import_id = $1', [stale])).toHaveLength(0);
	});
});
