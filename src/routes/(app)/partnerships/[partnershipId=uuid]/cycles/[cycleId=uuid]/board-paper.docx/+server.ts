import type { RequestHandler } from './$types';
import { boardPaperFile } from '$lib/server/reports/board-paper-download';

/** The cycle's compliance summary for the board, as a Word document to paste into the annual report. */
export const GET: RequestHandler = (event) => boardPaperFile(event, 'docx');
