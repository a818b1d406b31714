// The demo's challenge log: a handful of Northmere's challenges from last
// year's Section 11 moderation onwards, so a newcomer sees a live log (open,
// overdue, answered, closed). Written straight into the log's tables, as the
// steps would have left them, without sending any notices.
import type { Queryable } from '../db';
import type { DemoWorld } from './demo-cycles';
import type { ChallengeSource, ChallengeStatus, StepKind } from '../../domain/challenges';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

type DemoStep = { kind: StepKind; by: string; daysAgo: number; text: string; dueIn?: number; status: ChallengeStatus };
type DemoChallenge = { organisation: string; standard: number; source: ChallengeSource; text: string; dueIn: number; steps: DemoStep[] };

const CHAIR = 'chair@northmere.example.org';
const MODERATOR = 'moderator@northmere.example.org';

const CHALLENGES: DemoChallenge[] = [
	{
		organisation: 'Mercia Vale Police', standard: 2, source: 'moderation', dueIn: -14,
		text: 'Your self grade for this standard is Good, but the evidence is one policy from 2021. Show how the policy is applied in practice, for example an audit of referrals.',
		steps: [{ kind: 'raise', by: CHAIR, daysAgo: 45, text: '', status: 'open' }]
	},
	{
		organisation: 'Mercia Vale Police', standard: 5, source: 'board_meeting', dueIn: 7,
		text: 'The board asked how staff who work nights get safeguarding training. Please set out the arrangements and attendance for the last year.',
		steps: [
			{ kind: 'raise', by: CHAIR, daysAgo: 30, text: '', status: 'open' },
			{ kind: 'answer', by: 'lead@police.example.org', daysAgo: 10, text: 'Night teams have a recorded e-learning module and a quarterly face-to-face session at shift change. Attendance last year was 87%; we are chasing the rest through supervisors.', status: 'answered' }
		]
	},
	{
		organisation: 'Mercia Vale Community Health NHS Trust', standard: 4, source: 'moderation', dueIn: 21,
		text: 'Describe how learning from the last two rapid reviews has changed practice in community nursing.',
		steps: [{ kind: 'raise', by: MODERATOR, daysAgo: 7, text: '', status: 'open' }]
	},
	{
		organisation: 'Northmere Hospitals NHS Foundation Trust', standard: 3, source: 'moderation', dueIn: -150,
		text: 'The safer recruitment audit is missing from the evidence. Please provide it.',
		steps: [
			{ kind: 'raise', by: CHAIR, daysAgo: 200, text: '', status: 'open' },
			{ kind: 'answer', by: 'lead@northmere-hospitals-nhs-foundation-trust.example.org', daysAgo: 170, text: 'The audit (March) is now in the evidence with the action plan that followed it.', status: 'answered' },
			{ kind: 'accept', by: CHAIR, daysAgo: 160, text: 'Thank you: the audit and its actions answer the challenge.', status: 'accepted' },
			{ kind: 'close', by: CHAIR, daysAgo: 160, text: '', status: 'closed' }
		]
	}
];

export async function seedDemoChallenges(tx: Queryable, world: DemoWorld, standards: string[], cycleTitle: string): Promise<void> {
	const partnershipId = world.partnerships.get('Northmere')!;
	const cycle = (await tx.query<{ id: string }>('select id from cycles where partnership_id = $1 and title = $2', [partnershipId, cycleTitle]))[0];
	const at = (daysAgo: number) => new Date(world.today.getTime() - daysAgo * DAY);
	for (const c of CHALLENGES) {
		const organisationId = world.organisations.get(c.organisation)!.id;
		const submission = (await tx.query<{ id: string }>('select id from submissions where cycle_id = $1 and organisation_id = $2 order by version desc limit 1', [cycle.id, organisationId]))[0];
		const raise = c.steps[0];
		const last = c.steps[c.steps.length - 1];
		const person = (email: string) => world.users.get(email) ?? { id: null, name: 'A former lead' };
		const rows = await tx.query<{ id: string }>(
			`insert into challenges (partnership_id, organisation_id, cycle_id, submission_id, standard_code, source, raised_by, raised_at, text, due_on, status, updated_at, version)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
			[partnershipId, organisationId, cycle.id, submission?.id ?? null, standards[c.standard - 1], c.source, person(raise.by).id, at(raise.daysAgo), c.text,
				iso(new Date(world.today.getTime() + c.dueIn * DAY)), last.status, at(last.daysAgo), c.steps.length]
		);
		for (const [i, s] of c.steps.entries()) {
			await tx.query(
				`insert into challenge_steps (challenge_id, seq, kind, actor_id, actor_name, at, text, new_due_on, status_after) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				[rows[0].id, i + 1, s.kind, person(s.by).id, person(s.by).name, at(s.daysAgo), s.kind === 'raise' ? c.text : s.text,
					s.kind === 'raise' ? iso(new Date(world.today.getTime() + c.dueIn * DAY)) : null, s.status]
			);
		}
	}
}
