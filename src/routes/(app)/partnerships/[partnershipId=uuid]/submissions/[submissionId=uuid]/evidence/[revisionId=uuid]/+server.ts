import type { RequestHandler } from './$types';
import { submissionFile } from '$lib/server/evidence/submission-downloads';

/** A file the submission cites, exactly the revision sent (`?inline=1` previews a PDF or image). */
export const GET: RequestHandler = (event) => submissionFile(event);
