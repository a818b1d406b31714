// A region's worth of data a person can browse (`npm run seed:region`): seven
// partnerships, ~2,000 organisations, three cycles each (last year's schools
// audit, closed and part-moderated; this year's schools and Section 11 audits,
// open and part-way), evidence metadata and a challenge log. Returns, sign-offs,
// submissions and moderation go through the functions people use; the bulk
// (organisations, evidence records, challenges) is written in a few statements.
import type { Queryable } from '../db';
import { SYSTEM_CONTEXT, type AuditContext } from '../audit-log';
import { createPartnership } from '../partnerships';
import { recordRegisterDetails } from '../organisations';
import { createUser } from '../users';
import { grantRole } from '../people';
import { createCycle, setCycleClosed, type Cycle } from '../cycles';
import { startCycle } from '../start-cycle';
import { bulkSaveResponses, getReturn } from '../returns';
import { addAction } from '../actions';
import { getSubmission, signReturn, submitReturn } from '../submissions';
import { getTemplate } from '../templates';
import { ensureModeration, getModeration, saveReview, saveStandard } from '../moderation';
import { assignModerations, takeStep } from '../moderation-steps';
import { REVIEW_CRITERIA, standardSelfGrade, type Criteria } from '../../domain/moderation';
import { demoAnswers, random, seedOf, type Profile } from './demo-answers';
import { partnershipName, REGION_PARTNERSHIPS, regionAgencies, regionSlug, schoolsOf } from './region-data';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFrom = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
/** An organisation's lead signs in as lead@<its name>.example.org, as in the demo. */
export const leadEmail = (name: string) => `lead@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.example.org`;
const PROFILES: Profile[] = ['strong', 'mixed', 'mixed', 'weak', 'strong', 'mixed'];

interface Member {
	id: string;
	name: string;
	kind: 'agency' | 'school';
}

interface Staff {
	ctx: AuditContext;
	id: string;
	name: string;
}

export interface RegionSummary {
	partnerships: { area: string; id: string; staff: string[] }[];
	organisations: number;
	submissions: number;
	responses: number;
}

export type Progress = (message: string) => void;

async function person(db: Queryable, email: string, name: string, passwordHash: string): Promise<Staff> {
	const user = await createUser(db, { email, name, passwordHash });
	return { id: user.id, name, ctx: { ...SYSTEM_CONTEXT, actorId: user.id, actorEmail: email, userAgent: 'region seed' } };
}

/** Every organisation of the region, in bulk, and which partnerships each belongs to. */
async function organisations(db: Queryable, ids: string[], scale: number): Promise<Member[][]> {
	const members: Member[][] = ids.map(() => []);
	for (const [i, { area, schools }] of REGION_PARTNERSHIPS.entries()) {
		const list = schoolsOf(area, i, Math.max(1, Math.round(schools * scale)));
		const rows = await db.query<{ id: string; urn: string; name: string }>(
			`insert into organisations (name, kind, sector, urn) select unnest($1::text[]), 'school', 'education', unnest($2::text[]) returning id, urn, name`,
			[list.map((s) => s.name), list.map((s) => s.urn)]
		);
		await db.query(`insert into partnership_members (partnership_id, organisation_id) select $1, unnest($2::uuid[])`, [ids[i], rows.map((r) => r.id)]);
		for (const [n, s] of list.entries()) {
			await recordRegisterDetails(db, rows[n].id, {
				phase: s.phase, establishmentType: s.establishmentType, establishmentGroup: '', laCode: String(870 + i), laName: area,
				trustName: '', headName: '', pupils: s.pupils
			});
			members[i].push({ id: rows[n].id, name: s.name, kind: 'school' });
		}
	}
	for (const a of regionAgencies(scale)) {
		const [row] = await db.query<{ id: string }>(`insert into organisations (name, kind, sector) values ($1, 'agency', $2) returning id`, [a.name, a.sector]);
		for (const p of a.partnerships) {
			await db.query('insert into partnership_members (partnership_id, organisation_id) values ($1, $2)', [ids[p], row.id]);
			members[p].push({ id: row.id, name: a.name, kind: 'agency' });
		}
	}
	return members;
}

