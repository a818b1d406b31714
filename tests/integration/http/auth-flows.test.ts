// Sign-in, sessions, invitations and resets as people use them, over HTTP
// against the real server, with mail delivered to a real SMTP server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { DEMO_PASSWORD } from '../../../src/lib/server/seed/demo';

const ids = inject('demoIds');
let server: TestServer;
let httpsServer: TestServer;
let smtp: TestSmtp;

beforeAll(async () => {
	smtp = await startSmtp();
	[server, httpsServer] = await Promise.all([
		startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example.org' } }),
		startTestServer({ env: { ORIGIN: 'https://portal.example.org' } })
	]);
}, 120_000);
afterAll(async () => {
	await Promise.all([server.stop(), httpsServer.stop()]);
	await smtp.stop();
});

const linkIn = (text: string, kind: 'invitations' | 'password-reset') => {
	const match = new RegExp(`https?://[^/\\s]+(/${kind}/[a-z2-7]{32})`).exec(text);
	if (!match) throw new Error(`no ${kind} link in: ${text}`);
	return match[1];
};

describe('signing in', () => {
	it('sets an HttpOnly, SameSite=Lax session cookie, __Host- and Secure over https', async () => {
		const res = await new Client(server.url).post('/sign-in', { email: 'lead@police.example.org', password: DEMO_PASSWORD });
		expect(res.status).toBe(303);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		expect(cookie).toMatch(/; HttpOnly/);
		expect(cookie).toMatch(/; SameSite=Lax/);
		expect(cookie).toMatch(/; Path=\//);
		expect(cookie).not.toMatch(/; Secure/);

		const secure = await new Client(httpsServer.url).post(
			'/sign-in',
			{ email: 'lead@police.example.org', password: DEMO_PASSWORD },
			{ headers: { origin: 'https://portal.example.org' } }
		);
		const secureCookie = secure.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))!;
		expect(secureCookie).toMatch(/; Secure/);
		expect(secureCookie).toMatch(/; HttpOnly/);
		expect(secureCookie).not.toMatch(/Domain=/i);
	});

	it('gives the same answer for an unknown email and a wrong password', async () => {
		const unknown = await new Client(server.url).post('/sign-in', { email: 'nobody.here@example.org', password: 'something long' });
		const wrong = await new Client(server.url).post('/sign-in', { email: 'board@northmere.example.org', password: 'something long' });
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(400);
		const [a, b] = [await pageText(unknown), await pageText(wrong)];
		expect(a).toContain('Email or password is incorrect');
		expect(a.replace('nobody.here@example.org', 'EMAIL')).toBe(b.replace('board@northmere.example.org', 'EMAIL'));
	});

	it('answers 429 with Retry-After after 10 failures in 15 minutes, even for the right password', async () => {
		const client = new Client(server.url);
		for (let i = 0; i < 10; i++) {
			expect((await client.post('/sign-in', { email: 'chair@eastbrook.example.org', password: `wrong guess ${i}` })).status).toBe(400);
		}
		const blocked = await client.post('/sign-in', { email: 'chair@eastbrook.example.org', password: DEMO_PASSWORD });
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await pageText(blocked)).toMatch(/Too many attempts\. Try again in 1[45] minutes\./);
	});

	it('answers 429 to an address after 10 failures there, whichever accounts they were for', async () => {
		const address = '203.0.113.77';
		for (let i = 0; i < 10; i++) {
			await new Client(server.url, address).post('/sign-in', { email: `guess${i}@example.org`, password: 'not a real password' });
		}
		expect((await new Client(server.url, address).post('/sign-in', { email: 'head@oakfield.example.org', password: DEMO_PASSWORD })).status).toBe(429);
		expect((await new Client(server.url).post('/sign-in', { email: 'head@oakfield.example.org', password: DEMO_PASSWORD })).status).toBe(303);
	});

	it('keeps letting the owner in from a browser they signed in from, while guessing locks the account for everyone else', async () => {
		const owner = await new Client(server.url).signIn('chair@northmere.example.org');
		const device = owner.cookies.get('device');
		expect(device, 'a device cookie after signing in').toBeTruthy();
		await owner.post('/sign-out');
		const attacker = new Client(server.url);
		for (let i = 0; i < 10; i++) {
			expect((await attacker.post('/sign-in', { email: 'chair@northmere.example.org', password: `wrong guess ${i}` })).status).toBe(400);
		}
		expect((await attacker.post('/sign-in', { email: 'chair@northmere.example.org', password: DEMO_PASSWORD })).status).toBe(429);
		expect((await new Client(server.url).post('/sign-in', { email: 'chair@northmere.example.org', password: DEMO_PASSWORD })).status).toBe(429);
		// The owner's browser, even from the attacker's address.
		const again = new Client(server.url, attacker.address);
		again.cookies.set('device', device!);
		expect((await again.post('/sign-in', { email: 'chair@northmere.example.org', password: DEMO_PASSWORD })).status).toBe(303);
		// A copy of the cookie does not lift the address's lock for another account.
		attacker.cookies.set('device', device!);
		expect((await attacker.post('/sign-in', { email: 'business.unit@eastbrook.example.org', password: DEMO_PASSWORD })).status).toBe(429);
	});

	it('sets the device cookie HttpOnly, SameSite=Strict, for 180 days, __Host- and Secure over https', async () => {
		const res = await new Client(server.url).post('/sign-in', { email: 'contributor@police.example.org', password: DEMO_PASSWORD });
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('device='))!;
		expect(cookie).toMatch(/; HttpOnly/);
		expect(cookie).toMatch(/; SameSite=Strict/);
		expect(cookie).toMatch(/; Max-Age=15552000/);
		const secure = await new Client(httpsServer.url).post(
			'/sign-in',
			{ email: 'contributor@police.example.org', password: DEMO_PASSWORD },
			{ headers: { origin: 'https://portal.example.org' } }
		);
		const secureCookie = secure.headers.getSetCookie().find((c) => c.startsWith('__Host-device='))!;
		expect(secureCookie).toMatch(/; Secure/);
		expect(secureCookie).toMatch(/; Path=\//);
		// A failed sign-in sets none.
		const failed = await new Client(server.url).post('/sign-in', { email: 'contributor@police.example.org', password: 'not the password' });
		expect(failed.headers.getSetCookie().some((c) => c.startsWith('device='))).toBe(false);
	});

	it('does not let a disabled account in, with the same message', async () => {
		const admin = await new Client(server.url).signIn('admin@example.org');
		await admin.post('/admin/users', { userId: ids.users['board@northmere.example.org'] }, { action: 'disable' });
		const res = await new Client(server.url).post('/sign-in', { email: 'board@northmere.example.org', password: DEMO_PASSWORD });
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('Email or password is incorrect');
		await admin.post('/admin/users', { userId: ids.users['board@northmere.example.org'] }, { action: 'enable' });
	});

	it('returns to the page that asked for sign-in, and never to another site', async () => {
		const page = `/partnerships/${ids.partnerships.northmere}/users`;
		const res = await new Client(server.url).post(`/sign-in?next=${encodeURIComponent(page)}`, { email: 'business.unit@northmere.example.org', password: DEMO_PASSWORD });
		expect(res.headers.get('location')).toBe(page);
		const evil = await new Client(server.url).post(`/sign-in?next=${encodeURIComponent('//evil.example/x')}`, { email: 'business.unit@northmere.example.org', password: DEMO_PASSWORD });
		expect(evil.headers.get('location')).toBe('/home');
	});
});

