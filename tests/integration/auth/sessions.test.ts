import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { createUser } from '../../../src/lib/server/users';
import {
	createSession,
	endOwnSession,
	extendSession,
	invalidateUserSessions,
	listSessions,
	validateSessionToken
} from '../../../src/lib/server/auth/sessions';
import { hashToken } from '../../../src/lib/server/auth/tokens';
import { setAccountDisabled } from '../../../src/lib/server/admin';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
let userId: string;
const settings = { idleMinutes: 60, absoluteHours: 12 };
const meta = { ip: '192.0.2.1', userAgent: 'test' };
const at = (iso: string) => new Date(iso);
const T0 = at('2026-11-23T09:00:00Z');
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

beforeAll(async () => {
	db = await createTestDb();
	userId = (await createUser(db, { email: 'session.person@example.org', name: 'Session Person', passwordHash: 'x' })).id;
});
afterAll(() => db.drop());

describe('sessions', () => {
	it('store only the SHA-256 of the token', async () => {
		const { token, session } = await createSession(db, userId, meta, settings, T0);
		expect(session.id).toBe(hashToken(token));
		const stored = await db.query<{ id: string }>('select id from sessions where user_id = $1', [userId]);
		expect(stored.map((s) => s.id)).toContain(hashToken(token));
		const anywhere = await db.query<{ n: number }>(`select count(*) as n from sessions where id = $1 or ip = $1 or user_agent = $1`, [token]);
		expect(anywhere[0].n).toBe(0);
	});

	it('slide: each use within the idle time moves the expiry on', async () => {
		const { token } = await createSession(db, userId, meta, settings, T0);
		const later = minutes(T0, 50);
		const valid = await validateSessionToken(db, token, settings, later);
		expect(valid?.session.expiresAt).toEqual(minutes(later, 60));
		expect(valid?.user.email).toBe('session.person@example.org');
		expect(await validateSessionToken(db, token, settings, minutes(later, 59))).not.toBeNull();
	});

	it('expire after the idle time without use, and are deleted', async () => {
		const { token, session } = await createSession(db, userId, meta, settings, T0);
		expect(await validateSessionToken(db, token, settings, minutes(T0, 60))).toBeNull();
		expect(await db.query('select 1 from sessions where id = $1', [session.id])).toHaveLength(0);
	});

	it('never outlive the absolute expiry, however busy', async () => {
		const { token } = await createSession(db, userId, meta, settings, T0);
		let now = T0;
		for (let i = 0; i < 14; i++) {
			now = minutes(now, 55);
			const valid = await validateSessionToken(db, token, settings, now);
			if (now < minutes(T0, 12 * 60)) {
				expect(valid).not.toBeNull();
				expect(valid!.session.expiresAt.getTime()).toBeLessThanOrEqual(minutes(T0, 12 * 60).getTime());
			} else {
				expect(valid).toBeNull();
			}
		}
	});

	it('“stay signed in” slides at once, capped by the absolute expiry', async () => {
		const { session } = await createSession(db, userId, meta, settings, T0);
		const extended = await extendSession(db, session, settings, minutes(T0, 11 * 60 + 30));
		expect(extended.expiresAt).toEqual(minutes(T0, 12 * 60));
	});

	it('refuse tokens of the wrong shape without touching the database', async () => {
		expect(await validateSessionToken(db, "' or 1=1 --", settings, T0)).toBeNull();
	});

	it('end one at a time (only the owner’s), or all but the current one', async () => {
		const a = await createSession(db, userId, meta, settings, T0);
		const b = await createSession(db, userId, meta, settings, T0);
		const other = await createUser(db, { email: 'other.person@example.org', name: 'Other', passwordHash: 'x' });
		expect(await endOwnSession(db, other.id, a.session.id)).toBe(false);
		expect(await endOwnSession(db, userId, a.session.id)).toBe(true);
		await invalidateUserSessions(db, userId, b.session.id);
		const left = await listSessions(db, userId, T0);
		expect(left.map((s) => s.id)).toEqual([b.session.id]);
	});

	it('all end when the account is disabled', async () => {
		const { token } = await createSession(db, userId, meta, settings, T0);
		await setAccountDisabled(db, SYSTEM_CONTEXT, userId, true);
		expect(await validateSessionToken(db, token, settings, T0)).toBeNull();
		expect(await listSessions(db, userId, T0)).toEqual([]);
		await setAccountDisabled(db, SYSTEM_CONTEXT, userId, false);
	});
});
