import type { RequestHandler } from './$types';
import { partnershipLetterFile } from '$lib/server/letters/downloads';

/** The issued PDF exactly as stored, or a marked preview of a draft. */
export const GET: RequestHandler = (event) => partnershipLetterFile(event, 'pdf');
