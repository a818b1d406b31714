// The demo's audit cycles, dated relative to today so the demo never goes
// stale: last year's cycles closed with varied returns; this year's open and
// part-way through. Everything goes through the same functions people use.
import type { Queryable } from '../db';
import type { AuditContext } from '../audit-log';
import { SYSTEM_CONTEXT } from '../audit-log';
import { createCycle, setCycleClosed, type Cycle } from '../cycles';
import { bulkSaveResponses, getReturn } from '../returns';
import { addAction } from '../actions';
import { startCycle } from '../start-cycle';
import { signReturn, submitReturn } from '../submissions';
import { createUser } from '../users';
import { grantRole } from '../people';
import type { SignatoryCapacity } from '../../domain/roles';
import { demoAnswers, random, seedOf, type Profile } from './demo-answers';
import { seedDemoModeration } from './demo-moderation';
import { seedDemoChallenges } from './demo-challenges';
import { seedDemoEvents } from './demo-events';
import { seedDemoLetters } from './demo-letters';

const DAY = 86_400_000;

export interface DemoWorld {
	today: Date;
	partnerships: Map<string, string>;
	organisations: Map<string, { id: string; kind: 'agency' | 'school' | 'other'; partnerships: string[] }>;
	templates: { s11: string; s175: string };
	users: Map<string, { id: string; name: string }>;
	passwordHash: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFrom = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);

const FIRST = ['Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Nadia', 'Omar', 'Grace', 'Tom', 'Aisha', 'Ruth', 'Dev', 'Hannah', 'Ian', 'Megan', 'Raj'];
const LAST = ['Turner', 'Osei', 'Clarke', 'Ahmed', 'Morgan', 'Bell', 'Khan', 'Walker', 'Price', 'Hughes', 'Patel', 'Lloyd', 'Evans', 'Baker'];

/** The organisation's people who complete and sign returns: the named demo users, or made-up ones. */
async function peopleOf(tx: Queryable, world: DemoWorld, name: string, kind: string) {
	const org = world.organisations.get(name)!;
	const rand = random(seedOf(name));
	const person = () => `${FIRST[Math.floor(rand() * FIRST.length)]} ${LAST[Math.floor(rand() * LAST.length)]}`;
	const ensure = async (local: string, role: 'lead' | 'signatory', capacity: SignatoryCapacity | null) => {
		const email = `${local}@${slug(name)}.example.org`;
		const known = world.users.get(email);
		if (known) return { id: known.id, email, name: known.name };
		const user = await createUser(tx, { email, name: person(), passwordHash: world.passwordHash });
		await grantRole(tx, { userId: user.id, organisationId: org.id, role, capacity });
		world.users.set(email, { id: user.id, name: user.name });
		return { id: user.id, email, name: user.name };
	};
	const named = await tx.query<{ id: string; email: string; name: string; role: string; capacity: SignatoryCapacity | null }>(
		`select u.id, u.email, u.name, r.role, r.capacity from organisation_roles r join users u on u.id = r.user_id where r.organisation_id = $1`,
		[org.id]
	);
	const lead = named.find((n) => n.role === 'lead') ?? (await ensure('lead', 'lead', null));
	const capacities: SignatoryCapacity[] = kind === 'school' ? ['headteacher', 'governor'] : ['executive_lead'];
	const signatories = [];
	for (const capacity of capacities) {
		const existing = named.find((n) => n.role === 'signatory' && n.capacity === capacity);
		signatories.push({ capacity, ...(existing ?? (await ensure(capacity === 'governor' ? 'governor' : capacity === 'headteacher' ? 'head' : 'director', 'signatory', capacity))) });
	}
	return { org, lead, signatories };
}

const ctxOf = (user: { id: string; email: string }): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: user.id, actorEmail: user.email });

/** Completes, signs and submits an organisation's return to the given cycles on `day`. */
async function submitAs(tx: Queryable, world: DemoWorld, name: string, cycles: Cycle[], day: Date, profile: Profile) {
	const { org, lead, signatories } = await peopleOf(tx, world, name, world.organisations.get(name)!.kind);
	const ctx = ctxOf(lead);
	const started = await startCycle(tx, ctx, org.id, cycles[0], daysFrom(day, -14));
	const ret = (await getReturn(tx, started.returnId))!;
	const owner = org.kind === 'school' ? 'Designated safeguarding lead' : 'Head of safeguarding';
	// Seeded by what stays the same from one day's demo to the next (the cycle's dates move with today), so
	// every fresh demo, and every test run on it, has the same answers.
	const before = Math.round((Date.parse(`${cycles[0].closesOn}T12:00:00Z`) - day.getTime()) / DAY);
	const answers = demoAnswers(ret.template.definition, profile, seedOf(`${name}|${cycles[0].title.replace(/\d+/g, '#')}|${before}`), owner, iso(day));
	await bulkSaveResponses(tx, ctx, ret, answers.responses, daysFrom(day, -7));
	if (started.created) for (const a of answers.actions) await addAction(tx, ctx, ret, a.requirementCode, a);
	for (const s of signatories) await signReturn(tx, ctxOf(s), ret, { userId: s.id, capacity: s.capacity, name: s.name, role: '' }, daysFrom(day, -1));
	const result = await submitReturn(tx, ctx, ret, name, cycles.map((c) => c.id), { name: lead.name, email: lead.email }, day);
	if (!result.ok) throw new Error(`demo submission for ${name} failed: ${result.problems.map((p) => p.message).join('; ')}`);
}

