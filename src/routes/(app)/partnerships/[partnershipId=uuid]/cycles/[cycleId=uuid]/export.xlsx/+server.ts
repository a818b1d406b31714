import type { RequestHandler } from './$types';
import { cycleWorkbook } from '$lib/server/exports/cycle-downloads';

/** The cycle's workbook: organisations, responses, actions, challenge log and moderation, streamed as written. */
export const GET: RequestHandler = (event) => cycleWorkbook(event);
