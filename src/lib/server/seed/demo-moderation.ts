// The demo partnership part-way through moderating last year's Section 11
// audit: the police's return moderated and complete (agreed grades confirmed by
// the chair), one accepted and waiting for the chair, one assigned and in
// progress, the rest not yet assigned; and this year, changes requested of the
// ambulance trust. Everything goes through the functions people use.
import type { Queryable } from '../db';
import type { AuditContext } from '../audit-log';
import type { Cycle } from '../cycles';
import { getTemplate } from '../templates';
import { getSubmission } from '../submissions';
import { ensureModeration, saveReview, saveStandard, getModeration } from '../moderation';
import { assignModerations, takeStep } from '../moderation-steps';
import { REVIEW_CRITERIA, standardSelfGrade, type Criteria } from '../../domain/moderation';
import type { DemoWorld } from './demo-cycles';

const as = (world: DemoWorld, email: string): AuditContext => ({ actorId: world.users.get(email)!.id, actorEmail: email, ip: null, userAgent: 'demo seed', requestId: null });
const MODERATOR = 'moderator@northmere.example.org';
const CHAIR = 'chair@northmere.example.org';

async function latestSubmission(tx: Queryable, cycle: Cycle, organisationId: string) {
	const [row] = await tx.query<{ id: string }>('select id from submissions where cycle_id = $1 and organisation_id = $2 order by version desc limit 1', [cycle.id, organisationId]);
	return row ? (await getSubmission(tx, row.id))! : null;
}

/** Moderated grades: the self grade, one step weaker for the standards named in `weaker`. */
async function moderate(tx: Queryable, world: DemoWorld, cycle: Cycle, name: string, weaker: string[], changeRequests: Record<string, string> = {}) {
	const organisationId = world.organisations.get(name)!.id;
	const submission = await latestSubmission(tx, cycle, organisationId);
	if (!submission) return null;
	const scale = (await getTemplate(tx, submission.snapshot.template.id))!.definition.scale;
	const ctx = as(world, MODERATOR);
	const m = await ensureModeration(tx, submission);
	for (const s of submission.snapshot.standards) {
		const self = standardSelfGrade(scale, s.requirements.map((r) => r.grade));
		const i = scale.grades.findIndex((g) => g.value === self);
		const grade = weaker.includes(s.code) ? (scale.grades[Math.min(i + 1, scale.grades.length - 1)]?.value ?? self) : self;
		const rationale = weaker.includes(s.code)
			? 'The narrative describes the policy but the evidence does not show it working in practice: no audit of cases or staff survey.'
			: 'The grade is supported by the narrative and the evidence cited.';
		await saveStandard(tx, ctx, m, s.code, { grade, rationale, requirementGrades: {}, changeRequest: changeRequests[s.code] ?? '' }, 0);
	}
	const criteria: Criteria = Object.fromEntries(REVIEW_CRITERIA.map((c, i) => [c.key, { rating: i % 3 === 1 ? 'partly' : 'yes', comment: '' }]));
	await saveReview(tx, ctx, m, { criteria, summary: 'A thorough return. Strengths in leadership and training; the evidence for supervision is thin.' }, 0);
	return { submission, moderation: (await getModeration(tx, cycle.id, organisationId))! };
}

export async function seedDemoModeration(tx: Queryable, world: DemoWorld, past: Cycle, current: Cycle) {
	const notice = (name: string, cycle: Cycle) => ({ origin: 'http://localhost:3000', organisationName: name, cycleTitle: cycle.title, partnershipName: cycle.partnershipName });
	const moderatorId = world.users.get(MODERATOR)!.id;
	const ids = (names: string[]) => names.map((n) => world.organisations.get(n)!.id);
	await assignModerations(tx, as(world, CHAIR), past, ids(['Mercia Vale Police', 'Mercia Vale Ambulance Service NHS Trust', 'Northmere Council Children’s Services']), moderatorId);

	const police = await moderate(tx, world, past, 'Mercia Vale Police', ['3', '5']);
	if (police) {
		await takeStep(tx, as(world, MODERATOR), police.moderation, 'accept', police.moderation.version, notice('Mercia Vale Police', past));
		const accepted = (await getModeration(tx, past.id, police.moderation.organisationId))!;
		await takeStep(tx, as(world, CHAIR), accepted, 'complete', accepted.version, notice('Mercia Vale Police', past), { confirmAgreed: true });
	}
	const ambulance = await moderate(tx, world, past, 'Mercia Vale Ambulance Service NHS Trust', ['2']);
	if (ambulance) await takeStep(tx, as(world, MODERATOR), ambulance.moderation, 'accept', ambulance.moderation.version, notice('Mercia Vale Ambulance Service NHS Trust', past));
	await moderate(tx, world, past, 'Northmere Council Children’s Services', []);

	// This year: the moderator has asked the ambulance trust for more on standard 1.
	await assignModerations(tx, as(world, CHAIR), current, ids(['Mercia Vale Ambulance Service NHS Trust']), moderatorId);
	const asked = await moderate(tx, world, current, 'Mercia Vale Ambulance Service NHS Trust', [], { '1': 'Add the board minutes where the safeguarding annual report was discussed, and say what changed as a result.' });
	if (asked) await takeStep(tx, as(world, MODERATOR), asked.moderation, 'request_changes', asked.moderation.version, notice('Mercia Vale Ambulance Service NHS Trust', current));
}
