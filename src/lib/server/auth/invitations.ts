// Invitations bring people in with one role in one organisation or partnership.
// Tokens are single-use, expire after 7 days, can be revoked, and only their
// hash is stored.
import type { Queryable } from '../db';
import type { OrganisationRole, PartnershipRole, SignatoryCapacity } from '../../domain/roles';
import { ROLE_LABELS } from '../../domain/roles';
import { formatTimeOnDate } from '../../domain/dates';
import { generateToken, hashToken, isTokenShaped } from './tokens';
import { enqueueMail } from '../mail';
import { createUser, getUserByEmail } from '../users';
import { hashPassword } from './passwords';
import { recordAudit, type AuditContext } from '../audit-log';

export const INVITATION_DAYS = 7;

export type InvitationScope =
	| { organisationId: string; role: OrganisationRole; capacity: SignatoryCapacity | null }
	| { partnershipId: string; role: PartnershipRole };

export interface Invitation {
	id: string;
	email: string;
	name: string;
	organisationId: string | null;
	organisationName: string | null;
	partnershipId: string | null;
	partnershipName: string | null;
	role: OrganisationRole | PartnershipRole;
	capacity: SignatoryCapacity | null;
	invitedByName: string | null;
	createdAt: Date;
	expiresAt: Date;
	acceptedAt: Date | null;
	revokedAt: Date | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(inv: Invitation, now = new Date()): InvitationStatus {
	if (inv.acceptedAt) return 'accepted';
	if (inv.revokedAt) return 'revoked';
	if (inv.expiresAt <= now) return 'expired';
	return 'pending';
}

type InvitationRow = {
	id: string;
	email: string;
	name: string;
	organisation_id: string | null;
	organisation_name: string | null;
	partnership_id: string | null;
	partnership_name: string | null;
	role: OrganisationRole | PartnershipRole;
	capacity: SignatoryCapacity | null;
	invited_by_name: string | null;
	created_at: Date;
	expires_at: Date;
	accepted_at: Date | null;
	revoked_at: Date | null;
};

const SELECT = `select i.id, i.email, i.name, i.organisation_id, o.name as organisation_name, i.partnership_id,
	p.name as partnership_name, i.role, i.capacity, u.name as invited_by_name, i.created_at, i.expires_at,
	i.accepted_at, i.revoked_at
	from invitations i
	left join organisations o on o.id = i.organisation_id
	left join partnerships p on p.id = i.partnership_id
	left join users u on u.id = i.invited_by`;

const toInvitation = (r: InvitationRow): Invitation => ({
	id: r.id,
	email: r.email,
	name: r.name,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	partnershipId: r.partnership_id,
	partnershipName: r.partnership_name,
	role: r.role,
	capacity: r.capacity,
	invitedByName: r.invited_by_name,
	createdAt: r.created_at,
	expiresAt: r.expires_at,
	acceptedAt: r.accepted_at,
	revokedAt: r.revoked_at
});

export interface InviteInput {
	email: string;
	name: string;
	scope: InvitationScope;
	invitedBy: string;
}

export type InviteResult = { ok: true; invitation: Invitation; token: string } | { ok: false; reason: 'already_has_role' };

function scopeColumns(scope: InvitationScope) {
	return 'organisationId' in scope
		? { organisationId: scope.organisationId, partnershipId: null, capacity: scope.capacity }
		: { organisationId: null, partnershipId: scope.partnershipId, capacity: null };
}

/**
 * Creates an invitation and queues its email. A pending invitation for the same
 * person, scope and role is revoked and replaced (a resend).
 */
export async function createInvitation(
	db: Queryable,
	ctx: AuditContext,
	input: InviteInput,
	origin: string,
	now = new Date()
): Promise<InviteResult> {
	const email = input.email.toLowerCase();
	const { organisationId, partnershipId, capacity } = scopeColumns(input.scope);
	return db.transaction(async (tx) => {
		const held = await tx.query(
			organisationId
				? `select 1 from organisation_roles r join users u on u.id = r.user_id
				   where u.email = $1 and r.organisation_id = $2 and r.role = $3`
				: `select 1 from partnership_roles r join users u on u.id = r.user_id
				   where u.email = $1 and r.partnership_id = $2 and r.role = $3`,
			[email, organisationId ?? partnershipId, input.scope.role]
		);
		if (held.length) return { ok: false, reason: 'already_has_role' } as const;
		await tx.query(
			`update invitations set revoked_at = $5, revoked_by = $6
			 where email = $1 and role = $2 and organisation_id is not distinct from $3
			   and partnership_id is not distinct from $4 and accepted_at is null and revoked_at is null`,
			[email, input.scope.role, organisationId, partnershipId, now, input.invitedBy]
		);
		const token = generateToken();
		const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
		const inserted = await tx.query<{ id: string }>(
			`insert into invitations (token_hash, email, name, organisation_id, partnership_id, role, capacity,
				invited_by, created_at, expires_at)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
			[hashToken(token), email, input.name, organisationId, partnershipId, input.scope.role, capacity, input.invitedBy, now, expiresAt]
		);
		const invitation = toInvitation((await tx.query<InvitationRow>(`${SELECT} where i.id = $1`, [inserted[0].id]))[0]);
		const where = invitation.organisationName ?? invitation.partnershipName ?? '';
		await enqueueMail(tx, {
			to: email,
			subject: `Invitation to ${where} on Safeguarding self-assessment`,
			text: [
				`Hello${input.name ? ` ${input.name}` : ''},`,
				'',
				`${invitation.invitedByName ?? 'Your partnership'} has invited you to join ${where} as ${ROLE_LABELS[invitation.role].toLowerCase()} on Safeguarding self-assessment.`,
				'',
				'Accept the invitation and choose a password:',
				`${origin}/invitations/${token}`,
				'',
				`The link works once and expires at ${formatTimeOnDate(expiresAt)} (UK time).`,
				'If you were not expecting this invitation, you can ignore this email.'
			].join('\n')
		});
		await recordAudit(tx, ctx, {
			action: 'invitation.create',
			organisationId,
			partnershipId,
			subjectType: 'invitation',
			subjectId: invitation.id,
			detail: { email, role: input.scope.role, capacity }
		});
		return { ok: true, invitation, token } as const;
	});
}

export async function listInvitations(
	db: Queryable,
	scope: { organisationId: string } | { partnershipId: string }
): Promise<Invitation[]> {
	const rows = await db.query<InvitationRow>(
		'organisationId' in scope
			? `${SELECT} where i.organisation_id = $1 order by i.created_at desc limit 200`
			: `${SELECT} where i.partnership_id = $1 order by i.created_at desc limit 200`,
		['organisationId' in scope ? scope.organisationId : scope.partnershipId]
	);
	return rows.map(toInvitation);
}

export async function getInvitation(db: Queryable, id: string): Promise<Invitation | null> {
	const rows = await db.query<InvitationRow>(`${SELECT} where i.id = $1`, [id]);
	return rows[0] ? toInvitation(rows[0]) : null;
}

export async function revokeInvitation(db: Queryable, ctx: AuditContext, inv: Invitation, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update invitations set revoked_at = $2, revoked_by = $3
			 where id = $1 and accepted_at is null and revoked_at is null returning id`,
			[inv.id, now, ctx.actorId]
		);
		if (!rows.length) return false;
		await recordAudit(tx, ctx, {
			action: 'invitation.revoke',
			organisationId: inv.organisationId,
			partnershipId: inv.partnershipId,
			subjectType: 'invitation',
			subjectId: inv.id,
			detail: { email: inv.email, role: inv.role }
		});
		return true;
	});
}

/** What the invitation page shows for a token from a link. */
export type InvitationLookup =
	| { status: 'invalid' }
	| { status: 'accepted' | 'revoked' | 'expired'; invitation: Invitation }
	| { status: 'pending'; invitation: Invitation; existingAccount: boolean };

export async function lookupInvitation(db: Queryable, token: string, now = new Date()): Promise<InvitationLookup> {
	if (!isTokenShaped(token)) return { status: 'invalid' };
	const rows = await db.query<InvitationRow>(`${SELECT} where i.token_hash = $1`, [hashToken(token)]);
	if (!rows[0]) return { status: 'invalid' };
	const invitation = toInvitation(rows[0]);
	const status = invitationStatus(invitation, now);
	if (status !== 'pending') return { status, invitation };
	const user = await getUserByEmail(db, invitation.email);
	return { status: 'pending', invitation, existingAccount: Boolean(user?.passwordHash) };
}

export type AcceptResult =
	| { ok: true; userId: string; invitation: Invitation }
	| { ok: false; reason: 'invalid' | 'accepted' | 'revoked' | 'expired' | 'sign_in_required' | 'wrong_account' | 'disabled' };

/**
 * Accepts an invitation: a new person sets their name and password; someone
 * who already has an account must be signed in as the invited email. Either
 * way the role is granted and the token is spent, in one transaction.
 */
export async function acceptInvitation(
	db: Queryable,
	ctx: AuditContext,
	token: string,
	as: { newAccount: { name: string; password: string } } | { signedInUserId: string | null },
	now = new Date()
): Promise<AcceptResult> {
	if (!isTokenShaped(token)) return { ok: false, reason: 'invalid' };
	const passwordHash = 'newAccount' in as ? await hashPassword(as.newAccount.password) : null;
	return db.transaction(async (tx) => {
		const locked = await tx.query<{ id: string }>('select id from invitations where token_hash = $1 for update', [
			hashToken(token)
		]);
		if (!locked[0]) return { ok: false, reason: 'invalid' } as const;
		const invitation = toInvitation((await tx.query<InvitationRow>(`${SELECT} where i.id = $1`, [locked[0].id]))[0]);
		const status = invitationStatus(invitation, now);
		if (status !== 'pending') return { ok: false, reason: status } as const;
		const existing = await getUserByEmail(tx, invitation.email);
		if (existing?.disabledAt) return { ok: false, reason: 'disabled' } as const;
		let userId: string;
		if (existing?.passwordHash) {
			if (!('signedInUserId' in as) || !as.signedInUserId) return { ok: false, reason: 'sign_in_required' } as const;
			if (as.signedInUserId !== existing.id) return { ok: false, reason: 'wrong_account' } as const;
			userId = existing.id;
		} else {
			if (!('newAccount' in as) || !passwordHash) return { ok: false, reason: 'sign_in_required' } as const;
			if (existing) {
				await tx.query(
					`update users set name = $2, password_hash = $3, password_changed_at = $4, updated_at = $4,
					 version = version + 1 where id = $1`,
					[existing.id, as.newAccount.name, passwordHash, now]
				);
				userId = existing.id;
			} else {
				userId = (await createUser(tx, { email: invitation.email, name: as.newAccount.name, passwordHash }, now)).id;
			}
		}
		if (invitation.organisationId) {
			await tx.query(
				`insert into organisation_roles (user_id, organisation_id, role, capacity, granted_by, granted_at)
				 select $1, $2, $3, $4, invited_by, $5 from invitations where id = $6
				 on conflict (user_id, organisation_id, role) do update set capacity = excluded.capacity`,
				[userId, invitation.organisationId, invitation.role, invitation.capacity, now, invitation.id]
			);
		} else {
			await tx.query(
				`insert into partnership_roles (user_id, partnership_id, role, granted_by, granted_at)
				 select $1, $2, $3, invited_by, $4 from invitations where id = $5
				 on conflict (user_id, partnership_id, role) do nothing`,
				[userId, invitation.partnershipId, invitation.role, now, invitation.id]
			);
		}
		await tx.query('update invitations set accepted_at = $2, accepted_by = $3 where id = $1', [invitation.id, now, userId]);
		await recordAudit(tx, { ...ctx, actorId: userId, actorEmail: invitation.email }, {
			action: 'invitation.accept',
			organisationId: invitation.organisationId,
			partnershipId: invitation.partnershipId,
			subjectType: 'invitation',
			subjectId: invitation.id,
			detail: { role: invitation.role, capacity: invitation.capacity, newAccount: !existing?.passwordHash }
		});
		return { ok: true, userId, invitation } as const;
	});
}
