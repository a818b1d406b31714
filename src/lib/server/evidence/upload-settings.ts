// The settings an evidence upload runs with, from the instance's services and
// configuration and the person's session: one place for every upload route.
import { confirmEvidenceForSession } from '../auth/sessions';
import { config, db, evidenceServices } from '../runtime';
import type { UploadOutcome, UploadSettings } from './upload';

const MB = 1024 * 1024;

export function uploadSettings(locals: App.Locals): UploadSettings {
	const { storage, scanner, spoolDir } = evidenceServices();
	const c = config();
	return {
		db: db(),
		storage,
		scanner,
		log: locals.log,
		spoolDir,
		maxFileBytes: c.UPLOAD_MAX_MB * MB,
		quotaBytes: c.EVIDENCE_QUOTA_MB * MB,
		confirmedInSession: Boolean(locals.session?.evidenceConfirmedAt)
	};
}

/** After an upload the person confirmed for: the session remembers, so the tick is asked once. */
export async function rememberConfirmation(locals: App.Locals, outcome: UploadOutcome): Promise<void> {
	if (outcome.ok && outcome.confirmed && locals.session) await confirmEvidenceForSession(db(), locals.session.id);
}
