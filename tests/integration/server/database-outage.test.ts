// PostgreSQL going away under load and coming back: while it is away, every
// page answers a clean 503 (a page a person can read, with Retry-After; JSON
// for the portal's scripts) and /healthz says 503, never a 500; once it is back
// the same server, not restarted, answers again with the same session, and an
// answer saved afterwards is stored. The database's address goes through a TCP
// proxy the test cuts (every connection dropped, new ones refused) and restores:
// what the portal sees when the server stops and starts again.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { DB_KIND, TEST_DATABASE_URL } from '../../helpers/paths';
import { freePort, startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
const ret = () => `/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}`;

/** A TCP proxy to the database server that can be cut and restored on the same port. */
async function databaseProxy(target: URL) {
	const port = await freePort();
	const sockets = new Set<net.Socket>();
	let server: net.Server | null = null;
	const open = () =>
		new Promise<void>((resolve) => {
			server = net.createServer((client) => {
				const upstream = net.connect(Number(target.port || 5432), target.hostname);
				for (const s of [client, upstream]) {
					sockets.add(s);
					s.on('close', () => sockets.delete(s));
					s.on('error', () => s.destroy());
				}
				client.pipe(upstream).pipe(client);
				client.on('close', () => upstream.destroy());
				upstream.on('close', () => client.destroy());
			});
			server.listen(port, '127.0.0.1', resolve);
		});
	await open();
	return {
		port,
		async cut() {
			const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
			for (const s of sockets) s.destroy();
			await closed;
		},
		open,
		close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
	};
}

describe.skipIf(DB_KIND !== 'postgres')('PostgreSQL stopped and started again under load', () => {
	let proxy: Awaited<ReturnType<typeof databaseProxy>>;
	let server: TestServer;
	let lead: Client;

	beforeAll(async () => {
		proxy = await databaseProxy(new URL(TEST_DATABASE_URL!));
		server = await startTestServer({
			databaseUrl: (url) => {
				const u = new URL(url);
				u.hostname = '127.0.0.1';
				u.port = String(proxy.port);
				return u.toString();
			}
		});
		lead = await new Client(server.url).signIn('lead@police.example.org');
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
		await proxy?.close();
	});

	const autosave = (body: unknown) =>
		lead.request(`${ret()}/responses/6.3`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });

	it('answers 503 while the database is away, then recovers without a restart', async () => {
		const page = `${ret()}/standards/6`;
		expect((await lead.get(page)).status).toBe(200);
		const version = Number(inputValues(await (await lead.get(page)).text())['version-6.3']);
		const pid = server.pid();

		await proxy.cut();
		// Under load: people opening pages, an autosave, a form sent without JavaScript, a signed-out visitor, the probe.
		const anonymous = new Client(server.url);
		const during = await Promise.all([
			...Array.from({ length: 10 }, () => lead.get(page)),
			autosave({ grade: '2', naReason: '', narrative: 'Typed while the database was away', version }),
			lead.post(page, { [`grade-6.3`]: '2', [`narrative-6.3`]: 'Sent while the database was away', [`version-6.3`]: String(version) }, { action: 'save' }),
			anonymous.post('/sign-in', { email: 'lead@police.example.org', password: 'not the password at all' }),
			anonymous.get('/healthz')
		]);
		for (const res of during) expect(res.status, `${res.url}`).toBe(503);
		const html = await during[0].text();
		expect(html).toContain('Sorry, the service is unavailable');
		expect(during[0].headers.get('retry-after')).toBe('30');
		expect(during[0].headers.get('content-type')).toMatch(/^text\/html/);
		expect(await during[10].json()).toMatchObject({ message: expect.stringContaining('unavailable') });
		// A page that needs no database still shows.
		expect((await anonymous.get('/sign-in')).status).toBe(200);

		await proxy.open();
		let back: Response | null = null;
		for (let i = 0; i < 100 && back?.status !== 200; i++) {
			back = await lead.get(page);
			if (back.status !== 200) await new Promise((r) => setTimeout(r, 100));
		}
		expect(back?.status).toBe(200);
		expect(server.pid()).toBe(pid);
		// The same session, and nothing sent while the database was away was stored.
		const now = inputValues(await back!.text());
		expect(Number(now['version-6.3'])).toBe(version);
		const saved = await autosave({ grade: '2', naReason: '', narrative: 'Saved once the database was back', version });
		expect(saved.status).toBe(200);
		expect((await lead.get('/healthz')).status).toBe(200);
	}, 120_000);
});
