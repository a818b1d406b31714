import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { SIGN_IN_POLICY, clearFailures, firstBlocked, recordFailure, throttleState } from '../../../src/lib/server/auth/throttle';
import { signIn } from '../../../src/lib/server/auth/sign-in';
import { createUser } from '../../../src/lib/server/users';
import { hashPassword } from '../../../src/lib/server/auth/passwords';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { DEVICE_TOKENS_PER_BROWSER, deviceCookieKey, readDeviceTokens } from '../../../src/lib/server/auth/device-cookies';

let db: Awaited<ReturnType<typeof createTestDb>>;
const T0 = new Date('2026-11-23T09:00:00Z');
const seconds = (s: number) => new Date(T0.getTime() + s * 1000);

beforeAll(async () => {
	db = await createTestDb();
	const passwordHash = await hashPassword('the right password');
	await createUser(db, { email: 'throttled@example.org', name: 'T', passwordHash });
	for (const email of ['owner@example.org', 'colleague@example.org', 'newcomer@example.org', 'other@example.org']) {
		await createUser(db, { email, name: email, passwordHash });
	}
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

describe('device cookies: guessing cannot lock an account’s owner out', () => {
	const settings = { idleMinutes: 60, absoluteHours: 12 };
	const attempt = (email: string, password: string, ip: string, s: number, deviceCookie?: string) =>
		signIn(db, SYSTEM_CONTEXT, { email, password }, { ip, userAgent: 't', deviceCookie }, settings, seconds(s));
	/** The device cookie a browser gets from signing in successfully. */
	async function cookieFrom(email: string, s: number, previous?: string): Promise<string> {
		const result = await attempt(email, 'the right password', '192.0.2.200', s, previous);
		if (!result.ok) throw new Error(`${email} could not sign in: ${result.reason}`);
		return result.deviceCookie;
	}
	const lockOut = async (email: string, from: number) => {
		for (let i = 0; i < 10; i++) expect(await attempt(email, 'a wrong guess!!', `198.51.100.${i + 20}`, from + i)).toEqual({ ok: false, reason: 'incorrect' });
	};

	it('lets a browser that signed in before keep signing in while the account is locked for every other browser', async () => {
		const owner = await cookieFrom('owner@example.org', 0);
		await lockOut('owner@example.org', 10);
		expect(await attempt('owner@example.org', 'the right password', '203.0.113.1', 30)).toMatchObject({ ok: false, reason: 'throttled' });
		const fromOwnBrowser = await attempt('owner@example.org', 'the right password', '203.0.113.1', 31, owner);
		expect(fromOwnBrowser.ok).toBe(true);
		// Signing in from the known browser does not lift the lock for the others.
		expect(await attempt('owner@example.org', 'the right password', '203.0.113.1', 32)).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('counts wrong passwords from a known browser against that browser alone', async () => {
		const own = await cookieFrom('other@example.org', 0);
		for (let i = 0; i < 10; i++) expect(await attempt('other@example.org', 'a wrong guess!!', '203.0.113.2', 1 + i, own)).toEqual({ ok: false, reason: 'incorrect' });
		expect(await attempt('other@example.org', 'the right password', '203.0.113.2', 20, own)).toMatchObject({ ok: false, reason: 'throttled' });
		// Neither the account nor the address was charged for them.
		expect((await attempt('other@example.org', 'the right password', '203.0.113.2', 21)).ok).toBe(true);
	});

	it('lets colleagues behind an address someone is guessing from sign in from their own browsers', async () => {
		const shared = '198.51.100.99';
		const colleague = await cookieFrom('colleague@example.org', 0);
		for (let i = 0; i < 10; i++) await attempt(`guess${i}@example.org`, 'not a real password', shared, 1 + i);
		expect(await attempt('newcomer@example.org', 'the right password', shared, 20)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt('colleague@example.org', 'the right password', shared, 21, colleague)).ok).toBe(true);
	});

	it('trusts no cookie that is altered, made up, expired or another account’s', async () => {
		const owner = await cookieFrom('throttled@example.org', 3600);
		await lockOut('throttled@example.org', 3601);
		const at = 3620;
		const altered = owner.slice(0, -2) + (owner.endsWith('AA') ? 'BB' : 'AA');
		const madeUp = `${'0'.repeat(32)}.${'1'.repeat(6)}.${'2'.repeat(32)}.${'A'.repeat(43)}`;
		const othersCookie = await cookieFrom('newcomer@example.org', at);
		for (const cookie of [altered, madeUp, othersCookie, 'garbage', '~~~']) {
			expect(await attempt('throttled@example.org', 'the right password', '203.0.113.3', at, cookie)).toMatchObject({ ok: false, reason: 'throttled' });
		}
		// The owner's own cookie still works; after 180 days it no longer counts.
		expect((await attempt('throttled@example.org', 'the right password', '203.0.113.3', at, owner)).ok).toBe(true);
		await lockOut('throttled@example.org', 181 * 86400);
		expect(await attempt('throttled@example.org', 'the right password', '203.0.113.3', 181 * 86400 + 20, owner)).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('remembers the last few accounts signed in on one browser, the newest first', async () => {
		let cookie = '';
		for (let i = 0; i < DEVICE_TOKENS_PER_BROWSER + 2; i++) {
			const email = `shared-desk-${i}@example.org`;
			await createUser(db, { email, name: email, passwordHash: await hashPassword('the right password') });
			cookie = await cookieFrom(email, 7200 + i, cookie);
		}
		const tokens = readDeviceTokens(await deviceCookieKey(db), cookie, seconds(7300));
		expect(tokens).toHaveLength(DEVICE_TOKENS_PER_BROWSER);
		expect(tokens.map((t) => t.issuedAt.getTime())).toEqual([...tokens.map((t) => t.issuedAt.getTime())].sort((a, b) => b - a));
		// Signing in again replaces that account's token rather than adding one.
		const again = await cookieFrom(`shared-desk-${DEVICE_TOKENS_PER_BROWSER + 1}@example.org`, 7400, cookie);
		expect(readDeviceTokens(await deviceCookieKey(db), again, seconds(7401))).toHaveLength(DEVICE_TOKENS_PER_BROWSER);
	});

	it('keeps one signing key for the installation, in the database', async () => {
		const rows = await db.query<{ n: number }>(`select count(*)::int as n from server_keys where name = 'device-cookie'`);
		expect(rows[0].n).toBe(1);
	});
});
