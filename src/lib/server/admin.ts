// System administration: partnerships and their first business unit user,
// accounts that must be switched off.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { createInvitation } from './auth/invitations';
import { invalidateUserSessions } from './auth/sessions';
import { createPartnership, type Partnership } from './partnerships';
import { setUserDisabled } from './users';

export type SetUpPartnershipResult = { ok: true; partnership: Partnership } | { ok: false; reason: 'name_taken' };

/** Creates a partnership and invites its first business unit user, in one transaction. */
export async function setUpPartnership(
	db: Queryable,
	ctx: AuditContext,
	input: { name: string; area: string; email: string; contactName: string },
	origin: string
): Promise<SetUpPartnershipResult> {
	return db
		.transaction(async (tx) => {
			const created = await createPartnership(tx, { name: input.name, area: input.area });
			if (!created.ok) throw new NameTaken();
			await recordAudit(tx, ctx, {
				action: 'partnership.create',
				partnershipId: created.partnership.id,
				subjectType: 'partnership',
				subjectId: created.partnership.id,
				detail: { name: input.name }
			});
			await createInvitation(
				tx,
				ctx,
				{
					email: input.email,
					name: input.contactName,
					scope: { partnershipId: created.partnership.id, role: 'business_unit' },
					invitedBy: ctx.actorId!
				},
				origin
			);
			return { ok: true, partnership: created.partnership } as const;
		})
		.catch((e: unknown) => {
			if (e instanceof NameTaken) return { ok: false, reason: 'name_taken' } as const;
			throw e;
		});
}

class NameTaken extends Error {}

export interface UserSummary {
	id: string;
	name: string;
	email: string;
	systemAdmin: boolean;
	disabled: boolean;
	roles: number;
}

export async function searchUsers(db: Queryable, search: string, limit = 100): Promise<UserSummary[]> {
	const rows = await db.query<{ id: string; name: string; email: string; system_admin: boolean; disabled: boolean; roles: number }>(
		`select u.id, u.name, u.email, u.system_admin, u.disabled_at is not null as disabled,
			(select count(*) from organisation_roles r where r.user_id = u.id)
			+ (select count(*) from partnership_roles r where r.user_id = u.id) as roles
		 from users u
		 where $1 = '' or u.email ilike '%' || $1 || '%' or u.name ilike '%' || $1 || '%'
		 order by lower(u.name), u.email limit $2`,
		[search, limit]
	);
	return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, systemAdmin: r.system_admin, disabled: r.disabled, roles: r.roles }));
}

/** Disables or re-enables an account; disabling ends all its sessions at once. */
export async function setAccountDisabled(db: Queryable, ctx: AuditContext, userId: string, disabled: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await setUserDisabled(tx, userId, disabled);
		const ended = disabled ? await invalidateUserSessions(tx, userId) : 0;
		await recordAudit(tx, ctx, {
			action: disabled ? 'account.disable' : 'account.enable',
			subjectType: 'user',
			subjectId: userId,
			detail: { sessionsEnded: ended }
		});
	});
}
