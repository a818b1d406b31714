// What every response carries, and the health check load balancers poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { DB_KIND, ROOT, TEST_DATABASE_URL } from '../../helpers/paths';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { signedIn } from '../../helpers/http';

let server: TestServer;
let httpsServer: TestServer;
beforeAll(async () => {
	[server, httpsServer] = await Promise.all([
		startTestServer(),
		startTestServer({ env: { ORIGIN: 'https://portal.example.org' } })
	]);
});
afterAll(() => Promise.all([server.stop(), httpsServer.stop()]));

describe('GET /healthz', () => {
	it('answers 200 with the database kind after a real query', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.json()).toEqual({ status: 'ok', database: DB_KIND });
	});
});

describe('security headers', () => {
	it('sends a strict CSP from kit.csp: no inline script, no framing', async () => {
		const res = await fetch(`${server.url}/`);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("default-src 'self'");
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).not.toContain('unsafe-eval');
	});

	it("allows inline style only for SvelteKit's route announcer, by the hash of the style the installed Kit renders", async () => {
		const root = fs.readFileSync(path.join(ROOT, 'node_modules/@sveltejs/kit/src/core/sync/write_root.js'), 'utf8');
		const style = /<div id="svelte-announcer"[^>]* style="([^"]+)"/.exec(root)?.[1];
		expect(style, 'the announcer still has an inline style in @sveltejs/kit').toBeDefined();
		const hash = createHash('sha256').update(style!).digest('base64');
		const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
		expect(csp.split(';').map((d) => d.trim())).toContain(`style-src 'self' 'unsafe-hashes' 'sha256-${hash}'`);
	});

	it.each(['/', '/sign-in', '/favicon.svg', '/healthz', '/no-such-page'])('%s carries the common headers', async (path) => {
		const res = await fetch(`${server.url}${path}`);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		expect(res.headers.get('permissions-policy')).toContain('camera=()');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('strict-transport-security')).toBeNull();
	});

	it('adds HSTS only when served over https, static files included', async () => {
		for (const path of ['/', '/favicon.svg']) {
			const res = await fetch(`${httpsServer.url}${path}`);
			expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
		}
	});

	it('marks authenticated pages no-store and public pages cacheable', async () => {
		const client = await signedIn(server.url, 'lead@police.example.org');
		expect((await client.get('/home')).headers.get('cache-control')).toBe('no-store');
		expect((await fetch(`${server.url}/accessibility`)).headers.get('cache-control')).not.toBe('no-store');
	});

	it('gives every response a request id and echoes a well-formed incoming one', async () => {
		const mine = await fetch(`${server.url}/`, { headers: { 'x-request-id': 'lb-1234567890' } });
		expect(mine.headers.get('x-request-id')).toBe('lb-1234567890');
		const bad = await fetch(`${server.url}/`, { headers: { 'x-request-id': 'bad id <script>' } });
		expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('structured logs', () => {
	it('writes one JSON line per request with its id, and never a token or password', async () => {
		const own = await startTestServer({ env: { LOG_LEVEL: 'info' } });
		try {
			await fetch(`${own.url}/invitations/abcdefghijklmnopqrstuvwxyz234567`, { headers: { 'x-request-id': 'trace-abcdef12' } });
			await fetch(`${own.url}/sign-in`, {
				method: 'POST',
				headers: { origin: own.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: 'email=lead%40police.example.org&password=not-the-password-123'
			});
			const lines = own.output().split('\n').filter((l) => l.startsWith('{'));
			const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
			const traced = parsed.find((l) => l.requestId === 'trace-abcdef12');
			expect(traced).toMatchObject({ msg: 'request', method: 'GET', route: '/(public)/invitations/[token]', path: '/invitations/[redacted]' });
			expect(own.output()).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
			expect(own.output()).not.toContain('not-the-password-123');
		} finally {
			await own.stop();
		}
	});
});

describe.skipIf(DB_KIND !== 'postgres')('GET /healthz when the database goes away', () => {
	it('answers 503 with a JSON reason', async () => {
		const own = await startTestServer();
		try {
			const name = new URL(own.scratch.env.DATABASE_URL).pathname.slice(1);
			const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database ${name} with (force)`);
			await admin.end();
			const res = await fetch(`${own.url}/healthz`);
			expect(res.status).toBe(503);
			const body = (await res.json()) as Record<string, string>;
			expect(body.status).toBe('unavailable');
			expect(body.database).toBe('postgres');
			expect(body.reason).toMatch(/^database unreachable/);
		} finally {
			await own.stop();
		}
	});
});
