import type { Queryable } from './db';
import type { OrganisationRole, PartnershipRole, SignatoryCapacity } from '../domain/roles';

export interface OrganisationRoleGrant {
	organisationId: string;
	organisationName: string;
	organisationKind: 'agency' | 'school' | 'other';
	role: OrganisationRole;
	capacity: SignatoryCapacity | null;
}

export interface PartnershipRoleGrant {
	partnershipId: string;
	partnershipName: string;
	role: PartnershipRole;
}

/** The signed-in user with every role they hold: what the access module decides on. */
export interface SessionUser {
	id: string;
	email: string;
	name: string;
	systemAdmin: boolean;
	organisationRoles: OrganisationRoleGrant[];
	partnershipRoles: PartnershipRoleGrant[];
}

export interface User {
	id: string;
	email: string;
	name: string;
	passwordHash: string | null;
	systemAdmin: boolean;
	disabledAt: Date | null;
	createdAt: Date;
	version: number;
}

type UserRow = {
	id: string;
	email: string;
	name: string;
	password_hash: string | null;
	system_admin: boolean;
	disabled_at: Date | null;
	created_at: Date;
	version: number;
};

const toUser = (r: UserRow): User => ({
	id: r.id,
	email: r.email,
	name: r.name,
	passwordHash: r.password_hash,
	systemAdmin: r.system_admin,
	disabledAt: r.disabled_at,
	createdAt: r.created_at,
	version: r.version
});

export async function getUserByEmail(db: Queryable, email: string): Promise<User | null> {
	const rows = await db.query<UserRow>('select * from users where email = $1', [email.trim().toLowerCase()]);
	return rows[0] ? toUser(rows[0]) : null;
}

export async function getUserById(db: Queryable, id: string): Promise<User | null> {
	const rows = await db.query<UserRow>('select * from users where id = $1', [id]);
	return rows[0] ? toUser(rows[0]) : null;
}

/** One round trip: the user and all their roles, for every authenticated request. */
export async function loadSessionUser(db: Queryable, userId: string): Promise<SessionUser | null> {
	const rows = await db.query<{
		id: string;
		email: string;
		name: string;
		system_admin: boolean;
		organisation_roles: OrganisationRoleGrant[] | null;
		partnership_roles: PartnershipRoleGrant[] | null;
	}>(
		`select u.id, u.email, u.name, u.system_admin,
			(select json_agg(json_build_object(
				'organisationId', o.id, 'organisationName', o.name, 'organisationKind', o.kind,
				'role', r.role, 'capacity', r.capacity) order by o.name, r.role)
			 from organisation_roles r join organisations o on o.id = r.organisation_id
			 where r.user_id = u.id) as organisation_roles,
			(select json_agg(json_build_object(
				'partnershipId', p.id, 'partnershipName', p.name, 'role', r.role) order by p.name, r.role)
			 from partnership_roles r join partnerships p on p.id = r.partnership_id
			 where r.user_id = u.id) as partnership_roles
		 from users u where u.id = $1 and u.disabled_at is null`,
		[userId]
	);
	const r = rows[0];
	if (!r) return null;
	return {
		id: r.id,
		email: r.email,
		name: r.name,
		systemAdmin: r.system_admin,
		organisationRoles: r.organisation_roles ?? [],
		partnershipRoles: r.partnership_roles ?? []
	};
}

export async function createUser(
	db: Queryable,
	input: { email: string; name: string; passwordHash: string | null; systemAdmin?: boolean },
	now = new Date()
): Promise<User> {
	const rows = await db.query<UserRow>(
		`insert into users (email, name, password_hash, system_admin, password_changed_at, created_at, updated_at)
		 values ($1, $2, $3, $4, case when $3::text is null then null else $5::timestamptz end, $5, $5)
		 returning *`,
		[input.email.toLowerCase(), input.name, input.passwordHash, input.systemAdmin ?? false, now]
	);
	return toUser(rows[0]);
}

export async function setPasswordHash(db: Queryable, userId: string, passwordHash: string, now = new Date()): Promise<void> {
	await db.query(
		`update users set password_hash = $2, password_changed_at = $3, updated_at = $3, version = version + 1
		 where id = $1`,
		[userId, passwordHash, now]
	);
}

export type UpdateResult = { ok: true } | { ok: false; reason: 'stale' };

export async function updateUserName(
	db: Queryable,
	userId: string,
	name: string,
	expectedVersion: number,
	now = new Date()
): Promise<UpdateResult> {
	const rows = await db.query(
		`update users set name = $2, updated_at = $4, version = version + 1
		 where id = $1 and version = $3 returning id`,
		[userId, name, expectedVersion, now]
	);
	return rows.length ? { ok: true } : { ok: false, reason: 'stale' };
}

export async function setUserDisabled(db: Queryable, userId: string, disabled: boolean, now = new Date()): Promise<void> {
	await db.query(
		`update users set disabled_at = case when $2 then $3::timestamptz else null end, updated_at = $3,
		 version = version + 1 where id = $1`,
		[userId, disabled, now]
	);
}