describe('sessions end when they should', () => {
	it('on sign-out, and the old cookie no longer works', async () => {
		const client = await new Client(server.url).signIn('director@nhs.example.org');
		const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		expect((await client.post('/sign-out')).headers.get('location')).toBe('/sign-in?signed-out');
		const replay = await fetch(`${server.url}/home`, { headers: { cookie }, redirect: 'manual' });
		expect(replay.status).toBe(303);
	});

	it('everywhere else when the password changes', async () => {
		const here = await new Client(server.url).signIn('contributor@police.example.org');
		const elsewhere = await new Client(server.url).signIn('contributor@police.example.org');
		const res = await here.post('/account', { currentPassword: DEMO_PASSWORD, password: 'a new and long password', confirmPassword: 'a new and long password' }, { action: 'password' });
		expect(res.status).toBe(303);
		expect((await elsewhere.get('/home')).status).toBe(303);
		expect((await here.get('/home')).status).toBe(200);
		await new Client(server.url).signIn('contributor@police.example.org', 'a new and long password');
	});

	it('for the person whose role is removed', async () => {
		const moderator = await new Client(server.url).signIn('moderator@northmere.example.org');
		const bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
		const res = await bu.post(`/partnerships/${ids.partnerships.northmere}/users`, { userId: ids.users['moderator@northmere.example.org'], role: 'moderator' }, { action: 'remove' });
		expect(res.status).toBe(303);
		expect((await moderator.get('/home')).status).toBe(303);
		const again = await new Client(server.url).signIn('moderator@northmere.example.org');
		expect((await again.get(`/partnerships/${ids.partnerships.northmere}`)).status).toBe(404);
	});

	it('but never leaves a partnership without a business unit user', async () => {
		const bu = await new Client(server.url).signIn('business.unit@eastbrook.example.org');
		const res = await bu.post(`/partnerships/${ids.partnerships.eastbrook}/users`, { userId: ids.users['business.unit@eastbrook.example.org'], role: 'business_unit' }, { action: 'remove' });
		expect(res.status).toBe(409);
		expect(await pageText(res)).toContain('You cannot remove the last business unit user');
	});
});

