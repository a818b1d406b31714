import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { completePasswordReset, lookupPasswordReset, requestPasswordReset } from '../../../src/lib/server/auth/password-resets';
import { createSession, validateSessionToken } from '../../../src/lib/server/auth/sessions';
import { createUser, getUserByEmail } from '../../../src/lib/server/users';
import { hashPassword, verifyPassword } from '../../../src/lib/server/auth/passwords';
import { listOutbox } from '../../../src/lib/server/mail';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
const ORIGIN = 'https://portal.example.org';
const T0 = new Date('2026-11-23T09:00:00Z');
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
const settings = { idleMinutes: 60, absoluteHours: 12 };

beforeAll(async () => {
	db = await createTestDb();
	await createUser(db, { email: 'forgetful@example.org', name: 'Forgetful', passwordHash: await hashPassword('the old password') });
});
afterAll(() => db.drop());

async function tokenFromMail(): Promise<string> {
	const mail = (await listOutbox(db)).find((m) => m.to === 'forgetful@example.org')!;
	return /\/password-reset\/([a-z2-7]{32})/.exec(mail.text)![1];
}

describe('password resets', () => {
	it('send nothing, and say nothing different, for an unknown email', async () => {
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'nobody@example.org', ORIGIN, T0);
		expect((await listOutbox(db)).filter((m) => m.to === 'nobody@example.org')).toEqual([]);
	});

	it('work once within an hour, change the password and end every session', async () => {
		const user = (await getUserByEmail(db, 'forgetful@example.org'))!;
		const { token: sessionToken } = await createSession(db, user.id, { ip: '', userAgent: '' }, settings, T0);
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'forgetful@example.org', ORIGIN, T0);
		const token = await tokenFromMail();
		expect(await lookupPasswordReset(db, token, minutes(59))).toEqual({ ok: true, email: 'forgetful@example.org' });
		expect((await completePasswordReset(db, SYSTEM_CONTEXT, token, 'a brand new password', minutes(30))).ok).toBe(true);
		expect(await verifyPassword((await getUserByEmail(db, 'forgetful@example.org'))!.passwordHash!, 'a brand new password')).toBe(true);
		expect(await validateSessionToken(db, sessionToken, settings, minutes(31))).toBeNull();
		expect(await completePasswordReset(db, SYSTEM_CONTEXT, token, 'yet another password', minutes(31))).toEqual({ ok: false });
	});

	it('say when the link expires, in UK time', async () => {
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'forgetful@example.org', ORIGIN, new Date('2027-06-01T13:05:00Z'));
		const mail = (await listOutbox(db)).find((m) => m.to === 'forgetful@example.org')!;
		expect(mail.text).toContain('The link works once and expires in 60 minutes, at 3:05pm on 1 June 2027 (UK time).');
	});

	it('expire after an hour', async () => {
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'forgetful@example.org', ORIGIN, minutes(120));
		const token = await tokenFromMail();
		expect(await lookupPasswordReset(db, token, minutes(180))).toEqual({ ok: false });
		expect(await completePasswordReset(db, SYSTEM_CONTEXT, token, 'too late password', minutes(180))).toEqual({ ok: false });
	});

	it('only the newest link works', async () => {
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'forgetful@example.org', ORIGIN, minutes(300));
		const first = await tokenFromMail();
		await requestPasswordReset(db, SYSTEM_CONTEXT, 'forgetful@example.org', ORIGIN, minutes(301));
		const second = await tokenFromMail();
		expect(first).not.toBe(second);
		expect(await lookupPasswordReset(db, first, minutes(302))).toEqual({ ok: false });
		expect((await lookupPasswordReset(db, second, minutes(302))).ok).toBe(true);
	});
});
