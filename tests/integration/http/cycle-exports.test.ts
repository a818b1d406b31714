// A cycle's workbook and CSVs over HTTP: who may download them, and what they
// hold read back with real readers (exceljs, csv-parse) against what the
// database holds; formula injection neutralised; every download audit-logged.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients } from '../../helpers/http';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import type { Queryable } from '../../../src/lib/server/db';
import type { Snapshot } from '../../../src/lib/domain/snapshot';
import type { Template } from '../../../src/lib/domain/template';
import { gradeLabel } from '../../../src/lib/domain/completion';

const ids = inject('demoIds');
const cycle = `/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}`;
const YOUTH = 'Northmere Youth Justice Service';
let server: TestServer;
const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** A new version of the youth justice service's submission whose first narratives would be formulas in a spreadsheet. */
async function submitFormulas(db: Queryable) {
	const [latest] = await db.query<{ return_id: string; organisation_id: string; partnership_id: string; version: number; snapshot: Snapshot; submitted_by: string }>(
		`select s.* from submissions s join organisations o on o.id = s.organisation_id where s.cycle_id = $1 and o.name = $2 order by version desc limit 1`,
		[ids.pastS11Northmere, YOUTH]
	);
	const snapshot = structuredClone(latest.snapshot);
	const [first, second, third] = snapshot.standards[0].requirements;
	first.narrative = '=SUM(A1)';
	second.narrative = '@cmd|/c calc';
	third.narrative = '-2+3 and "quoted", with a comma\nand a second line';
	snapshot.actions.push({ requirementCode: first.code, description: '+1 action', owner: 'Tab\towner', dueOn: '2020-01-31', status: 'in_progress', progress: '' });
	await db.query(
		`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, submitted_at, submitted_by, late)
		 values ($1, $2, $3, $4, $5, $6, now(), $7, true)`,
		[latest.return_id, ids.pastS11Northmere, latest.organisation_id, latest.partnership_id, latest.version + 1, snapshot, latest.submitted_by]
	);
}

let workbook: ExcelJS.Workbook;
let responsesCsv: Buffer;
let actionsCsv: Buffer;

beforeAll(async () => {
	server = await startTestServer({ prepare: submitFormulas });
	const bu = await clientOf('nm_bu');
	const res = await bu.get(`${cycle}/export.xlsx`);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.xlsx"/);
	workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
	responsesCsv = await bytesOf(await bu.get(`${cycle}/export/responses.csv`));
	actionsCsv = await bytesOf(await bu.get(`${cycle}/export/actions.csv`));
}, 180_000);
afterAll(() => server?.stop());

