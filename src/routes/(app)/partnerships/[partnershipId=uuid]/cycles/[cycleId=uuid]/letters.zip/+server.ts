import type { RequestHandler } from './$types';
import { cycleLettersZip } from '$lib/server/letters/downloads';

/** "Download all issued letters": every issued letter of the cycle, PDF and Word, in one streamed ZIP. */
export const GET: RequestHandler = (event) => cycleLettersZip(event);