/** Evidence records (no files) for every organisation: a few to a few dozen documents each. */
async function evidence(db: Queryable): Promise<void> {
	await db.query(
		`insert into evidence_documents (organisation_id, title, review_by, created_at)
		 select o.id, 'Safeguarding document ' || i, case when i % 9 = 0 then current_date - 30 end, now() - (i || ' days')::interval
		 from organisations o, generate_series(1, 4 + (abs(hashtext(o.id::text)) % 30)) i`
	);
	await db.query(
		`insert into evidence_revisions (document_id, revision, file_name, media_type, size_bytes, sha256, storage_key, scan, text_check, findings)
		 select d.id, 1, d.title || '.pdf', 'application/pdf', 20000 + length(d.title) * 100, md5(d.id::text) || md5(d.title), 'region/' || md5(d.id::text) || md5(d.title),
			'not_scanned', 'checked', '[]'::jsonb
		 from evidence_documents d where not exists (select 1 from evidence_revisions r where r.document_id = d.id)`
	);
}

/** Completes, signs and submits one organisation's return to `cycles` on `day`; a share of it only, and unsent, when `share` < 1. */
async function answer(db: Queryable, lead: Staff, org: Member, cycles: Cycle[], day: Date, share = 1): Promise<boolean> {
	const profile = PROFILES[seedOf(org.name) % PROFILES.length];
	const started = await startCycle(db, lead.ctx, org.id, cycles[0], daysFrom(day, -14));
	const ret = (await getReturn(db, started.returnId))!;
	const owner = org.kind === 'school' ? 'Designated safeguarding lead' : 'Head of safeguarding';
	const answers = demoAnswers(ret.template.definition, profile, seedOf(`${org.name}${iso(day)}`), owner, iso(day));
	const done = answers.responses.slice(0, Math.round(answers.responses.length * share));
	if (done.length) await bulkSaveResponses(db, lead.ctx, ret, done, daysFrom(day, -7));
	if (share < 1) return false;
	if (started.created) for (const a of answers.actions) await addAction(db, lead.ctx, ret, a.requirementCode, a);
	const capacities = org.kind === 'school' ? (['headteacher', 'governor'] as const) : (['executive_lead'] as const);
	for (const capacity of capacities) await signReturn(db, lead.ctx, ret, { userId: lead.id, capacity, name: lead.name, role: '' }, daysFrom(day, -1));
	const result = await submitReturn(db, lead.ctx, ret, org.name, cycles.map((c) => c.id), { name: lead.name, email: 'region@example.org' }, day);
	if (!result.ok) throw new Error(`region submission for ${org.name} failed: ${result.problems.map((p) => p.message).join('; ')}`);
	return true;
}

/** Moderates a submission: the self grade, one step weaker on a standard now and then; accepted and completed. */
async function moderate(db: Queryable, moderator: Staff, chair: Staff, cycle: Cycle, org: Member, n: number): Promise<void> {
	const [row] = await db.query<{ id: string }>('select id from submissions where cycle_id = $1 and organisation_id = $2 order by version desc limit 1', [cycle.id, org.id]);
	if (!row) return;
	const submission = (await getSubmission(db, row.id))!;
	const scale = (await getTemplate(db, submission.snapshot.template.id))!.definition.scale;
	const m = await ensureModeration(db, submission);
	for (const [i, s] of submission.snapshot.standards.entries()) {
		const self = standardSelfGrade(scale, s.requirements.map((r) => r.grade));
		const k = scale.grades.findIndex((g) => g.value === self);
		const weaker = (n + i) % 5 === 0 && k >= 0;
		const grade = weaker ? (scale.grades[Math.min(k + 1, scale.grades.length - 1)]?.value ?? self) : self;
		const rationale = weaker ? 'The evidence shows the policy but not that it works in practice.' : 'The grade is supported by the narrative and the evidence cited.';
		await saveStandard(db, moderator.ctx, m, s.code, { grade, rationale, requirementGrades: {}, changeRequest: '' }, 0);
	}
	const criteria: Criteria = Object.fromEntries(REVIEW_CRITERIA.map((c, i) => [c.key, { rating: (n + i) % 3 === 1 ? 'partly' : 'yes', comment: '' }]));
	await saveReview(db, moderator.ctx, m, { criteria, summary: 'A thorough return; the evidence for supervision is thin.' }, 0);
	const notice = { origin: 'http://localhost:3000', organisationName: org.name, cycleTitle: cycle.title, partnershipName: cycle.partnershipName };
	const assigned = (await getModeration(db, cycle.id, org.id))!;
	await takeStep(db, moderator.ctx, assigned, 'accept', assigned.version, notice);
	if (n % 3 === 0) return; // accepted, waiting for the chair
	const accepted = (await getModeration(db, cycle.id, org.id))!;
	await takeStep(db, chair.ctx, accepted, 'complete', accepted.version, notice, { confirmAgreed: true });
}

