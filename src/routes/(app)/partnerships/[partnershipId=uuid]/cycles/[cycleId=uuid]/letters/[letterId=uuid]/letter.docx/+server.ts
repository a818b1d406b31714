import type { RequestHandler } from './$types';
import { partnershipLetterFile } from '$lib/server/letters/downloads';

/** The issued Word file exactly as stored, or a marked preview of a draft. */
export const GET: RequestHandler = (event) => partnershipLetterFile(event, 'docx');
