// A submission as its pages show it: the snapshot, its sibling versions, and
// (when asked) what changed since another version.
import { error } from '@sveltejs/kit';
import { compareSnapshots } from '../domain/snapshot';
import { getSubmission, submissionVersions, type Submission } from './submissions';
import { db } from './runtime';
import { submissionFiles } from './evidence-downloads';
import { kindOfMediaType } from './evidence/file-types';

/** How the types of the files a snapshot cites are named to people, by media type. */
function evidenceTypes(snapshot: Submission['snapshot']): Record<string, string> {
	const types = new Set(Object.values(snapshot.evidence).flatMap((files) => files.map((f) => f.mediaType)));
	return Object.fromEntries([...types].map((t) => [t, kindOfMediaType(t)?.label ?? t]));
}

export async function submissionPage(submission: Submission, compareWith: string | null) {
	const [versions, files] = await Promise.all([submissionVersions(db(), submission.cycleId, submission.organisationId), submissionFiles(db(), submission.id)]);
	let comparison = null;
	if (compareWith) {
		const other = versions.find((v) => v.id === compareWith);
		if (!other || other.id === submission.id) error(404, 'Not found');
		const older = (await getSubmission(db(), other.id))!;
		comparison = { version: older.version, changes: compareSnapshots(older.snapshot, submission.snapshot) };
	}
	return {
		submission: {
			id: submission.id,
			version: submission.version,
			submittedAt: submission.submittedAt.toISOString(),
			late: submission.late,
			snapshot: submission.snapshot
		},
		versions: versions.map((v) => ({ id: v.id, version: v.version, submittedAt: v.submittedAt.toISOString(), late: v.late })),
		comparison,
		evidenceTypes: evidenceTypes(submission.snapshot),
		purgedEvidence: [...files].filter(([, f]) => !f.storageKey).map(([id]) => id)
	};
}
