// What the record of an organisation's session shows beside its form: each
// standard's moderated grade and what is agreed now, the scale, and the
// challenges already raised with it at this event.
import type { Queryable } from './db';
import { getModeration } from './moderation';
import { getTemplate } from './templates';
import type { Cycle } from './cycles';
import type { ChallengeStatus } from '../domain/challenges';
import type { RecordStandard } from '../domain/challenge-events';


export async function recordView(db: Queryable, cycle: Cycle, event: { id: string }, organisationId: string) {
	const [template, moderation, challenges] = await Promise.all([
		getTemplate(db, cycle.templateId),
		getModeration(db, cycle.id, organisationId),
		db.query<{ id: string; text: string; standard_code: string | null; due_on: string; status: ChallengeStatus }>(
			`select id, text, standard_code, due_on, status from challenges where challenge_event_id = $1 and organisation_id = $2 order by raised_at`,
			[event.id, organisationId]
		)
	]);
	const definition = template!.definition;
	const standards: RecordStandard[] = definition.standards
		.filter((s) => cycle.standardCodes.includes(s.code))
		.map((s) => {
			const m = moderation?.standards.get(s.code);
			return { code: s.code, title: s.title, moderated: m?.grade ?? null, agreed: m?.agreedGrade ?? null, agreedRationale: m?.agreedRationale ?? '', agreedSource: m?.agreedSource ?? null };
		});
	return {
		moderated: Boolean(moderation && moderation.standards.size),
		standards,
		grades: definition.scale.grades.map((g) => ({ value: g.value, label: g.label })),
		challenges: challenges.map((c) => ({ id: c.id, text: c.text, standardCode: c.standard_code, dueOn: c.due_on, status: c.status }))
	};
}
