import type { RequestHandler } from './$types';
import { cycleSheetCsv } from '$lib/server/exports/cycle-downloads';

/** One sheet of the cycle's workbook as CSV, streamed as written. */
export const GET: RequestHandler = (event) => cycleSheetCsv(event);
