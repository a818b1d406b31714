import type { RequestHandler } from './$types';
import { organisationLetterFile } from '$lib/server/letters/downloads';

/** The organisation's own issued letter, exactly as stored. A draft, or another organisation's letter, is a 404. */
export const GET: RequestHandler = (event) => organisationLetterFile(event, 'pdf');
