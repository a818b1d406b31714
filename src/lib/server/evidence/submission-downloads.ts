// A submission's evidence as its readers open it: one cited revision, or all
// of them as a ZIP. The same handlers serve the organisation's pages and the
// partnership's; each reaches the submission only through its own side.
import { error, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '../access';
import { recordAudit } from '../audit-log';
import { contentDisposition } from '../../domain/downloads';
import { submissionFiles } from '../evidence-downloads';
import { submissionRevisionFor, submissionThrough, type SubmissionSide } from '../guards';
import { auditContext } from '../request';
import { db, evidenceServices } from '../runtime';
import { downloadRevision, FILE_HEADERS, webStream } from './download';
import { evidenceZip } from './evidence-zip';
import { safeSegment, zipIndex, zipLayout } from './zip-layout';

type Params = Partial<Record<string, string>>;

async function submissionOf(event: RequestEvent<Params>) {
	const user = requireUser(event.locals, event.url);
	const { partnershipId, organisationId, submissionId } = event.params;
	const via: SubmissionSide = partnershipId ? { partnershipId } : { organisationId: organisationId! };
	return (await submissionThrough(user, via, submissionId!)).submission;
}

/** One revision the submission cites, exactly as it was sent. */
export async function submissionFile(event: RequestEvent<Params>): Promise<Response> {
	const submission = await submissionOf(event);
	const revision = await submissionRevisionFor(submission, event.params.revisionId!);
	return downloadRevision(event, { revision, organisationId: submission.organisationId, submission: { id: submission.id, partnershipId: submission.partnershipId } });
}

/** Every file the submission cites, in one streamed ZIP with an index. */
export async function submissionEvidenceZip(event: RequestEvent<Params>): Promise<Response> {
	const submission = await submissionOf(event);
	const entries = zipLayout(submission.snapshot);
	if (!entries.length) error(404, 'This submission cites no evidence');
	const stored = await submissionFiles(db(), submission.id);
	const keys = new Map<string, string>();
	const missing = new Set<string>();
	for (const e of entries) {
		const key = stored.get(e.file.revisionId)?.storageKey;
		if (key) keys.set(e.file.revisionId, key);
		else missing.add(e.file.revisionId);
	}
	const included = entries.filter((e) => keys.has(e.file.revisionId));
	await recordAudit(db(), auditContext(event), {
		action: 'evidence.download_all',
		organisationId: submission.organisationId,
		partnershipId: submission.partnershipId,
		subjectType: 'submission',
		subjectId: submission.id,
		detail: { files: included.length, bytes: included.reduce((n, e) => n + e.file.size, 0), notIncluded: entries.length - included.length }
	});
	const { organisation, cycle } = submission.snapshot;
	const name = `${safeSegment(`${organisation.name} ${cycle.title} version ${submission.version} evidence`, 150)}.zip`;
	const zip = evidenceZip(evidenceServices().storage, entries, keys, zipIndex(entries, missing), submission.submittedAt);
	return new Response(webStream(zip), {
		headers: { ...FILE_HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(name) }
	});
}
