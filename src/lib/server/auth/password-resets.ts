// Password reset by emailed link: single use, one hour, hash stored. The
// request answers the same whether or not the email has an account.
import type { Queryable } from '../db';
import { generateToken, hashToken, isTokenShaped } from './tokens';
import { enqueueMail } from '../mail';
import { formatTimeOnDate } from '../../domain/dates';
import { getUserByEmail, setPasswordHash } from '../users';
import { hashPassword } from './passwords';
import { invalidateUserSessions } from './sessions';
import { recordAudit, type AuditContext } from '../audit-log';

export const RESET_MINUTES = 60;

/** Queues a reset email if the address belongs to an active account; silent otherwise. */
export async function requestPasswordReset(
	db: Queryable,
	ctx: AuditContext,
	email: string,
	origin: string,
	now = new Date()
): Promise<void> {
	const user = await getUserByEmail(db, email);
	if (!user || user.disabledAt || !user.passwordHash) {
		await recordAudit(db, { ...ctx, actorEmail: email.toLowerCase() }, {
			action: 'auth.password_reset_request',
			detail: { outcome: 'no_account' }
		});
		return;
	}
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
	await db.transaction(async (tx) => {
		// Only the newest link works.
		await tx.query('update password_resets set used_at = $2 where user_id = $1 and used_at is null', [user.id, now]);
		await tx.query(
			'insert into password_resets (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)',
			[hashToken(token), user.id, now, expiresAt]
		);
		await enqueueMail(tx, {
			to: user.email,
			subject: 'Reset your password for Safeguarding self-assessment',
			text: [
				`Hello ${user.name},`,
				'',
				'Someone asked to reset the password for your account. If it was you, choose a new password here:',
				`${origin}/password-reset/${token}`,
				'',
				`The link works once and expires in ${RESET_MINUTES} minutes, at ${formatTimeOnDate(expiresAt)} (UK time).`,
				'If you did not ask for this, ignore this email: your password has not changed.'
			].join('\n')
		});
		await recordAudit(tx, { ...ctx, actorId: user.id, actorEmail: user.email }, {
			action: 'auth.password_reset_request',
			subjectType: 'user',
			subjectId: user.id,
			detail: { outcome: 'sent' }
		});
	});
}

export type ResetLookup = { ok: true; email: string } | { ok: false };

export async function lookupPasswordReset(db: Queryable, token: string, now = new Date()): Promise<ResetLookup> {
	if (!isTokenShaped(token)) return { ok: false };
	const rows = await db.query<{ email: string }>(
		`select u.email from password_resets r join users u on u.id = r.user_id
		 where r.token_hash = $1 and r.used_at is null and r.expires_at > $2 and u.disabled_at is null`,
		[hashToken(token), now]
	);
	return rows[0] ? { ok: true, email: rows[0].email } : { ok: false };
}

/** Sets the new password, spends the token and ends every session, in one transaction. */
export async function completePasswordReset(
	db: Queryable,
	ctx: AuditContext,
	token: string,
	password: string,
	now = new Date()
): Promise<{ ok: true; userId: string } | { ok: false }> {
	if (!isTokenShaped(token)) return { ok: false };
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ user_id: string; email: string }>(
			`update password_resets r set used_at = $2 from users u
			 where r.token_hash = $1 and r.used_at is null and r.expires_at > $2
			   and u.id = r.user_id and u.disabled_at is null
			 returning r.user_id, u.email`,
			[hashToken(token), now]
		);
		if (!rows[0]) return { ok: false } as const;
		const { user_id: userId, email } = rows[0];
		await setPasswordHash(tx, userId, passwordHash, now);
		const ended = await invalidateUserSessions(tx, userId);
		await recordAudit(tx, { ...ctx, actorId: userId, actorEmail: email }, {
			action: 'auth.password_reset',
			subjectType: 'user',
			subjectId: userId,
			detail: { sessionsEnded: ended }
		});
		return { ok: true, userId } as const;
	});
}