/** A challenge log per partnership from last year's moderation: open (some overdue) and closed entries. */
async function challenges(db: Queryable, partnershipId: string, cycle: Cycle, chair: Staff, today: Date): Promise<void> {
	await db.query(
		`with picked as (
			select s.id, s.organisation_id, (row_number() over (order by s.submitted_at))::int as n
			from submissions s where s.cycle_id = $2 and s.version = (select max(version) from submissions x where x.cycle_id = s.cycle_id and x.organisation_id = s.organisation_id)
			limit 40)
		 insert into challenges (partnership_id, organisation_id, cycle_id, submission_id, standard_code, source, raised_by, raised_at, text, due_on, status, updated_at, version)
		 select $1, p.organisation_id, $2, p.id, ($3::text[])[1 + p.n % array_length($3::text[], 1)], case when p.n % 4 = 0 then 'board_meeting' else 'moderation' end, $4,
			$5::timestamptz - make_interval(days => 20 + p.n * 3),
			'Show how the policy for this standard is applied in practice, for example with an audit of cases from the last year.',
			$5::date + ((p.n % 7) * 15 - 45), case when p.n % 5 = 0 then 'closed' else 'open' end, $5::timestamptz - make_interval(days => p.n),
			case when p.n % 5 = 0 then 2 else 1 end
		 from picked p`,
		[partnershipId, cycle.id, cycle.standardCodes, chair.id, today]
	);
	await db.query(
		`insert into challenge_steps (challenge_id, seq, kind, actor_id, actor_name, at, text, new_due_on, status_after)
		 select c.id, 1, 'raise', $2::uuid, $3::text, c.raised_at, c.text, c.due_on, 'open' from challenges c where c.cycle_id = $1
		 union all
		 select c.id, 2, 'close', $2::uuid, $3::text, c.updated_at, 'Closed at the board: the audit sent answers the challenge.', null::date, 'closed'
		 from challenges c where c.cycle_id = $1 and c.status = 'closed'`,
		[cycle.id, chair.id, chair.name]
	);
}

