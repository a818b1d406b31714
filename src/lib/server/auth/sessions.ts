// Sessions as in Lucia's guide: the client holds a random token, the database
// only its SHA-256. Sessions slide on use (idle expiry) but never outlive their
// absolute expiry.
import type { Cookies } from '@sveltejs/kit';
import type { Queryable } from '../db';
import { generateToken, hashToken, isTokenShaped } from './tokens';
import { loadSessionUser, type SessionUser } from '../users';

export interface SessionSettings {
	idleMinutes: number;
	absoluteHours: number;
}

export interface Session {
	id: string;
	userId: string;
	createdAt: Date;
	lastSeenAt: Date;
	expiresAt: Date;
	absoluteExpiresAt: Date;
	ip: string;
	userAgent: string;
	/** When the person confirmed, before their first upload in this session, that documents do not identify children. */
	evidenceConfirmedAt: Date | null;
}

export interface SessionMeta {
	ip: string;
	userAgent: string;
}

// Writing last_seen_at on every request would turn every read into a write.
const TOUCH_AFTER_MS = 60_000;

const minutes = (n: number) => n * 60_000;

export async function createSession(
	db: Queryable,
	userId: string,
	meta: SessionMeta,
	settings: SessionSettings,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const absoluteExpiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
	const expiresAt = new Date(Math.min(now.getTime() + minutes(settings.idleMinutes), absoluteExpiresAt.getTime()));
	const session: Session = {
		id: hashToken(token),
		userId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt,
		absoluteExpiresAt,
		ip: meta.ip.slice(0, 64),
		userAgent: meta.userAgent.slice(0, 300),
		evidenceConfirmedAt: null
	};
	await db.query(
		`insert into sessions (id, user_id, created_at, last_seen_at, expires_at, absolute_expires_at, ip, user_agent)
		 values ($1, $2, $3, $3, $4, $5, $6, $7)`,
		[session.id, userId, now, expiresAt, absoluteExpiresAt, session.ip, session.userAgent]
	);
	return { token, session };
}

type SessionRow = {
	id: string;
	user_id: string;
	created_at: Date;
	last_seen_at: Date;
	expires_at: Date;
	absolute_expires_at: Date;
	ip: string;
	user_agent: string;
	evidence_confirmed_at: Date | null;
};

const toSession = (r: SessionRow): Session => ({
	id: r.id,
	userId: r.user_id,
	createdAt: r.created_at,
	lastSeenAt: r.last_seen_at,
	expiresAt: r.expires_at,
	absoluteExpiresAt: r.absolute_expires_at,
	ip: r.ip,
	userAgent: r.user_agent,
	evidenceConfirmedAt: r.evidence_confirmed_at
});

/** Records that the person confirmed, for this session, that what they upload does not identify children. */
export async function confirmEvidenceForSession(db: Queryable, sessionId: string, now = new Date()): Promise<void> {
	await db.query('update sessions set evidence_confirmed_at = coalesce(evidence_confirmed_at, $2) where id = $1', [sessionId, now]);
}

export type ValidSession = { session: Session; user: SessionUser };

/** The session and its user for a cookie's token, sliding the idle expiry; null if none is valid. */
export async function validateSessionToken(
	db: Queryable,
	token: string,
	settings: SessionSettings,
	now = new Date()
): Promise<ValidSession | null> {
	if (!isTokenShaped(token)) return null;
	const id = hashToken(token);
	const rows = await db.query<SessionRow>(
		`select s.* from sessions s join users u on u.id = s.user_id
		 where s.id = $1 and u.disabled_at is null`,
		[id]
	);
	const row = rows[0];
	if (!row) return null;
	let session = toSession(row);
	if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
		await invalidateSession(db, id);
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
		session = extendSessionTimes(session, settings, now);
		await db.query('update sessions set last_seen_at = $2, expires_at = $3 where id = $1', [
			id,
			session.lastSeenAt,
			session.expiresAt
		]);
	}
	const user = await loadSessionUser(db, session.userId);
	if (!user) return null;
	return { session, user };
}

function extendSessionTimes(session: Session, settings: SessionSettings, now: Date): Session {
	const expiresAt = new Date(Math.min(now.getTime() + minutes(settings.idleMinutes), session.absoluteExpiresAt.getTime()));
	return { ...session, lastSeenAt: now, expiresAt };
}

/** "Stay signed in" from the timeout warning: slide now, whatever the last touch. */
export async function extendSession(
	db: Queryable,
	session: Session,
	settings: SessionSettings,
	now = new Date()
): Promise<Session> {
	const extended = extendSessionTimes(session, settings, now);
	await db.query('update sessions set last_seen_at = $2, expires_at = $3 where id = $1', [
		session.id,
		extended.lastSeenAt,
		extended.expiresAt
	]);
	return extended;
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
	await db.query('delete from sessions where id = $1', [sessionId]);
}

/** Ends every session of a user (password change, role removed, account disabled), optionally but one. */
export async function invalidateUserSessions(db: Queryable, userId: string, exceptSessionId?: string): Promise<number> {
	const rows = await db.query<{ id: string }>(
		'delete from sessions where user_id = $1 and id <> $2 returning id',
		[userId, exceptSessionId ?? '']
	);
	return rows.length;
}

export async function listSessions(db: Queryable, userId: string, now = new Date()): Promise<Session[]> {
	const rows = await db.query<SessionRow>(
		`select * from sessions where user_id = $1 and expires_at > $2 and absolute_expires_at > $2
		 order by last_seen_at desc`,
		[userId, now]
	);
	return rows.map(toSession);
}

/** Ends one of the user's own sessions; false if it is not theirs (or gone). */
export async function endOwnSession(db: Queryable, userId: string, sessionId: string): Promise<boolean> {
	const rows = await db.query('delete from sessions where id = $1 and user_id = $2 returning id', [sessionId, userId]);
	return rows.length > 0;
}

export async function pruneExpiredSessions(db: Queryable, now = new Date()): Promise<void> {
	await db.query('delete from sessions where expires_at <= $1 or absolute_expires_at <= $1', [now]);
}

/** `__Host-` needs Secure, which browsers refuse over plain http (other than localhost). */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-session' : 'session';
}

export function setSessionCookie(cookies: Cookies, token: string, session: Session, secure: boolean): void {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		secure,
		sameSite: 'lax',
		expires: session.absoluteExpiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}
