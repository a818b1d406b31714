// Every route and form action × every role, at the HTTP level, against the real
// server (Immich's order: anonymous, each role in scope, the same role elsewhere,
// then malformed input). The table is tests/helpers/route-matrix.ts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ACTORS, ALL_ACTORS, ROUTE_CASES, expected, type Actor, type RouteCase, type SignedInActor } from '../../helpers/route-matrix';
import { Client } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
const clients = new Map<Actor, Client>();

async function clientFor(actor: Actor, fresh = false): Promise<Client> {
	if (actor === 'anonymous') return new Client(server.url);
	if (!fresh && clients.has(actor)) return clients.get(actor)!;
	const client = await new Client(server.url).signIn(ACTORS[actor as SignedInActor]);
	if (!fresh) clients.set(actor, client);
	return client;
}

async function send(c: RouteCase, client: Client): Promise<Response> {
	const path = c.path(ids);
	if (c.method === 'GET') return client.get(path, { accept: 'text/html', ...c.headers });
	if (!c.action) return client.request(path, { method: 'POST', headers: c.headers });
	return client.post(path, c.form ?? {}, { action: c.action === 'default' ? undefined : c.action, headers: { accept: 'text/html', ...c.headers } });
}

beforeAll(async () => {
	server = await startTestServer();
}, 120_000);
afterAll(() => server.stop());

const label = (c: RouteCase) => `${c.method} ${c.route}${c.action && c.action !== 'default' ? ` ?/${c.action}` : ''}${c.note ? ` (${c.note})` : ''}`;

describe.each(ROUTE_CASES.map((c) => [label(c), c] as const))('%s', (_, c) => {
	it.each(ALL_ACTORS)('%s', async (actor) => {
		const res = await send(c, await clientFor(actor, c.fresh));
		const want = expected(c, actor);
		expect(res.status, `${actor} → ${c.method} ${c.path(ids)}${c.action ? `?/${c.action}` : ''}`).toBe(want);
		if (want === 303 && actor === 'anonymous' && (c.route.startsWith('/(app)') || c.route.startsWith('/(admin)')) && c.method === 'GET') {
			expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(c.path(ids))}`);
		}
		await res.body?.cancel();
	});
});

describe('malformed ids', () => {
	it.each([
		'/organisations/not-a-uuid',
		'/organisations/00000000-0000-0000-0000-000000000000',
		'/partnerships/1%27%20or%201=1',
		'/partnerships/00000000-0000-0000-0000-000000000000/organisations'
	])('%s answers 404 to a signed-in user, never 500', async (path) => {
		const res = await (await clientFor('nm_bu')).get(path, { accept: 'text/html' });
		expect(res.status).toBe(404);
	});
});

describe('JSON endpoints that change state', () => {
	it('refuse a cross-site request even with a valid session', async () => {
		const client = await clientFor('police_lead');
		const res = await client.request('/api/session', { method: 'POST', headers: { origin: 'https://evil.example', accept: 'application/json' } });
		expect(res.status).toBe(403);
	});
});

describe('form posts from another site', () => {
	it('are refused by the CSRF check before any action runs', async () => {
		const client = await clientFor('nm_bu');
		const res = await client.post(`/partnerships/${ids.partnerships.northmere}/users`, { email: 'x@example.org', role: 'chair' }, {
			action: 'invite',
			headers: { origin: 'https://evil.example', accept: 'text/html' }
		});
		expect(res.status).toBe(403);
	});
});
