import type { RequestHandler } from './$types';
import { organisationLetterFile } from '$lib/server/letters/downloads';

/** The organisation's own issued letter as a Word file, exactly as stored. */
export const GET: RequestHandler = (event) => organisationLetterFile(event, 'docx');
