// What a feedback letter says, read from the moderation tables, the challenge
// log and the organisation's live action plan, as they are now.
import type { Queryable } from './db';
import { getModeration } from './moderation';
import { getSubmission } from './submissions';
import { getTemplate } from './templates';
import { listChallenges } from './challenge-log';
import { listActions } from './actions';
import { standardSelfGrade } from '../domain/moderation';
import type { LetterFacts } from '../domain/letters';
import { ukToday } from '../domain/cycles';

/** The letter's facts for one organisation in a cycle, or null when it has no moderation. */
export async function letterFacts(db: Queryable, cycleId: string, organisationId: string): Promise<{ facts: LetterFacts; submissionId: string; moderationState: string } | null> {
	const moderation = await getModeration(db, cycleId, organisationId);
	if (!moderation) return null;
	const submission = await getSubmission(db, moderation.submissionId);
	const template = submission && (await getTemplate(db, submission.snapshot.template.id));
	if (!submission || !template) return null;
	const scale = template.definition.scale;
	const [challenges, returnRow] = await Promise.all([
		listChallenges(db, { organisationId, cycleId, partnershipId: moderation.partnershipId }, ukToday(), 200),
		db.query<{ id: string }>('select r.id from returns r join return_cycles rc on rc.return_id = r.id where r.organisation_id = $1 and rc.cycle_id = $2', [organisationId, cycleId])
	]);
	const actions = returnRow[0] ? (await listActions(db, returnRow[0].id)).filter((a) => a.status !== 'done') : [];
	const snapshot = submission.snapshot;
	return {
		submissionId: submission.id,
		moderationState: moderation.state,
		facts: {
			partnershipName: snapshot.cycle.partnershipName,
			organisationName: snapshot.organisation.name,
			cycleTitle: snapshot.cycle.title,
			scale,
			standards: snapshot.standards.map((s) => {
				const m = moderation.standards.get(s.code);
				return {
					code: s.code,
					title: s.title,
					self: standardSelfGrade(scale, s.requirements.map((r) => r.grade)),
					moderated: m?.grade ?? null,
					agreed: m?.agreedGrade ?? null,
					rationale: m?.rationale ?? '',
					changeRequest: m?.changeRequest ?? '',
					agreedRationale: m?.agreedRationale ?? ''
				};
			}),
			criteria: moderation.criteria,
			summary: moderation.summary,
			challenges: challenges.challenges.map((c) => ({ text: c.text, dueOn: c.dueOn, status: c.status, standardCode: c.standardCode })),
			actions: actions.map((a) => ({ description: a.description, owner: a.owner, dueOn: a.dueOn, requirementCode: a.requirementCode }))
		}
	};
}
