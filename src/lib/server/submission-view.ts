// A submission as its pages show it: the snapshot, its sibling versions, and
// (when asked) what changed since another version.
import { error } from '@sveltejs/kit';
import { compareSnapshots } from '../domain/snapshot';
import { getSubmission, submissionVersions, type Submission } from './submissions';
import { db } from './runtime';

export async function submissionPage(submission: Submission, compareWith: string | null) {
	const versions = await submissionVersions(db(), submission.cycleId, submission.organisationId);
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
		comparison
	};
}
