import type { RequestHandler } from './$types';
import { submissionEvidenceZip } from '$lib/server/evidence/submission-downloads';

/** "Download all evidence": every file the submission cites, in one ZIP with an index. */
export const GET: RequestHandler = (event) => submissionEvidenceZip(event);
