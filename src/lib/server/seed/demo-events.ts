// The demo's challenge events. Last month the chair held one on last year's
// Section 11 audit (the cycle being moderated; this year's has only just had
// its first return): the police force and the ambulance trust were recorded,
// the trust's grades agreed there and a challenge raised with it. Next month
// one is planned on this year's audit with two slots. Written through the
// functions people use, without sending any invitations.
import type { Queryable } from '../db';
import type { AuditContext } from '../audit-log';
import type { Cycle } from '../cycles';
import { createEvent, getEvent, setPanel } from '../challenge-events';
import { inviteOrganisations, saveRecord } from '../challenge-event-slots';
import { getModeration } from '../moderation';
import { ukDateAndTime, ukMoment } from '../../domain/event-times';
import type { DemoWorld } from './demo-cycles';

const DAY = 86_400_000;
const CHAIR = 'chair@northmere.example.org';

/** A UK time on the day `days` from today. */
const on = (world: DemoWorld, days: number, time: string) => ukMoment(ukDateAndTime(new Date(world.today.getTime() + days * DAY)).date, time);

export async function seedDemoEvents(tx: Queryable, world: DemoWorld, past: Cycle, current: Cycle): Promise<void> {
	const ctx: AuditContext = { actorId: world.users.get(CHAIR)!.id, actorEmail: CHAIR, ip: null, userAgent: 'demo seed', requestId: null };
	const org = (name: string) => world.organisations.get(name)!.id;
	const panel = ['chair@northmere.example.org', 'board@northmere.example.org', 'business.unit@northmere.example.org'].map((e) => world.users.get(e)!.id);

	const heldId = await createEvent(tx, ctx, past, {
		title: 'Section 11 challenge event: police and ambulance',
		startsAt: on(world, -30, '10:00'),
		endsAt: on(world, -30, '12:00'),
		place: 'Council Chamber, Northmere Civic Centre',
		onlineLink: '',
		agenda: '10:00 Mercia Vale Police: standards 3 and 5\n10:45 Mercia Vale Ambulance Service NHS Trust: standard 2\n11:30 The panel agrees outcomes and challenges'
	});
	const held = (await getEvent(tx, heldId))!;
	await setPanel(tx, ctx, held, panel, [{ name: 'Dr Priya Rao', email: 'priya.rao@icb.example.org', role: 'Designated doctor, NHS Mercia Vale ICB' }]);
	const [policeSlot, ambulanceSlot] = await inviteOrganisations(tx, ctx, held, [
		{ organisationId: org('Mercia Vale Police'), startsAt: on(world, -30, '10:00'), endsAt: on(world, -30, '10:45'), reason: 'Standard 3: self Good, moderated Requires improvement; Standard 5: self Good, moderated Requires improvement' },
		{ organisationId: org('Mercia Vale Ambulance Service NHS Trust'), startsAt: on(world, -30, '10:45'), endsAt: on(world, -30, '11:30'), reason: 'Standard 2: self Good, moderated Requires improvement; never at a challenge event' }
	]);
	await saveRecord(tx, ctx, held, policeSlot, {
		attendees: 'DCI Karen Walsh (safeguarding lead)\nACC Fiona Grant (executive lead)',
		questions: [
			{ question: 'How do you know the referral policy is followed on night shifts?', answer: 'A dip sample of 40 referrals in the spring: 36 met the standard. The four that did not were followed up with the officers.' },
			{ question: 'What did the staff survey say about supervision?', answer: 'Two thirds of response officers have monthly supervision; the rest are covered by the new rota from April.' }
		],
		outcome: 'assured',
		agreed: {}
	}, policeSlot.version, '');
	const ambulance = (await getModeration(tx, past.id, org('Mercia Vale Ambulance Service NHS Trust')))!;
	const agreed = Object.fromEntries([...ambulance.standards.values()].filter((s) => s.grade).map((s) => [s.code, { grade: s.grade!, rationale: s.code === '2' ? 'The panel heard how the policy is applied but saw no audit: the moderated grade stands.' : '' }]));
	await saveRecord(tx, ctx, held, ambulanceSlot, {
		attendees: 'Head of safeguarding\nDirector of nursing',
		questions: [{ question: 'Where is the evidence that the safeguarding policy reaches crews on the road?', answer: 'Crews complete an annual e-learning module; an audit of calls is planned.' }],
		outcome: 'partly_assured',
		agreed
	}, ambulanceSlot.version, `Agreed at ${held.title}`);
	// The challenge the panel raised with the trust, written as raising it would leave it, without a notice.
	const [challenge] = await tx.query<{ id: string }>(
		`insert into challenges (partnership_id, organisation_id, cycle_id, submission_id, standard_code, source, challenge_event_id, raised_by, raised_at, text, due_on, status, updated_at)
		 values ($1, $2, $3, $4, '2', 'challenge_event', $5, $6, $7, $8, $9, 'open', $7) returning id`,
		[past.partnershipId, ambulance.organisationId, past.id, ambulance.submissionId, held.id, ctx.actorId, on(world, -30, '11:40'),
			'Send the panel the audit of calls planned at the challenge event, with what it found about crews applying the safeguarding policy.', ukDateAndTime(new Date(world.today.getTime() + 30 * DAY)).date]
	);
	await tx.query(
		`insert into challenge_steps (challenge_id, seq, kind, actor_id, actor_name, at, text, new_due_on, status_after)
		 select id, 1, 'raise', raised_by, $2, raised_at, text, due_on, 'open' from challenges where id = $1`,
		[challenge.id, world.users.get(CHAIR)!.name]
	);

	const plannedId = await createEvent(tx, ctx, current, {
		title: 'Section 11 challenge event: health',
		startsAt: on(world, 30, '13:30'),
		endsAt: on(world, 30, '15:30'),
		place: 'Room 2, Northmere Civic Centre',
		onlineLink: 'https://meet.example.org/northmere-challenge-event',
		agenda: 'Each organisation presents the evidence behind its grades for standards 1 to 3, then the panel asks its questions.'
	});
	const planned = (await getEvent(tx, plannedId))!;
	await setPanel(tx, ctx, planned, panel.slice(0, 2), []);
	await inviteOrganisations(tx, ctx, planned, [
		{ organisationId: org('Mercia Vale Ambulance Service NHS Trust'), startsAt: on(world, 30, '13:30'), endsAt: on(world, 30, '14:15'), reason: 'Partly assured at last month’s event; an open challenge' },
		{ organisationId: org('Mercia Vale Community Health NHS Trust'), startsAt: on(world, 30, '14:15'), endsAt: on(world, 30, '15:00'), reason: 'Never at a challenge event of the partnership' }
	]);
}
