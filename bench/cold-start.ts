// A cold start on an already-built clone: `npm start` (scripts/start.js, which
// finds the build up to date) on an empty embedded database, timed from the
// process starting to the first page answered (the sign-in page, then the
// home page signed in as a demo user): migrations, the demo's seeding and the
// server's start included. The baseline, in the same run: `node -e ""`, a Node
// process doing nothing, and `node server.js` on an empty database without
// the demo. Each RUNS times (default 5), a fresh data directory each time.
//   npm run bench:cold-start        Numbers, not assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/lib/server/seed/demo';
import { Client } from '../tests/helpers/http';
import { freePort } from '../tests/helpers/test-server';
import { ROOT, load, ms, msText, pct } from './fixtures/measure';
import { begin, cores, report } from './fixtures/report';

const RUNS = Number(process.env.RUNS ?? 5);
const TARGET_MS = 10_000;

async function firstPage(command: string[], demo: boolean): Promise<{ page: number; home: number | null }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-cold-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const started = process.hrtime.bigint();
	const child: ChildProcess = spawn(command[0], command.slice(1), {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', PORT: String(port), ORIGIN: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', REMINDERS: 'false', ...(demo ? {} : { SEED_DEMO: 'false' }) },
		stdio: 'ignore'
	});
	try {
		for (;;) {
			try {
				const res = await fetch(`${url}/sign-in`);
				if (res.status === 200) break;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 25));
		}
		const page = ms(started);
		if (!demo) return { page, home: null };
		const client = await new Client(url).signIn('business.unit@northmere.example.org', DEMO_PASSWORD);
		await client.get('/home');
		return { page, home: ms(started) };
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

async function nothing(): Promise<number> {
	const started = process.hrtime.bigint();
	const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
	await new Promise((r) => child.once('exit', r));
	return ms(started);
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) throw new Error('Build first: npm run build');
	const finish = begin('cold-start');
	const loadAtStart = load();
	const series = { node: [] as number[], server: [] as number[], start: [] as number[], home: [] as number[] };
	for (let i = 0; i < RUNS; i++) {
		series.node.push(await nothing());
		series.server.push((await firstPage([process.execPath, 'server.js'], false)).page);
		const demo = await firstPage(['npm', 'start', '--silent'], true);
		series.start.push(demo.page);
		series.home.push(demo.home!);
	}
	const row = (what: string, xs: number[]) => `| ${what} | ${msText(pct(xs, 50))} | ${msText(Math.max(...xs))} | ${(pct(xs, 50) / pct(series.node, 50)).toFixed(0)}× |`;
	const met = Math.max(...series.start) < TARGET_MS;
	const lines = [
		`### embedded PGlite, ${cores()}, load average ${loadAtStart} at the start, ${load()} at the end; ${RUNS} runs, a fresh data directory each`,
		'',
		'| What | p50 | slowest | ÷ an empty Node process |',
		'|---|---|---|---|',
		row('Baseline: `node -e ""`, a Node process doing nothing', series.node),
		row('`node server.js` on an empty database (migrations), to the sign-in page', series.server),
		row('**`npm start`** on an empty database (migrations and the demo seeded), to the sign-in page', series.start),
		row('… and signed in as the demo business unit, its home page', series.home),
		'',
		`Target (\`npm start\` to the first page in under ${TARGET_MS / 1000} s): **${met ? 'met' : 'missed'}** (slowest ${msText(Math.max(...series.start))}).`
	];
	const slowest = Math.max(...series.start);
	report(
		finish(
			[
				{
					what: 'Cold `npm start` on a built clone, empty embedded database, to the first page',
					measured: `p50 ${msText(pct(series.start, 50))} · slowest ${msText(slowest)} (${RUNS} runs)`,
					baseline: `\`node server.js\` without the demo p50 ${msText(pct(series.server, 50))}; an empty Node process ${msText(pct(series.node, 50))}`,
					ratio: null,
					target: `< ${TARGET_MS / 1000} s`,
					met,
					numbers: { runs: RUNS, startP50: pct(series.start, 50), startSlowest: slowest, serverP50: pct(series.server, 50), nodeP50: pct(series.node, 50), homeP50: pct(series.home, 50) }
				}
			],
			lines.join('\n')
		)
	);
}

await main();
