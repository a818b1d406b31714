import type { Queryable } from '../db';
import { recordAudit, type AuditContext } from '../audit-log';
import { getUserById, setPasswordHash, updateUserName } from '../users';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { createSession, invalidateUserSessions, type Session, type SessionMeta, type SessionSettings } from './sessions';

export type ChangePasswordResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; field: 'currentPassword' | 'password'; message: string };

/**
 * Changes the password after checking the current one, ends every session
 * (this one included) and opens a fresh session for this browser.
 */
export async function changePassword(
	db: Queryable,
	ctx: AuditContext,
	userId: string,
	input: { currentPassword: string; password: string },
	meta: SessionMeta,
	settings: SessionSettings
): Promise<ChangePasswordResult> {
	const user = await getUserById(db, userId);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: 'Your current password is incorrect' };
	}
	const problem = passwordProblem(input.password, user.email);
	if (problem) return { ok: false, field: 'password', message: problem };
	if (input.password === input.currentPassword) {
		return { ok: false, field: 'password', message: 'Choose a password different from your current one' };
	}
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		await setPasswordHash(tx, userId, passwordHash);
		const ended = await invalidateUserSessions(tx, userId);
		const { token, session } = await createSession(tx, userId, meta, settings);
		await recordAudit(tx, ctx, { action: 'account.password_change', subjectType: 'user', subjectId: userId, detail: { sessionsEnded: ended } });
		return { ok: true, token, session } as const;
	});
}

export async function renameUser(
	db: Queryable,
	ctx: AuditContext,
	userId: string,
	name: string,
	expectedVersion: number
): Promise<'ok' | 'stale'> {
	return db.transaction(async (tx) => {
		const result = await updateUserName(tx, userId, name, expectedVersion);
		if (!result.ok) return 'stale';
		await recordAudit(tx, ctx, { action: 'account.rename', subjectType: 'user', subjectId: userId, detail: { name } });
		return 'ok';
	});
}
