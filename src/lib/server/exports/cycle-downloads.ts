// A cycle's workbook and the CSV of each of its sheets, for those who hold
// report:export. Streamed as written; every download is in the audit log.
import { error, type RequestEvent } from '@sveltejs/kit';
import { found, requireUser } from '../access';
import { recordAudit } from '../audit-log';
import { cycleFor } from '../guards';
import { auditContext } from '../request';
import { db } from '../runtime';
import { getTemplate } from '../templates';
import type { Queryable } from '../db';
import type { Cycle } from '../cycles';
import { organisationBatches, sheetBatch, type SheetRows } from '../cycle-export';
import { FILE_HEADERS, webStream } from '../evidence/download';
import { sheetSource, type SheetSource } from './sheets';
import { csvStream, workbookStream } from './write';
import { sheetColumns } from '../../domain/export-sheets';
import { CYCLE_SHEETS, exportFileName, isCycleSheet, SHEET_INFO, type Column, type CycleSheet } from '../../domain/exports';
import type { Scale } from '../../domain/template';
import { ukToday } from '../../domain/cycles';
import { contentDisposition } from '../../domain/downloads';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every sheet of the cycle, each read from the database only when the writer reaches it. */
export function cycleSheets(db: Queryable, cycle: Cycle, scale: Scale, today: string): Record<CycleSheet, SheetSource> {
	const columns = sheetColumns(scale, today);
	const source = <S extends CycleSheet>(sheet: S) => {
		async function* batches(): AsyncGenerator<SheetRows[S][]> {
			for await (const ids of organisationBatches(db, cycle.id)) yield await sheetBatch(db, cycle, sheet, ids, today);
		}
		return sheetSource(SHEET_INFO[sheet].name, columns[sheet] as unknown as Column<SheetRows[S]>[], batches());
	};
	return Object.fromEntries(CYCLE_SHEETS.map((s) => [s, source(s)])) as Record<CycleSheet, SheetSource>;
}

type Params = Partial<Record<string, string>>;

async function exportOf(event: RequestEvent<Params>) {
	const user = requireUser(event.locals, event.url);
	const cycle = await cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'report:export');
	const template = found(await getTemplate(db(), cycle.templateId));
	return { cycle, sheets: cycleSheets(db(), cycle, template.definition.scale, ukToday()) };
}

const audit = (event: RequestEvent<Params>, cycle: Cycle, detail: Record<string, string>) =>
	recordAudit(db(), auditContext(event), { action: 'report.export', partnershipId: cycle.partnershipId, subjectType: 'cycle', subjectId: cycle.id, detail });

/** The workbook: one worksheet per sheet. */
export async function cycleWorkbook(event: RequestEvent<Params>): Promise<Response> {
	const { cycle, sheets } = await exportOf(event);
	await audit(event, cycle, { format: 'xlsx' });
	const name = `${exportFileName(cycle.partnershipName, cycle.title, 'export')}.xlsx`;
	return new Response(webStream(workbookStream(CYCLE_SHEETS.map((s) => sheets[s]))), {
		headers: { ...FILE_HEADERS, 'Content-Type': XLSX, 'Content-Disposition': contentDisposition(name) }
	});
}

/** One sheet as CSV (UTF-8 with a byte order mark). */
export async function cycleSheetCsv(event: RequestEvent<Params>): Promise<Response> {
	const { cycle, sheets } = await exportOf(event);
	const sheet = event.params.sheet ?? '';
	if (!isCycleSheet(sheet)) error(404, 'Not found');
	await audit(event, cycle, { format: 'csv', sheet });
	const name = `${exportFileName(cycle.partnershipName, cycle.title, SHEET_INFO[sheet].name.toLowerCase())}.csv`;
	return new Response(webStream(csvStream(sheets[sheet])), {
		headers: { ...FILE_HEADERS, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': contentDisposition(name) }
	});
}
