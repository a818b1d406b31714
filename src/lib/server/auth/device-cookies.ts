// Device cookies, as OWASP describes them ("Slow down online guessing attacks
// with device cookies"): a browser that has signed in to an account holds a
// token, signed by the server, that names that account. Signing in from such a
// browser is judged by that token's own failures, not by the account's or the
// address's: someone guessing passwords elsewhere, or behind the same address
// (an NHS trust or a council puts thousands of staff behind one), cannot lock
// the account's owner out. A token grants nothing but the right to try.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db';

/** How long a browser stays recognised after its last successful sign-in. */
export const DEVICE_COOKIE_DAYS = 180;
/** Accounts one browser is recognised for (a shared office computer). */
export const DEVICE_TOKENS_PER_BROWSER = 5;

const KEY_NAME = 'device-cookie';
const DAY = 86_400_000;
const TOKEN = /^([a-f0-9]{32})\.([0-9a-z]{1,12})\.([a-f0-9]{32})\.([A-Za-z0-9_-]{43})$/;

export type DeviceToken = { nonce: string; issuedAt: Date; account: string; raw: string };

const keys = new WeakMap<Queryable, Promise<Buffer>>();

/** The installation's signing key: made by the first instance that needs it, then shared through the database. */
export function deviceCookieKey(db: Queryable): Promise<Buffer> {
	let key = keys.get(db);
	if (!key) {
		key = (async () => {
			await db.query('insert into server_keys (name, key) values ($1, $2) on conflict (name) do nothing', [
				KEY_NAME,
				randomBytes(32).toString('hex')
			]);
			const rows = await db.query<{ key: string }>('select key from server_keys where name = $1', [KEY_NAME]);
			return Buffer.from(rows[0].key, 'hex');
		})();
		key.catch(() => keys.delete(db));
		keys.set(db, key);
	}
	return key;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

/** The account as the token names it: keyed, so a copied cookie does not tell whose it is. */
const accountRef = (key: Buffer, email: string) =>
	createHmac('sha256', key).update(`account:${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);

export function issueDeviceToken(key: Buffer, email: string, now: Date): string {
	const body = `${randomBytes(16).toString('hex')}.${Math.floor(now.getTime() / 1000).toString(36)}.${accountRef(key, email)}`;
	return `${body}.${mac(key, body)}`;
}

/** The tokens in a cookie's value that this server signed and that have not expired. */
export function readDeviceTokens(key: Buffer, cookie: string | undefined, now: Date): DeviceToken[] {
	if (!cookie || cookie.length > 2048) return [];
	return cookie.split('~').flatMap((raw) => {
		const m = TOKEN.exec(raw);
		if (!m) return [];
		const expected = Buffer.from(mac(key, `${m[1]}.${m[2]}.${m[3]}`));
		const given = Buffer.from(m[4]);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
		const issuedAt = new Date(parseInt(m[2], 36) * 1000);
		if (now.getTime() - issuedAt.getTime() > DEVICE_COOKIE_DAYS * DAY) return [];
		return [{ nonce: m[1], issuedAt, account: m[3], raw }];
	});
}

/** The token, among a cookie's valid ones, that this browser holds for `email`. */
export function tokenFor(key: Buffer, tokens: DeviceToken[], email: string): DeviceToken | null {
	const ref = accountRef(key, email);
	return tokens.find((t) => t.account === ref) ?? null;
}

/** The cookie's new value after a successful sign-in: a fresh token for this account, first, and the newest few others. */
export function cookieWith(key: Buffer, tokens: DeviceToken[], email: string, now: Date): string {
	const ref = accountRef(key, email);
	const others = tokens.filter((t) => t.account !== ref).sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
	return [issueDeviceToken(key, email, now), ...others.map((t) => t.raw)].slice(0, DEVICE_TOKENS_PER_BROWSER).join('~');
}

/** `__Host-` needs Secure, which browsers refuse over plain http (other than localhost). */
export function deviceCookieName(secure: boolean): string {
	return secure ? '__Host-device' : 'device';
}

export function deviceCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, secure, sameSite: 'strict' as const, maxAge: DEVICE_COOKIE_DAYS * 86_400 };
}
