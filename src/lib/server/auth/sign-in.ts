import type { Queryable } from '../db';
import { recordAudit, type AuditContext } from '../audit-log';
import { getUserByEmail } from '../users';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { createSession, type Session, type SessionMeta, type SessionSettings } from './sessions';
import { SIGN_IN_POLICY, clearFailures, recordFailure, throttleState } from './throttle';

export type SignInResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; reason: 'incorrect' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export const accountKey = (email: string) => `sign-in:account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `sign-in:ip:${ip}`;

/**
 * Checks an email and password. Every failure looks the same to the caller and
 * takes as long (an unknown email is verified against a decoy hash); failures
 * count towards the per-account and per-address limits.
 */
export async function signIn(
	db: Queryable,
	ctx: AuditContext,
	credentials: { email: string; password: string },
	meta: SessionMeta,
	settings: SessionSettings & { perAddressLimit?: number },
	now = new Date()
): Promise<SignInResult> {
	const email = credentials.email.trim().toLowerCase();
	const keys = [accountKey(email), addressKey(meta.ip)];
	const [account, address] = await Promise.all([
		throttleState(db, keys[0], SIGN_IN_POLICY, now),
		throttleState(db, keys[1], { ...SIGN_IN_POLICY, limit: settings.perAddressLimit ?? SIGN_IN_POLICY.limit }, now)
	]);
	const throttle = account.blocked ? account : address;
	if (throttle.blocked) {
		await recordAudit(db, { ...ctx, actorEmail: email }, { action: 'auth.sign_in_throttled' });
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const user = await getUserByEmail(db, email);
	const valid =
		user?.passwordHash && !user.disabledAt
			? await verifyPassword(user.passwordHash, credentials.password)
			: await verifyAgainstDecoy(credentials.password);
	if (!user || !valid) {
		await recordFailure(db, keys, now);
		await recordAudit(db, { ...ctx, actorId: user?.id ?? null, actorEmail: email }, {
			action: 'auth.sign_in_failed',
			detail: { reason: !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password' }
		});
		return { ok: false, reason: 'incorrect' };
	}
	await clearFailures(db, accountKey(email));
	const { token, session } = await createSession(db, user.id, meta, settings, now);
	await recordAudit(db, { ...ctx, actorId: user.id, actorEmail: user.email }, {
		action: 'auth.sign_in',
		subjectType: 'user',
		subjectId: user.id
	});
	return { ok: true, token, session };
}