/** Starts a return on a cycle and answers part of it, as if work were under way. */
async function partWay(tx: Queryable, world: DemoWorld, name: string, cycle: Cycle, day: Date, share: number, profile: Profile) {
	const { org, lead } = await peopleOf(tx, world, name, world.organisations.get(name)!.kind);
	const ctx = ctxOf(lead);
	const started = await startCycle(tx, ctx, org.id, cycle, day);
	const ret = (await getReturn(tx, started.returnId))!;
	const answers = demoAnswers(ret.template.definition, profile, seedOf(`${name}partway`), 'Head of safeguarding', iso(day));
	const done = answers.responses.slice(0, Math.round(answers.responses.length * share));
	if (done.length) await bulkSaveResponses(tx, ctx, ret, done, daysFrom(day, 2));
}

function membersOf(world: DemoWorld, partnership: string, kind: 'agency' | 'school') {
	return [...world.organisations.entries()].filter(([, o]) => o.kind === kind && o.partnerships.includes(partnership)).map(([name]) => name);
}

async function cycle(tx: Queryable, world: DemoWorld, p: string, template: string, title: string, opens: Date, closes: Date, kind: 'agency' | 'school', standards: string[]) {
	const names = membersOf(world, p, kind);
	return createCycle(tx, SYSTEM_CONTEXT, {
		partnershipId: world.partnerships.get(p)!,
		templateId: template,
		title,
		standardCodes: standards,
		opensOn: iso(opens),
		closesOn: iso(closes),
		organisationIds: names.map((n) => world.organisations.get(n)!.id)
	});
}

const PROFILES: Profile[] = ['strong', 'mixed', 'mixed', 'weak', 'strong', 'mixed'];
const profileOf = (name: string) => PROFILES[seedOf(name) % PROFILES.length];

export async function seedDemoCycles(tx: Queryable, world: DemoWorld, standards: { s11: string[]; s175: string[] }) {
	const t = world.today;
	const lastYear = t.getUTCFullYear() - 1;
	const label = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`;

	// Last year, Northmere: a Section 11 audit and a schools audit, both closed.
	const s11Past = await cycle(tx, world, 'Northmere', world.templates.s11, `Section 11 audit ${label(lastYear)}`, daysFrom(t, -420), daysFrom(t, -360), 'agency', standards.s11);
	const nmAgencies = membersOf(world, 'Northmere', 'agency');
	for (const [i, name] of nmAgencies.entries()) {
		if (name === 'Northmere Homes' || name === 'Northmere Families Together') continue;
		const late = name === 'Northmere Youth Justice Service' || name.startsWith('Probation');
		await submitAs(tx, world, name, [s11Past], daysFrom(t, late ? -350 + i : -380 + i * 2), profileOf(name));
	}
	await setCycleClosed(tx, SYSTEM_CONTEXT, s11Past, true);

	for (const [p, skip] of [['Northmere', 4], ['Eastbrook', 4]] as const) {
		const past = await cycle(tx, world, p, world.templates.s175, `Schools safeguarding audit ${lastYear}`, daysFrom(t, -400), daysFrom(t, -330), 'school', standards.s175);
		const schools = membersOf(world, p, 'school');
		for (const [i, name] of schools.entries()) {
			if (i % Math.ceil(schools.length / skip) === 1) continue;
			await submitAs(tx, world, name, [past], daysFrom(t, i === 3 ? -325 : -360 + i), profileOf(name));
		}
		await setCycleClosed(tx, SYSTEM_CONTEXT, past, true);
	}

	// This year: Section 11 open in both partnerships; the ambulance trust sends one return to both.
	const s11Now = await cycle(tx, world, 'Northmere', world.templates.s11, `Section 11 audit ${label(lastYear + 1)}`, daysFrom(t, -49), daysFrom(t, 63), 'agency', standards.s11);
	const s11Eastbrook = await cycle(tx, world, 'Eastbrook', world.templates.s11, `Section 11 audit ${label(lastYear + 1)}`, daysFrom(t, -42), daysFrom(t, 70), 'agency', standards.s11);
	await submitAs(tx, world, 'Mercia Vale Ambulance Service NHS Trust', [s11Now, s11Eastbrook], daysFrom(t, -6), 'strong');
	await partWay(tx, world, 'Mercia Vale Police', s11Now, daysFrom(t, -20), 0.3, 'mixed');
	await partWay(tx, world, 'Mercia Vale Community Health NHS Trust', s11Now, daysFrom(t, -15), 0.6, 'strong');
	await partWay(tx, world, 'Eastbrook Borough Council', s11Eastbrook, daysFrom(t, -10), 0.2, 'mixed');

	// Schools: Northmere's audit for this year has just opened.
	const s175Now = await cycle(tx, world, 'Northmere', world.templates.s175, `Schools safeguarding audit ${lastYear + 1}`, daysFrom(t, -21), daysFrom(t, 56), 'school', standards.s175);
	await submitAs(tx, world, 'Castle Hill Primary School', [s175Now], daysFrom(t, -3), 'strong');
	await submitAs(tx, world, 'Kingsway High School', [s175Now], daysFrom(t, -2), 'mixed');
	await partWay(tx, world, 'Oakfield Primary School', s175Now, daysFrom(t, -5), 0.4, 'mixed');

	await seedDemoModeration(tx, world, s11Past, s11Now);
	// Northmere's challenge log, from last year's Section 11 moderation onwards.
	await seedDemoChallenges(tx, world, standards.s11, s11Past.title);
	await seedDemoEvents(tx, world, s11Past, s11Now);
	// Last year's letter to the police force, drafted (the demo server issues it at start).
	await seedDemoLetters(tx, world, s11Past);
}
