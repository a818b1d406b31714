// The demo installation `npm start` creates on an empty database: two
// partnerships that share a police force, an NHS trust, the integrated care
// board and probation, with a user for every role. Names are fictional; the
// example.org addresses cannot receive mail.
import type { Db, Queryable } from '../db';
import type { OrganisationRole, PartnershipRole, SignatoryCapacity } from '../../domain/roles';
import { createPartnership } from '../partnerships';
import { createOrganisation, linkMember, recordRegisterDetails } from '../organisations';
import { createUser } from '../users';
import { grantRole } from '../people';
import { hashPassword } from '../auth/passwords';
import { DEMO_AGENCIES, DEMO_LA_CODES, DEMO_PARTNERSHIPS, DEMO_SCHOOLS, NOT_IN_REGISTER, type DemoMember } from './demo-data';
import { seedDemoCycles, type DemoWorld } from './demo-cycles';
import { getTemplate } from '../templates';

export const DEMO_PASSWORD = 'demo-safeguarding-2026';

export interface DemoSignIn {
	role: string;
	email: string;
	organisation: string;
}

type DemoUser = {
	email: string;
	name: string;
	label: string;
	where: string;
	grants: (
		| { organisation: string; role: OrganisationRole; capacity?: SignatoryCapacity }
		| { partnership: string; role: PartnershipRole }
	)[];
	systemAdmin?: boolean;
};

/** One user per role, in the places a newcomer would look first. */
export const DEMO_USERS: DemoUser[] = [
	{ email: 'admin@example.org', name: 'Sam Adeyemi', label: 'System admin', where: 'this installation', grants: [], systemAdmin: true },
	{ email: 'business.unit@northmere.example.org', name: 'Priya Shah', label: 'Business unit', where: 'Northmere partnership', grants: [{ partnership: 'Northmere', role: 'business_unit' }] },
	{ email: 'chair@northmere.example.org', name: 'Dr Helen Marsh', label: 'Independent chair', where: 'Northmere partnership', grants: [{ partnership: 'Northmere', role: 'chair' }] },
	{ email: 'moderator@northmere.example.org', name: 'Tom Okafor', label: 'Moderator', where: 'Northmere partnership', grants: [{ partnership: 'Northmere', role: 'moderator' }] },
	{ email: 'board@northmere.example.org', name: 'Cllr Ruth Evans', label: 'Board member', where: 'Northmere partnership', grants: [{ partnership: 'Northmere', role: 'board_member' }] },
	{ email: 'business.unit@eastbrook.example.org', name: 'Martin Hughes', label: 'Business unit', where: 'Eastbrook partnership', grants: [{ partnership: 'Eastbrook', role: 'business_unit' }] },
	{ email: 'chair@eastbrook.example.org', name: 'Angela Price', label: 'Independent chair', where: 'Eastbrook partnership', grants: [{ partnership: 'Eastbrook', role: 'chair' }] },
	{ email: 'lead@police.example.org', name: 'DCI Karen Walsh', label: 'Agency lead', where: 'Mercia Vale Police (both partnerships)', grants: [{ organisation: 'Mercia Vale Police', role: 'lead' }] },
	{ email: 'contributor@police.example.org', name: 'DS Ben Carter', label: 'Contributor', where: 'Mercia Vale Police', grants: [{ organisation: 'Mercia Vale Police', role: 'contributor' }] },
	{ email: 'director@police.example.org', name: 'ACC Fiona Grant', label: 'Signatory (executive lead)', where: 'Mercia Vale Police', grants: [{ organisation: 'Mercia Vale Police', role: 'signatory', capacity: 'executive_lead' }] },
	{ email: 'lead@nhs.example.org', name: 'Joanne Reid', label: 'Agency lead', where: 'Mercia Vale Community Health NHS Trust', grants: [{ organisation: 'Mercia Vale Community Health NHS Trust', role: 'lead' }] },
	{ email: 'director@nhs.example.org', name: 'Dr Imran Malik', label: 'Signatory (executive lead)', where: 'Mercia Vale Community Health NHS Trust', grants: [{ organisation: 'Mercia Vale Community Health NHS Trust', role: 'signatory', capacity: 'executive_lead' }] },
	{ email: 'dsl@oakfield.example.org', name: 'Lucy Bennett', label: 'School DSL (lead)', where: 'Oakfield Primary School', grants: [{ organisation: 'Oakfield Primary School', role: 'lead' }] },
	{ email: 'head@oakfield.example.org', name: 'Mark Thompson', label: 'Signatory (headteacher)', where: 'Oakfield Primary School', grants: [{ organisation: 'Oakfield Primary School', role: 'signatory', capacity: 'headteacher' }] },
	{ email: 'governor@oakfield.example.org', name: 'Gillian Ford', label: 'Signatory (governor)', where: 'Oakfield Primary School', grants: [{ organisation: 'Oakfield Primary School', role: 'signatory', capacity: 'governor' }] }
];