describe('an invitation, from email to first sign-in', () => {
	it('works once, enforces the password rules, and is recorded in the audit log', async () => {
		const bu = await new Client(server.url).signIn('business.unit@northmere.example.org');
		const invited = await bu.post(`/partnerships/${ids.partnerships.northmere}/users`, { email: 'New.Chair@Example.org', name: 'New Chair', role: 'chair' }, { action: 'invite' });
		expect(invited.status).toBe(303);
		// With a mail server the page says it was sent (without one, that it waits in the outbox: the browser test).
		expect(await pageText(await bu.get(invited.headers.get('location')!))).toContain('Invitation sent to new.chair@example.org');
		const mail = await smtp.waitFor((m) => m.to.includes('new.chair@example.org'));
		const link = linkIn(mailText(mail), 'invitations');

		const visitor = new Client(server.url);
		expect(await pageText(await visitor.get(link))).toContain('Accept your invitation');
		const weak = await visitor.post(link, { name: 'New Chair', password: 'passwordpassword', confirmPassword: 'passwordpassword' });
		expect(weak.status).toBe(400);
		expect(await pageText(weak)).toContain('This password is too common');
		const accepted = await visitor.post(link, { name: 'New Chair', password: 'chairs long password', confirmPassword: 'chairs long password' });
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toBe(`/partnerships/${ids.partnerships.northmere}?welcome`);
		expect((await visitor.get(`/partnerships/${ids.partnerships.northmere}`)).status).toBe(200);

		expect(await pageText(await new Client(server.url).get(link))).toContain('already been accepted');
		await new Client(server.url).signIn('new.chair@example.org', 'chairs long password');

		const log = await pageText(await bu.get(`/partnerships/${ids.partnerships.northmere}/audit-log?action=invitation`));
		expect(log).toContain('invitation.create');
		expect(log).toContain('invitation.accept');
	});

	it('stops working once withdrawn', async () => {
		const lead = await new Client(server.url).signIn('lead@police.example.org');
		const police = ids.organisations['Mercia Vale Police'];
		await lead.post(`/organisations/${police}/users`, { email: 'withdrawn@example.org', role: 'contributor' }, { action: 'invite' });
		const link = linkIn(mailText(await smtp.waitFor((m) => m.to.includes('withdrawn@example.org'))), 'invitations');
		const page = await pageText(await lead.get(`/organisations/${police}/users`));
		expect(page).toContain('withdrawn@example.org');
		const invitationId = /name="invitationId" value="([0-9a-f-]{36})"/.exec(await (await lead.get(`/organisations/${police}/users`)).text())![1];
		expect((await lead.post(`/organisations/${police}/users`, { invitationId }, { action: 'revoke' })).status).toBe(303);
		expect(await pageText(await new Client(server.url).get(link))).toContain('This invitation has been withdrawn');
	});

	it('cannot be withdrawn by another organisation’s lead (404)', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const lead = await new Client(server.url).signIn('lead@police.example.org');
		await lead.post(`/organisations/${police}/users`, { email: 'kept@example.org', role: 'contributor' }, { action: 'invite' });
		const invitationId = /name="invitationId" value="([0-9a-f-]{36})"/.exec(await (await lead.get(`/organisations/${police}/users`)).text())![1];
		const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
		const other = await new Client(server.url).signIn('lead@nhs.example.org');
		expect((await other.post(`/organisations/${nhs}/users`, { invitationId }, { action: 'revoke' })).status).toBe(404);
	});
});

describe('a password reset', () => {
	it('arrives by email, sets a new password once, and the old one stops working', async () => {
		const res = await new Client(server.url).post('/password-reset', { email: 'governor@oakfield.example.org' });
		expect(await pageText(res)).toContain('Check your email');
		const link = linkIn(mailText(await smtp.waitFor((m) => m.to.includes('governor@oakfield.example.org'))), 'password-reset');
		const visitor = new Client(server.url);
		const done = await visitor.post(link, { password: 'governors new password', confirmPassword: 'governors new password' });
		expect(done.headers.get('location')).toBe('/sign-in?reset');
		expect((await new Client(server.url).post('/sign-in', { email: 'governor@oakfield.example.org', password: DEMO_PASSWORD })).status).toBe(400);
		await new Client(server.url).signIn('governor@oakfield.example.org', 'governors new password');
		expect(await pageText(await visitor.get(link))).toContain('This link has expired or has already been used');
	});

	it('looks the same whether or not the email has an account', async () => {
		const known = await pageText(await new Client(server.url).post('/password-reset', { email: 'head@oakfield.example.org' }));
		const unknown = await pageText(await new Client(server.url).post('/password-reset', { email: 'nobody.at.all@example.org' }));
		expect(known.replace('head@oakfield.example.org', 'X')).toBe(unknown.replace('nobody.at.all@example.org', 'X'));
	});
});
