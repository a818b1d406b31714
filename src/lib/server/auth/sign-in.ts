import type { Queryable } from '../db';
import { recordAudit, type AuditContext } from '../audit-log';
import { getUserByEmail } from '../users';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { createSession, type Session, type SessionMeta, type SessionSettings } from './sessions';
import { SIGN_IN_POLICY, clearFailures, recordFailure, throttleState, type ThrottleState } from './throttle';
import { cookieWith, deviceCookieKey, readDeviceTokens, tokenFor } from './device-cookies';

export type SignInResult =
	| { ok: true; token: string; session: Session; deviceCookie: string }
	| { ok: false; reason: 'incorrect' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export const accountKey = (email: string) => `sign-in:account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `sign-in:ip:${ip}`;
export const deviceKey = (nonce: string) => `sign-in:device:${nonce}`;

/**
 * Checks an email and password. Every failure looks the same to the caller and
 * takes as long (an unknown email is verified against a decoy hash).
 *
 * From a browser holding a device cookie for this account (it signed in here
 * before), failures count against that cookie alone, and neither the account's
 * nor the address's limit applies: others guessing cannot lock the owner out.
 * From any other browser, failures count towards the per-account and
 * per-address limits, which then hold for every browser without such a cookie.
 */
export async function signIn(
	db: Queryable,
	ctx: AuditContext,
	credentials: { email: string; password: string },
	meta: SessionMeta & { deviceCookie?: string },
	settings: SessionSettings & { perAddressLimit?: number },
	now = new Date()
): Promise<SignInResult> {
	const email = credentials.email.trim().toLowerCase();
	const key = await deviceCookieKey(db);
	const tokens = readDeviceTokens(key, meta.deviceCookie, now);
	const device = tokenFor(key, tokens, email);
	const keys = device ? [deviceKey(device.nonce)] : [accountKey(email), addressKey(meta.ip)];
	const throttle = await (device
		? throttleState(db, keys[0], SIGN_IN_POLICY, now)
		: untrustedThrottle(db, keys, settings.perAddressLimit ?? SIGN_IN_POLICY.limit, now));
	if (throttle.blocked) {
		await recordAudit(db, { ...ctx, actorEmail: email }, { action: 'auth.sign_in_throttled', detail: { knownDevice: Boolean(device) } });
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
			detail: { reason: !user ? 'unknown_email' : user.disabledAt ? 'disabled' : 'wrong_password', knownDevice: Boolean(device) }
		});
		return { ok: false, reason: 'incorrect' };
	}
	// A success from a known browser leaves the account's limit as it is: whoever
	// was guessing elsewhere stays held back.
	await clearFailures(db, keys[0]);
	const { token, session } = await createSession(db, user.id, meta, settings, now);
	await recordAudit(db, { ...ctx, actorId: user.id, actorEmail: user.email }, {
		action: 'auth.sign_in',
		subjectType: 'user',
		subjectId: user.id,
		detail: { knownDevice: Boolean(device) }
	});
	return { ok: true, token, session, deviceCookie: cookieWith(key, tokens, email, now) };
}

/** The stricter of the account's and the address's limits, for a browser not known to the account. */
async function untrustedThrottle(db: Queryable, [account, address]: string[], perAddressLimit: number, now: Date): Promise<ThrottleState> {
	const [a, b] = await Promise.all([
		throttleState(db, account, SIGN_IN_POLICY, now),
		throttleState(db, address, { ...SIGN_IN_POLICY, limit: perAddressLimit }, now)
	]);
	return a.blocked ? a : b;
}