/** `scale` shrinks every partnership's schools (tests build a small region the same way). */
export async function seedRegion(db: Queryable, passwordHash: string, options: { today?: Date; scale?: number; progress?: Progress } = {}): Promise<RegionSummary> {
	const { today = new Date(), scale = 1, progress = () => {} } = options;
	const t = today;
	const year = t.getUTCFullYear();
	const ids: string[] = [];
	for (const { area } of REGION_PARTNERSHIPS) {
		const created = await createPartnership(db, { name: partnershipName(area), area });
		if (!created.ok) throw new Error(`${partnershipName(area)} exists already: seed:region needs an empty database`);
		ids.push(created.partnership.id);
	}
	const members = await organisations(db, ids, scale);
	await evidence(db);
	const s11 = (await db.query<{ id: string }>(`select id from templates where slug = 'west-midlands-section-11' and status = 'published' order by version desc limit 1`))[0].id;
	const s175 = (await db.query<{ id: string }>(`select id from templates where slug = 'section-175-schools' and status = 'published' order by version desc limit 1`))[0].id;
	const codes = async (id: string) => (await getTemplate(db, id))!.definition.standards.map((s) => s.code);
	const standards = { s11: await codes(s11), s175: await codes(s175) };
	const summary: RegionSummary = { partnerships: [], organisations: 0, submissions: 0, responses: 0 };
	const leads = new Map<string, Staff>();
	const s11Now = new Map<number, Cycle>();

	for (const [i, { area }] of REGION_PARTNERSHIPS.entries()) {
		const mail = (who: string) => `${who}@${regionSlug(area)}.example.org`;
		const bu = await person(db, mail('business.unit'), `${area} Business Unit`, passwordHash);
		const chair = await person(db, mail('chair'), `Chair of ${area}`, passwordHash);
		const moderator = await person(db, mail('moderator'), `${area} Moderator`, passwordHash);
		const board = await person(db, mail('board'), `${area} Board Member`, passwordHash);
		for (const [who, role] of [[bu, 'business_unit'], [chair, 'chair'], [moderator, 'moderator'], [board, 'board_member']] as const) await grantRole(db, { userId: who.id, partnershipId: ids[i], role });
		summary.partnerships.push({ area, id: ids[i], staff: [mail('business.unit'), mail('chair'), mail('moderator'), mail('board')] });
		const schools = members[i].filter((m) => m.kind === 'school');
		const agencies = members[i].filter((m) => m.kind === 'agency');
		const leadOf = async (org: Member) => {
			const known = leads.get(org.id);
			if (known) return known;
			const lead = await person(db, leadEmail(org.name), `Safeguarding lead, ${org.name}`, passwordHash);
			await grantRole(db, { userId: lead.id, organisationId: org.id, role: 'lead' });
			leads.set(org.id, lead);
			return lead;
		};
		const cycle = (template: string, title: string, opens: number, closes: number, orgs: Member[], codesOf: string[]) =>
			createCycle(db, SYSTEM_CONTEXT, { partnershipId: ids[i], templateId: template, title, standardCodes: codesOf, opensOn: iso(daysFrom(t, opens)), closesOn: iso(daysFrom(t, closes)), organisationIds: orgs.map((o) => o.id) });

		progress(`${area}: last year's schools audit (${schools.length} schools)`);
		const past = await cycle(s175, `Schools safeguarding audit ${year - 1}`, -400, -330, schools, standards.s175);
		const rand = random(7 + i);
		for (const [n, school] of schools.entries()) {
			const r = rand();
			if (r < 0.08) continue; // never returned
			if (await answer(db, await leadOf(school), school, [past], daysFrom(t, r < 0.2 ? -325 + (n % 20) : -365 + (n % 30)))) summary.submissions++;
		}
		const returned = (await db.query<{ organisation_id: string }>('select distinct organisation_id from submissions where cycle_id = $1', [past.id])).map((r) => r.organisation_id);
		const moderated = schools.filter((s) => returned.includes(s.id));
		await assignModerations(db, chair.ctx, past, moderated.slice(0, 60).map((s) => s.id), moderator.id);
		for (const [n, school] of moderated.slice(0, 40).entries()) await moderate(db, moderator, chair, past, school, n);
		await setCycleClosed(db, SYSTEM_CONTEXT, past, true);
		await challenges(db, ids[i], past, chair, t);

		progress(`${area}: this year's schools and Section 11 audits`);
		const now = await cycle(s175, `Schools safeguarding audit ${year}`, -21, 56, schools, standards.s175);
		for (const [n, school] of schools.entries()) {
			const r = rand();
			if (r < 0.35) {
				if (await answer(db, await leadOf(school), school, [now], daysFrom(t, -1 - (n % 18)))) summary.submissions++;
			} else if (r < 0.55) await answer(db, await leadOf(school), school, [now], daysFrom(t, -2), 0.5);
		}
		s11Now.set(i, await cycle(s11, `Section 11 audit ${year}-${String((year + 1) % 100).padStart(2, '0')}`, -49, 63, agencies, standards.s11));
	}
	// Agencies answer once, for every partnership they belong to (as they do in the portal).
	progress('Agencies: one Section 11 return each, to all their partnerships');
	const agencyCycles = new Map<string, { org: Member; cycles: Cycle[] }>();
	for (const [i, list] of members.entries()) {
		for (const org of list.filter((m) => m.kind === 'agency')) {
			const entry = agencyCycles.get(org.id) ?? { org, cycles: [] };
			entry.cycles.push(s11Now.get(i)!);
			agencyCycles.set(org.id, entry);
		}
	}
	let k = 0;
	for (const { org, cycles } of agencyCycles.values()) {
		const lead = await person(db, leadEmail(org.name), `Head of safeguarding, ${org.name}`, passwordHash);
		await grantRole(db, { userId: lead.id, organisationId: org.id, role: 'lead' });
		await grantRole(db, { userId: lead.id, organisationId: org.id, role: 'signatory', capacity: 'executive_lead' });
		if (k % 5 < 2) {
			if (await answer(db, lead, org, cycles, daysFrom(t, -3 - (k % 20)))) summary.submissions++;
		} else if (k % 5 === 2) await answer(db, lead, org, cycles, daysFrom(t, -5), 0.4);
		k++;
	}
	const [counts] = await db.query<{ o: number; r: number }>('select (select count(*)::int from organisations) as o, (select count(*)::int from responses) as r');
	summary.organisations = counts.o;
	summary.responses = counts.r;
	return summary;
}
