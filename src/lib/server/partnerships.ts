import { SQLSTATE, sqlState, type Queryable } from './db';

export interface Partnership {
	id: string;
	name: string;
	area: string;
	createdAt: Date;
}

type PartnershipRow = { id: string; name: string; area: string; created_at: Date };
const toPartnership = (r: PartnershipRow): Partnership => ({
	id: r.id,
	name: r.name,
	area: r.area,
	createdAt: r.created_at
});

export async function getPartnership(db: Queryable, id: string): Promise<Partnership | null> {
	const rows = await db.query<PartnershipRow>('select id, name, area, created_at from partnerships where id = $1', [id]);
	return rows[0] ? toPartnership(rows[0]) : null;
}

export interface PartnershipSummary extends Partnership {
	members: number;
	users: number;
}

export async function listPartnerships(db: Queryable): Promise<PartnershipSummary[]> {
	const rows = await db.query<PartnershipRow & { members: number; users: number }>(
		`select p.id, p.name, p.area, p.created_at,
			(select count(*) from partnership_members m where m.partnership_id = p.id and m.active) as members,
			(select count(distinct r.user_id) from partnership_roles r where r.partnership_id = p.id) as users
		 from partnerships p order by lower(p.name)`
	);
	return rows.map((r) => ({ ...toPartnership(r), members: r.members, users: r.users }));
}

export type CreatePartnershipResult = { ok: true; partnership: Partnership } | { ok: false; reason: 'name_taken' };

export async function createPartnership(
	db: Queryable,
	input: { name: string; area: string }
): Promise<CreatePartnershipResult> {
	try {
		const rows = await db.transaction((tx) =>
			tx.query<PartnershipRow>(
				'insert into partnerships (name, area) values ($1, $2) returning id, name, area, created_at',
				[input.name, input.area]
			)
		);
		return { ok: true, partnership: toPartnership(rows[0]) };
	} catch (e) {
		if (sqlState(e) === SQLSTATE.uniqueViolation) return { ok: false, reason: 'name_taken' };
		throw e;
	}
}

export async function partnershipsByIds(db: Queryable, ids: readonly string[]): Promise<Partnership[]> {
	if (!ids.length) return [];
	const rows = await db.query<PartnershipRow>(
		'select id, name, area, created_at from partnerships where id = any($1::uuid[]) order by lower(name)',
		[ids]
	);
	return rows.map(toPartnership);
}

export interface PartnershipCounts {
	agencies: number;
	schools: number;
	otherOrganisations: number;
	users: number;
	pendingInvitations: number;
}

export async function partnershipCounts(db: Queryable, partnershipId: string): Promise<PartnershipCounts> {
	const rows = await db.query<{ agencies: number; schools: number; others: number; users: number; pending: number }>(
		`select
			count(*) filter (where o.kind = 'agency') as agencies,
			count(*) filter (where o.kind = 'school') as schools,
			count(*) filter (where o.kind = 'other') as others,
			(select count(distinct user_id) from partnership_roles where partnership_id = $1) as users,
			(select count(*) from invitations i
			 where (i.partnership_id = $1 or i.organisation_id in (
				select organisation_id from partnership_members where partnership_id = $1))
			   and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()) as pending
		 from partnership_members m join organisations o on o.id = m.organisation_id
		 where m.partnership_id = $1 and m.active`,
		[partnershipId]
	);
	const r = rows[0];
	return { agencies: r.agencies, schools: r.schools, otherOrganisations: r.others, users: r.users, pendingInvitations: r.pending };
}
