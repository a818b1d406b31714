// Notices of each step in a challenge: to the organisation's leads (who can
// sign in) and the partnership's chairs, through the outbox, in the step's
// transaction. Each side gets the link to the entry on its own pages.
import type { Queryable } from './db';
import { enqueueMail } from './mail';
import type { Challenge } from './challenge-log';
import { CHALLENGE_STATUS_LABELS, STEP_LABELS, type StepKind } from '../domain/challenges';
import { formatDate } from '../domain/dates';

const WHAT: Record<StepKind, (c: Challenge, by: string) => string> = {
	raise: (c, by) => `${by} raised a challenge with ${c.organisationName} for ${c.partnershipName}.`,
	answer: (c, by) => `${by} answered the challenge for ${c.organisationName}. It now waits for the chair’s decision.`,
	accept: (c, by) => `${by} accepted ${c.organisationName}’s answer to the challenge.`,
	further: (c, by) => `${by} challenged ${c.organisationName} further.`,
	escalate: (c, by) => `${by} escalated the challenge with ${c.organisationName}.`,
	close: (c, by) => `${by} closed the challenge with ${c.organisationName}.`
};

export async function notifyStep(tx: Queryable, challenge: Challenge, kind: StepKind, actor: { name: string; origin: string }): Promise<void> {
	const people = await tx.query<{ email: string; side: 'organisation' | 'partnership' }>(
		`select distinct u.email, 'organisation' as side from organisation_roles r join users u on u.id = r.user_id
		 where r.organisation_id = $1 and r.role = 'lead' and u.disabled_at is null
		 union
		 select distinct u.email, 'partnership' as side from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = $2 and r.role = 'chair' and u.disabled_at is null
		 order by 1`,
		[challenge.organisationId, challenge.partnershipId]
	);
	const about = [challenge.standardCode && `standard ${challenge.requirementCode ?? challenge.standardCode}`, challenge.cycleTitle].filter(Boolean).join(', ');
	const subject = `${STEP_LABELS[kind]}: ${challenge.organisationName}${about ? ` (${about})` : ''}`;
	for (const p of people) {
		const link =
			p.side === 'organisation'
				? `${actor.origin}/organisations/${challenge.organisationId}/challenges/${challenge.id}`
				: `${actor.origin}/partnerships/${challenge.partnershipId}/challenges/${challenge.id}`;
		await enqueueMail(tx, {
			to: p.email,
			subject,
			text: [
				WHAT[kind](challenge, actor.name),
				'',
				`Now: ${CHALLENGE_STATUS_LABELS[challenge.status]}. Due: ${formatDate(challenge.dueOn)}.`,
				'',
				'The challenge:',
				challenge.text,
				'',
				`Read it and its history: ${link}`
			].join('\n')
		});
	}
}
