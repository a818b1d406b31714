// The board paper as people download it: checked through access.ts (whoever
// reads the partnership's reports, the board included), drawn afresh from the
// records, and written to the audit log.
import type { RequestEvent } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import { requireUser } from '../access';
import { recordAudit } from '../audit-log';
import { cycleFor } from '../guards';
import { auditContext } from '../request';
import { db } from '../runtime';
import { FILE_HEADERS, webStream } from '../evidence/download';
import { contentDisposition } from '../../domain/downloads';
import { ukToday } from '../../domain/cycles';
import { cycleBoardPaper } from './board-paper';
import { boardPaperDocx, boardPaperPdf } from './board-paper-render';

export type PaperFormat = 'pdf' | 'docx';
const MEDIA: Record<PaperFormat, string> = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

export async function boardPaperFile(event: RequestEvent<Partial<Record<string, string>>>, format: PaperFormat): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const cycle = await cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'report:read');
	const paper = await cycleBoardPaper(db(), cycle, ukToday());
	await recordAudit(db(), auditContext(event), { action: 'report.board_paper', partnershipId: cycle.partnershipId, subjectType: 'cycle', subjectId: cycle.id, detail: { format } });
	const body = format === 'pdf' ? boardPaperPdf(paper) : Readable.from([await boardPaperDocx(paper)]);
	const name = `${cycle.partnershipName} ${cycle.title} compliance summary.${format}`.replace(/[\\/:*?"<>|]+/g, ' ');
	return new Response(webStream(body), { headers: { ...FILE_HEADERS, 'Content-Type': MEDIA[format], 'Content-Disposition': contentDisposition(name) } });
}
