// Who holds which role where, and taking roles away. Granting happens only
// through invitations (auth/invitations.ts).
import type { Queryable } from './db';
import type { OrganisationRole, PartnershipRole, SignatoryCapacity } from '../domain/roles';
import { recordAudit, type AuditContext } from './audit-log';
import { invalidateUserSessions } from './auth/sessions';

export interface Person {
	userId: string;
	name: string;
	email: string;
	disabled: boolean;
	roles: { role: OrganisationRole | PartnershipRole; capacity: SignatoryCapacity | null; grantedAt: Date }[];
}

type PersonRow = {
	user_id: string;
	name: string;
	email: string;
	disabled: boolean;
	role: OrganisationRole | PartnershipRole;
	capacity: SignatoryCapacity | null;
	granted_at: Date;
};

function group(rows: PersonRow[]): Person[] {
	const people = new Map<string, Person>();
	for (const r of rows) {
		const person = people.get(r.user_id) ?? {
			userId: r.user_id,
			name: r.name,
			email: r.email,
			disabled: r.disabled,
			roles: []
		};
		person.roles.push({ role: r.role, capacity: r.capacity, grantedAt: r.granted_at });
		people.set(r.user_id, person);
	}
	return [...people.values()];
}

export async function listOrganisationPeople(db: Queryable, organisationId: string): Promise<Person[]> {
	const rows = await db.query<PersonRow>(
		`select u.id as user_id, u.name, u.email, u.disabled_at is not null as disabled, r.role, r.capacity, r.granted_at
		 from organisation_roles r join users u on u.id = r.user_id
		 where r.organisation_id = $1 order by lower(u.name), u.email, r.role`,
		[organisationId]
	);
	return group(rows);
}

export async function listPartnershipPeople(db: Queryable, partnershipId: string): Promise<Person[]> {
	const rows = await db.query<PersonRow>(
		`select u.id as user_id, u.name, u.email, u.disabled_at is not null as disabled, r.role, null as capacity,
			r.granted_at
		 from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = $1 order by lower(u.name), u.email, r.role`,
		[partnershipId]
	);
	return group(rows);
}

export type RemoveRoleResult = { ok: true } | { ok: false; reason: 'not_found' | 'last_manager' };

export type RoleTarget =
	| { userId: string; organisationId: string; role: OrganisationRole }
	| { userId: string; partnershipId: string; role: PartnershipRole };

/**
 * Removes one role. The person's sessions end, so the change takes effect at
 * once. An organisation keeps at least one lead and a partnership at least one
 * business unit user, so neither is left with nobody to manage it.
 */
export async function removeRole(db: Queryable, ctx: AuditContext, target: RoleTarget): Promise<RemoveRoleResult> {
	const [table, column, scopeId, manager] =
		'organisationId' in target
			? (['organisation_roles', 'organisation_id', target.organisationId, 'lead'] as const)
			: (['partnership_roles', 'partnership_id', target.partnershipId, 'business_unit'] as const);
	return db.transaction(async (tx) => {
		if (target.role === manager) {
			const managers = await tx.query<{ n: number }>(
				// Someone else who can sign in must remain: a disabled lead cannot run the organisation.
				`select count(*) as n from ${table} r join users u on u.id = r.user_id
				 where r.${column} = $1 and r.role = $2 and u.disabled_at is null and r.user_id <> $3`,
				[scopeId, manager, target.userId]
			);
			if (managers[0].n === 0) return { ok: false, reason: 'last_manager' } as const;
		}
		const rows = await tx.query(`delete from ${table} where user_id = $1 and ${column} = $2 and role = $3 returning 1`, [
			target.userId,
			scopeId,
			target.role
		]);
		if (!rows.length) return { ok: false, reason: 'not_found' } as const;
		const ended = await invalidateUserSessions(tx, target.userId);
		await recordAudit(tx, ctx, {
			action: 'role.remove',
			organisationId: 'organisationId' in target ? target.organisationId : null,
			partnershipId: 'partnershipId' in target ? target.partnershipId : null,
			subjectType: 'user',
			subjectId: target.userId,
			detail: { role: target.role, sessionsEnded: ended }
		});
		return { ok: true } as const;
	});
}

/** Grants a role directly: for the demo seed, the admin CLI and tests; people use invitations. */
export async function grantRole(
	db: Queryable,
	grant:
		| { userId: string; organisationId: string; role: OrganisationRole; capacity?: SignatoryCapacity | null }
		| { userId: string; partnershipId: string; role: PartnershipRole },
	grantedBy: string | null = null
): Promise<void> {
	if ('organisationId' in grant) {
		await db.query(
			`insert into organisation_roles (user_id, organisation_id, role, capacity, granted_by) values ($1, $2, $3, $4, $5)
			 on conflict (user_id, organisation_id, role) do update set capacity = excluded.capacity`,
			[grant.userId, grant.organisationId, grant.role, grant.capacity ?? null, grantedBy]
		);
	} else {
		await db.query(
			`insert into partnership_roles (user_id, partnership_id, role, granted_by) values ($1, $2, $3, $4)
			 on conflict do nothing`,
			[grant.userId, grant.partnershipId, grant.role, grantedBy]
		);
	}
}