const sheet = (name: string) => {
	const ws = workbook.getWorksheet(name);
	if (!ws) throw new Error(`no sheet ${name}`);
	return ws;
};
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const records = (ws: ExcelJS.Worksheet) => {
	const head = headers(ws) as string[];
	const rows: Record<string, unknown>[] = [];
	ws.eachRow((row, n) => {
		if (n > 1) rows.push(Object.fromEntries(head.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
	});
	return rows;
};
const csvRecords = (bytes: Buffer) => parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

describe('who may download the cycle’s exports', () => {
	it('the business unit and the chair; the board and the moderator are refused; another partnership is told it does not exist', async () => {
		for (const path of [`${cycle}/export.xlsx`, `${cycle}/export/organisations.csv`]) {
			expect((await (await clientOf('nm_chair')).get(path)).status, path).toBe(200);
			expect((await (await clientOf('nm_board')).get(path)).status, path).toBe(403);
			expect((await (await clientOf('nm_moderator')).get(path)).status, path).toBe(403);
			expect((await (await clientOf('eb_bu')).get(path)).status, path).toBe(404);
			expect((await (await clientOf('police_lead')).get(path)).status, path).toBe(404);
			expect((await (await clientOf('anonymous')).get(path)).status, path).toBe(303);
		}
		expect((await (await clientOf('nm_bu')).get(`${cycle}/export/passwords.csv`)).status).toBe(404);
		expect((await (await clientOf('eb_bu')).get(`/partnerships/${ids.partnerships.eastbrook}/cycles/${ids.pastS11Northmere}/export.xlsx`)).status).toBe(404);
	});
});

describe('the workbook', () => {
	it('has the five sheets, each with a frozen header row, a filter over its columns and set widths', () => {
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['Organisations', 'Responses', 'Actions', 'Challenge log', 'Moderation']);
		for (const ws of workbook.worksheets) {
			expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
			const last = ws.getRow(1).cellCount;
			expect(ws.autoFilter, ws.name).toBe(`A1:${ws.getColumn(last).letter}1`);
			expect(ws.getColumn(1).width, ws.name).toBeGreaterThan(20);
		}
	});

	it('holds every response of each organisation’s latest submission, as the database holds it', async () => {
		const rows = records(sheet('Responses'));
		const expected = await server.inspect(async (db) => {
			const subs = await db.query<{ name: string; version: number; snapshot: Snapshot; moderation: string | null; state: string | null }>(
				`select o.name, s.version, s.snapshot, m.id as moderation, m.state from submissions s join organisations o on o.id = s.organisation_id
				 left join moderations m on m.submission_id = s.id
				 where s.cycle_id = $1 and s.version = (select max(version) from submissions x where x.cycle_id = s.cycle_id and x.organisation_id = s.organisation_id)
				 order by lower(o.name), o.id`,
				[ids.pastS11Northmere]
			);
			const [{ definition }] = await db.query<{ definition: Template }>('select t.definition from cycles c join templates t on t.id = c.template_id where c.id = $1', [ids.pastS11Northmere]);
			const label = (g: string | null | undefined) => gradeLabel(definition.scale, g);
			const standards = await db.query<{ moderation_id: string; standard_code: string; grade: string | null; agreed_grade: string | null }>(
				`select moderation_id, standard_code, grade, agreed_grade from moderation_standards`
			);
			return subs.flatMap((s) =>
				s.snapshot.standards.flatMap((st) =>
					st.requirements.map((r) => {
						const ms = s.state === 'accepted' || s.state === 'completed' ? standards.find((x) => x.moderation_id === s.moderation && x.standard_code === st.code) : undefined;
						return { org: s.name, version: s.version, code: r.code, self: r.gradeLabel, narrative: r.narrative || null, evidence: (s.snapshot.evidence[r.code] ?? []).length, moderated: label(ms?.grade), agreed: label(ms?.agreed_grade) };
					})
				)
			);
		});
		expect(expected.length).toBeGreaterThan(50);
		expect(rows.map((r) => ({ org: r.Organisation, version: r.Version, code: r.Requirement, self: r['Self grade'], narrative: r.Narrative, evidence: r['Evidence files'] }))).toEqual(
			expected.map(({ org, version, code, self, narrative, evidence }) => ({ org, version, code, self, narrative, evidence }))
		);
		// Moderated and agreed grades by their labels, only from accepted or completed moderations: the demo has an accepted one.
		expect(expected.filter((e) => e.moderated).length).toBeGreaterThan(0);
		expect(rows.map((r) => [r['Moderated grade (standard)'], r['Agreed grade (standard)']])).toEqual(expected.map((e) => [e.moderated, e.agreed]));
	});

	it('writes dates as dates, and narratives wrapped', () => {
		const orgs = sheet('Organisations');
		const deadline = headers(orgs).indexOf('Deadline') + 1;
		expect(orgs.getRow(2).getCell(deadline).value).toBeInstanceOf(Date);
		expect(orgs.getRow(2).getCell(deadline).numFmt).toBe('dd/mm/yyyy');
		const submitted = records(orgs).find((r) => r.Organisation === YOUTH)!;
		expect(submitted['First submitted']).toBeInstanceOf(Date);
		expect(submitted.Late).toBe('Yes');
		const responses = sheet('Responses');
		const narrative = headers(responses).indexOf('Narrative') + 1;
		expect(responses.getRow(2).getCell(narrative).alignment?.wrapText).toBe(true);
		const due = records(sheet('Actions')).find((r) => r.Action === '+1 action')!;
		expect(due.Due).toEqual(new Date(Date.UTC(2020, 0, 31)));
		expect(due.Overdue).toBe('Yes');
	});

	it('keeps text that looks like a formula as text, exactly as typed', () => {
		const rows = records(sheet('Responses')).filter((r) => r.Organisation === YOUTH);
		const cells: ExcelJS.Cell[] = [];
		sheet('Responses').eachRow((row) => {
			const c = row.getCell(headers(sheet('Responses')).indexOf('Narrative') + 1);
			if (c.value === '=SUM(A1)' || c.value === '@cmd|/c calc') cells.push(c);
		});
		expect(cells).toHaveLength(2);
		for (const c of cells) {
			expect(c.type).toBe(ExcelJS.ValueType.String);
			expect(c.formula).toBeUndefined();
		}
		expect(rows.some((r) => r.Narrative === '-2+3 and "quoted", with a comma\nand a second line')).toBe(true);
	});
});

describe('the CSVs', () => {
	it('start with a byte order mark and hold the same rows as the workbook', () => {
		expect([...responsesCsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = csvRecords(responsesCsv);
		const xlsx = records(sheet('Responses'));
		expect(Object.keys(csv[0])).toEqual(headers(sheet('Responses')));
		expect(csv.map((r) => [r.Organisation, r.Requirement, r['Self grade'], r['Moderated grade (standard)']])).toEqual(
			xlsx.map((r) => [r.Organisation, r.Requirement, r['Self grade'] ?? '', r['Moderated grade (standard)'] ?? ''])
		);
	});

	it('neutralise cells a spreadsheet would read as formulas, and keep quotes, commas and line breaks', () => {
		const youth = csvRecords(responsesCsv).filter((r) => r.Organisation === YOUTH).map((r) => r.Narrative);
		expect(youth).toContain("'=SUM(A1)");
		expect(youth).toContain("'@cmd|/c calc");
		expect(youth).toContain('\'-2+3 and "quoted", with a comma\nand a second line');
		const action = csvRecords(actionsCsv).find((r) => r.Action === "'+1 action")!;
		expect(action.Owner).toBe('Tab\towner');
		expect(action.Due).toBe('2020-01-31');
	});

	it('every download is in the audit log, with its format and sheet', async () => {
		const rows = await server.inspect((db) =>
			db.query<{ actor_email: string; detail: { format: string; sheet?: string } }>(`select actor_email, detail from audit_log where action = 'report.export' and subject_id = $1 order by id`, [
				ids.pastS11Northmere
			])
		);
		const bu = rows.filter((r) => r.actor_email === ACTORS.nm_bu).map((r) => r.detail);
		expect(bu.slice(0, 3)).toEqual([{ format: 'xlsx' }, { format: 'csv', sheet: 'responses' }, { format: 'csv', sheet: 'actions' }]);
		expect(rows.filter((r) => r.actor_email === ACTORS.nm_board)).toEqual([]);
	});
});
