// The server as an operator starts it: configuration errors, the data
// directory lock, restarts that keep data, an unreachable database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KIND } from '../../helpers/paths';
import { freePort, spawnServer, startTestServer, type TestServer } from '../../helpers/test-server';
import { Client } from '../../helpers/http';

describe('configuration errors stop the server with one line naming the variable', () => {
	const cases: [Record<string, string>, RegExp][] = [
		[{ PORT: 'abc' }, /^Configuration error: PORT must be a whole number from 1 to 65535 \(got "abc"\)$/],
		[{ PORT: '70000' }, /^Configuration error: PORT must be a whole number/],
		[{ DATABASE_URL: 'mysql://user:secret@host/db' }, /^Configuration error: DATABASE_URL must be a postgres:\/\/ connection URL$/],
		[{ ORIGIN: 'portal.example.org' }, /^Configuration error: ORIGIN must be the public address/],
		[{ LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL must be one of/],
		[{ UPLOAD_MAX_MB: '0' }, /^Configuration error: UPLOAD_MAX_MB must be a whole number from 1 to 1024/],
		[{ SEED_DEMO: 'perhaps' }, /^Configuration error: SEED_DEMO must be true or false/]
	];
	it.each(cases)('%o', async (env, message) => {
		const { exited, output } = spawnServer({ DATA_DIR: '/nonexistent-never-used', ...env });
		expect(await exited).toBe(1);
		const lines = output().trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(message);
		expect(output()).not.toContain('secret');
	});
});

describe('start-up against an unreachable PostgreSQL', () => {
	it('exits with a clear message instead of hanging or printing a stack', async () => {
		const port = await freePort();
		const { exited, output } = spawnServer({ DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`, PORT: String(await freePort()) });
		expect(await exited).toBe(1);
		expect(output()).toMatch(/^Cannot reach the database: .*ECONNREFUSED/m);
		expect(output()).not.toMatch(/^\s+at /m);
	});
});

describe.skipIf(DB_KIND !== 'embedded')('the embedded data directory', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.stop());

	it('refuses a second process on the same directory, and the first keeps serving', async () => {
		const { exited, output } = spawnServer({ ...server.scratch.env, PORT: String(await freePort()) });
		expect(await exited).toBe(1);
		expect(output()).toMatch(/data directory .* is in use by another portal process \(pid \d+\)/);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('keeps data and sessions across a restart', async () => {
		const client = await new Client(server.url).signIn('lead@police.example.org');
		expect((await client.get('/home')).status).toBe(200);
		await server.inspect(async () => {}); // stops the first process cleanly
		const { child, exited } = spawnServer({ ...server.scratch.env, PORT: new URL(server.url).port });
		try {
			for (let i = 0; i < 300; i++) {
				const ok = await fetch(`${server.url}/healthz`).then((r) => r.ok, () => false);
				if (ok) break;
				await new Promise((r) => setTimeout(r, 100));
			}
			const again = await client.get('/home');
			expect(again.status).toBe(200);
		} finally {
			child.kill('SIGTERM');
			await exited;
		}
	});
});
