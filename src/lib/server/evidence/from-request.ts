// An evidence upload as a route receives it: the settings of this instance, the
// person's session confirmation, and the audit context of the request.
import type { RequestEvent } from '@sveltejs/kit';
import { auditContext } from '../request';
import { config, db, evidenceServices } from '../runtime';
import { confirmEvidenceForSession } from '../auth/sessions';
import { receiveEvidence, type UploadOutcome, type UploadTarget } from './upload';
import { ACCEPTED_TYPES } from './file-types';

const MB = 1024 * 1024;

export async function uploadFromRequest(event: RequestEvent, target: UploadTarget): Promise<UploadOutcome> {
	const c = config();
	const session = event.locals.session;
	const outcome = await receiveEvidence(event.request, auditContext(event), target, {
		db: db(),
		...evidenceServices(),
		log: event.locals.log,
		maxFileBytes: c.UPLOAD_MAX_MB * MB,
		quotaBytes: c.EVIDENCE_QUOTA_MB * MB,
		confirmedInSession: Boolean(session?.evidenceConfirmedAt)
	});
	// The tick counts for the rest of the session once a file was kept with it.
	if (session && !session.evidenceConfirmedAt && outcome.files.some((f) => f.ok)) {
		await confirmEvidenceForSession(db(), session.id);
		session.evidenceConfirmedAt = new Date();
	}
	return outcome;
}

/** What an upload form says about itself: the limit, the types, whether the tick is still needed. */
export function uploadFormSettings(event: Pick<RequestEvent, 'locals'>) {
	return {
		maxMb: config().UPLOAD_MAX_MB,
		accepted: ACCEPTED_TYPES,
		confirmNeeded: !event.locals.session?.evidenceConfirmedAt,
		scanned: evidenceServices().scanner.enabled
	};
}
