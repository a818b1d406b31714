// What the moderation workspace and the reports read of a submission, written
// beside it when it is made (migrations 0010 and 0017): grades and evidence
// counts by standard, each requirement's grade by code, each action's status
// and due date. The snapshot stays the record; this spares reading it whole.
import type { Queryable } from './db';
import { actionSummary, answerSummary, gradeSummary, type Snapshot } from '../domain/snapshot';

export async function recordSubmissionSummary(tx: Queryable, submissionId: string, snapshot: Pick<Snapshot, 'standards' | 'evidence' | 'actions'>): Promise<void> {
	await tx.query('insert into submission_summaries (submission_id, grades, answers, actions) values ($1, $2, $3, $4)', [
		submissionId,
		gradeSummary(snapshot),
		answerSummary(snapshot),
		actionSummary(snapshot)
	]);
}
