import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { SIGN_IN_POLICY, clearFailures, firstBlocked, recordFailure, throttleState } from '../../../src/lib/server/auth/throttle';
import { signIn } from '../../../src/lib/server/auth/sign-in';
import { createUser } from '../../../src/lib/server/users';
import { hashPassword } from '../../../src/lib/server/auth/passwords';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
const T0 = new Date('2026-11-23T09:00:00Z');
const seconds = (s: number) => new Date(T0.getTime() + s * 1000);

beforeAll(async () => {
	db = await createTestDb();
	await createUser(db, { email: 'throttled@example.org', name: 'T', passwordHash: await hashPassword('the right password') });
});
afterAll(() => db.drop());

describe('throttling held in the database', () => {
	it('blocks at the 10th failure within 15 minutes and says when to retry', async () => {
		for (let i = 0; i < 9; i++) await recordFailure(db, ['k1'], seconds(i * 60));
		expect(await throttleState(db, 'k1', SIGN_IN_POLICY, seconds(9 * 60))).toEqual({ blocked: false });
		await recordFailure(db, ['k1'], seconds(9 * 60));
		// the oldest of the ten leaves the window 15 minutes after it happened
		expect(await throttleState(db, 'k1', SIGN_IN_POLICY, seconds(10 * 60))).toEqual({ blocked: true, retryAfterSeconds: 5 * 60 });
		expect(await throttleState(db, 'k1', SIGN_IN_POLICY, seconds(15 * 60))).toEqual({ blocked: false });
	});

	it('counts each key on its own and reports the strictest', async () => {
		for (let i = 0; i < 10; i++) await recordFailure(db, ['k2'], T0);
		const state = await firstBlocked(db, ['k3', 'k2'], SIGN_IN_POLICY, seconds(60));
		expect(state).toEqual({ blocked: true, retryAfterSeconds: 14 * 60 });
		await clearFailures(db, 'k2');
		expect(await firstBlocked(db, ['k3', 'k2'], SIGN_IN_POLICY, seconds(60))).toEqual({ blocked: false });
	});

	it('locks an account after 10 wrong passwords, even for the right one, and from any address', async () => {
		const attempt = (password: string, ip: string, s: number) =>
			signIn(db, SYSTEM_CONTEXT, { email: 'throttled@example.org', password }, { ip, userAgent: 't' }, { idleMinutes: 60, absoluteHours: 12 }, seconds(s));
		for (let i = 0; i < 10; i++) expect(await attempt('wrong password!!', `198.51.100.${i}`, i)).toEqual({ ok: false, reason: 'incorrect' });
		const locked = await attempt('the right password', '203.0.113.9', 20);
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		const later = await attempt('the right password', '203.0.113.9', 15 * 60 + 20);
		expect(later.ok).toBe(true);
	});

	it('says the same for an unknown email as for a wrong password', async () => {
		const settings = { idleMinutes: 60, absoluteHours: 12 };
		const unknown = await signIn(db, SYSTEM_CONTEXT, { email: 'nobody@example.org', password: 'whatever pass' }, { ip: '192.0.2.50', userAgent: '' }, settings, T0);
		const wrong = await signIn(db, SYSTEM_CONTEXT, { email: 'throttled@example.org', password: 'whatever pass' }, { ip: '192.0.2.51', userAgent: '' }, settings, seconds(3600));
		expect(unknown).toEqual(wrong);
	});
});
