// The real built server (`node server.js`) on its own database, for tests at
// the HTTP level: hooks, CSRF, cookies and headers exactly as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './paths';
import { scratchFrom, type Scratch, type Template } from './test-db';
import type { Db } from '../../src/lib/server/db';

export interface TestServer {
	url: string;
	scratch: Scratch;
	output(): string;
	stop(): Promise<void>;
	/** Stops the server (PGlite allows one process) and opens its database for inspection. */
	inspect<T>(fn: (db: Db) => Promise<T>): Promise<T>;
	/** Kills the process at once (kill -9): no shutdown, whatever it was doing. */
	kill(): Promise<void>;
	/** Starts the server again on the same port and database, after stop, inspect or kill. */
	restart(): Promise<void>;
	/** The running process's id. */
	pid(): number;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

export function spawnServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
	const child = spawn(process.execPath, [path.join(ROOT, 'server.js')], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let text = '';
	child.stdout!.on('data', (d) => (text += d));
	child.stderr!.on('data', (d) => (text += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => text, exited };
}

async function waitForHealth(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
	let done = false;
	void exited.then(() => (done = true));
	for (let i = 0; i < 600; i++) {
		if (done) throw new Error(`server exited during start:\n${output()}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not become healthy:\n${output()}`);
}

/** What a test may set up in the database and the data directory before the server starts. */
export type Prepare = (db: Db, dataDir: string) => Promise<void>;

export async function startTestServer(
	options: {
		template?: Template;
		env?: Record<string, string>;
		prepare?: Prepare;
		/** PostgreSQL only: the address the server connects to, from the scratch database's (e.g. through a proxy). */
		databaseUrl?: (url: string) => string;
		/** A database shared with other servers (several instances), which they drop. */
		scratch?: Scratch;
	} = {}
): Promise<TestServer> {
	// A database shared with other servers (several instances) is theirs to drop, not this one's.
	const shared = options.scratch;
	const scratch = shared ?? (await scratchFrom(options.template ?? 'demo'));
	if (options.prepare) {
		// PostgreSQL scratch databases have no data directory of their own: give the server one.
		scratch.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
		const db = await scratch.open();
		try {
			await options.prepare(db, scratch.env.DATA_DIR);
		} finally {
			await db.close();
		}
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	// As behind a load balancer: the client address comes from X-Forwarded-For, so
	// each test client can be a different address (throttling is per address).
	const env = {
		PORT: String(port),
		ORIGIN: url,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		// Scheduled reminders would write to the outbox behind a test's back: a test that wants them runs them itself.
		REMINDERS: 'false',
		...scratch.env,
		...options.env,
		...(options.databaseUrl && scratch.env.DATABASE_URL ? { DATABASE_URL: options.databaseUrl(scratch.env.DATABASE_URL) } : {})
	};
	let run = spawnServer(env);
	await waitForHealth(url, run.exited, run.output);
	let stopped = false;
	const stopProcess = async (signal: NodeJS.Signals = 'SIGTERM') => {
		if (stopped) return;
		stopped = true;
		run.child.kill(signal);
		await run.exited;
	};
	let earlier = '';
	return {
		url,
		scratch,
		output: () => earlier + run.output(),
		stop: async () => {
			await stopProcess();
			if (!shared) await scratch.drop();
		},
		inspect: async (fn) => {
			await stopProcess();
			const db = await scratch.open();
			try {
				return await fn(db);
			} finally {
				await db.close();
			}
		},
		kill: () => stopProcess('SIGKILL'),
		restart: async () => {
			await stopProcess();
			earlier += run.output();
			run = spawnServer(env);
			stopped = false;
			await waitForHealth(url, run.exited, run.output);
		},
		pid: () => run.child.pid!
	};
}