async function isEmpty(db: Queryable): Promise<boolean> {
	const rows = await db.query<{ n: number }>('select count(*) as n from partnerships');
	return rows[0].n === 0;
}

/** Seeds the demo installation when there is no partnership yet; returns the sign-ins to print. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoSignIn[]> {
	if (await isEmpty(db)) await seedDemo(db);
	return DEMO_USERS.map((u) => ({ role: u.label, email: u.email, organisation: u.where }));
}

/** The demo installation; the shipped templates must be installed first. */
export async function seedDemo(db: Db, today = new Date()): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction(async (tx) => {
		const partnerships = new Map<string, string>();
		for (const p of DEMO_PARTNERSHIPS) {
			const created = await createPartnership(tx, { name: p.name, area: p.area });
			if (!created.ok) throw new Error(`demo partnership ${p.name} exists`);
			partnerships.set(p.key, created.partnership.id);
		}
		const organisations: DemoWorld['organisations'] = new Map();
		const members: DemoMember[] = [...DEMO_AGENCIES, ...DEMO_SCHOOLS];
		for (const m of members) {
			const [first, ...others] = m.partnerships.map((key) => partnerships.get(key)!);
			const organisation = await createOrganisation(tx, first, m.input);
			for (const partnershipId of others) await linkMember(tx, partnershipId, organisation.id);
			if (m.phase) await recordRegisterDetails(tx, organisation.id, { ...NOT_IN_REGISTER, phase: m.phase, laCode: DEMO_LA_CODES[m.partnerships[0]] ?? null });
			organisations.set(m.input.name, { id: organisation.id, kind: m.input.kind, partnerships: m.partnerships });
		}
		const users: DemoWorld['users'] = new Map();
		for (const u of DEMO_USERS) {
			const user = await createUser(tx, { email: u.email, name: u.name, passwordHash, systemAdmin: u.systemAdmin });
			users.set(u.email, { id: user.id, name: user.name });
			for (const g of u.grants) {
				if ('organisation' in g) {
					await grantRole(tx, {
						userId: user.id,
						organisationId: organisations.get(g.organisation)!.id,
						role: g.role,
						capacity: g.capacity ?? null
					});
				} else {
					await grantRole(tx, { userId: user.id, partnershipId: partnerships.get(g.partnership)!, role: g.role });
				}
			}
		}
		const templateId = async (slug: string) => {
			const rows = await tx.query<{ id: string }>(`select id from templates where slug = $1 and status = 'published' order by version desc limit 1`, [slug]);
			if (!rows[0]) throw new Error(`shipped template ${slug} is not installed`);
			return rows[0].id;
		};
		const templates = { s11: await templateId('west-midlands-section-11'), s175: await templateId('section-175-schools') };
		const codes = async (id: string) => (await getTemplate(tx, id))!.definition.standards.map((s) => s.code);
		await seedDemoCycles(
			tx,
			{ today, partnerships, organisations, templates, users, passwordHash },
			{ s11: await codes(templates.s11), s175: await codes(templates.s175) }
		);
		// Eastbrook has asked to add a Northmere school near its border: its DSL sees the request.
		await tx.query('insert into membership_requests (partnership_id, organisation_id, requested_by) values ($1, $2, $3)', [
			partnerships.get('Eastbrook')!,
			organisations.get('Oakfield Primary School')!.id,
			users.get('business.unit@eastbrook.example.org')!.id
		]);
	});
}
