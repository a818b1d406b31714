// `npm run bench`: every benchmark in turn, each in a process of its own, on
// the embedded database, or on PostgreSQL when DATABASE_URL is set (each bench
// then gets a fresh database of its own on that server, dropped afterwards).
// Each writes its result as JSON; they are gathered into
// bench/results/<embedded|postgres>.json (with every bench's own tables in
// bench/results/<…>.md), and the README's performance table is regenerated
// from both files (bench/readme.ts). Builds the server first if it is stale.
//
//   npm run bench                          every bench, embedded
//   DATABASE_URL=postgres://… npm run bench
//   npm run bench -- save-answer letters   only these (the others' last results are kept)
//
// Numbers, not assertions: a missed target is reported, not an error. The
// exit code is 1 only when a bench itself failed to run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { buildIsStale } from '../scripts/build-state.js';
import { ROOT } from './fixtures/measure';
import { database, type BenchResult, type Database } from './fixtures/report';
import { RESULTS, writeReadmeTable, type ResultsFile } from './readme';

/** Every bench, in the order of the issue's table; `databases`: where it applies (the storage and rendering benches need no server database). */
export const BENCHES: { name: string; databases: Database[] }[] = [
	{ name: 'save-answer', databases: ['embedded', 'postgres'] },
	{ name: 'dashboard', databases: ['embedded', 'postgres'] },
	{ name: 'pages', databases: ['embedded', 'postgres'] },
	{ name: 'board-paper', databases: ['embedded', 'postgres'] },
	{ name: 'letters', databases: ['embedded'] },
	{ name: 'evidence', databases: ['embedded'] },
	{ name: 'surge', databases: ['embedded', 'postgres'] },
	{ name: 'cold-start', databases: ['embedded'] }
];

/** A database of its own for one bench on the server of `url`; drop() removes it. */
async function scratchDatabase(url: string, bench: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `bench_${bench.replace(/\W/g, '_')}_${process.pid}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name}`);
	await admin.unsafe(`create database ${name}`);
	const own = new URL(url);
	own.pathname = `/${name}`;
	return {
		url: own.toString(),
		drop: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

/** Runs bench/<name>.ts with its output shown; resolves to its exit code. */
function runBench(name: string, env: NodeJS.ProcessEnv): Promise<number> {
	const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
	const child = spawn(tsx, [path.join(ROOT, 'bench', `${name}.ts`)], { cwd: ROOT, env, stdio: 'inherit' });
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const failed = (name: string, db: Database, code: number): BenchResult => ({
	bench: name,
	database: db,
	machine: `${os.cpus().length} cores, Node ${process.version}`,
	load: { start: '', end: '' },
	at: new Date().toISOString(),
	rows: [{ what: `bench/${name}.ts`, measured: `did not finish (exit ${code}); its output is above`, baseline: '', ratio: null, target: '', met: false, numbers: {} }],
	detail: ''
});

async function main() {
	const db = database();
	const asked = process.argv.slice(2);
	const unknown = asked.filter((a) => !BENCHES.some((b) => b.name === a));
	if (unknown.length) throw new Error(`No such bench: ${unknown.join(', ')}. The benches: ${BENCHES.map((b) => b.name).join(', ')}.`);
	const chosen = BENCHES.filter((b) => (asked.length ? asked.includes(b.name) : b.databases.includes(db)));
	if (buildIsStale(ROOT)) {
		process.stdout.write('Building the portal first…\n');
		if (spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BUILD_LOG_LEVEL: 'error' } }).status !== 0) process.exit(1);
	}

	const file = path.join(RESULTS, `${db}.json`);
	const previous: ResultsFile = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { database: db, benches: [] };
	const results = new Map(previous.benches.map((r) => [r.bench, r]));
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-results-'));
	let exit = 0;
	try {
		for (const b of chosen) {
			process.stdout.write(`\n## bench/${b.name}.ts (${db})\n`);
			const scratch = db === 'postgres' ? await scratchDatabase(process.env.DATABASE_URL!, b.name) : null;
			const env: NodeJS.ProcessEnv = { ...process.env, BENCH_OUT: out, ...(scratch && { DATABASE_URL: scratch.url }) };
			let code: number;
			try {
				code = await runBench(b.name, env);
			} finally {
				await scratch?.drop();
			}
			const written = path.join(out, `${b.name}.json`);
			if (code === 0 && fs.existsSync(written)) results.set(b.name, JSON.parse(fs.readFileSync(written, 'utf8')) as BenchResult);
			else {
				results.set(b.name, failed(b.name, db, code));
				exit = 1;
			}
		}
	} finally {
		fs.rmSync(out, { recursive: true, force: true });
	}
	const order = (name: string) => BENCHES.findIndex((b) => b.name === name);
	const benches = [...results.values()].sort((a, b) => order(a.bench) - order(b.bench));
	fs.mkdirSync(RESULTS, { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify({ database: db, benches } satisfies ResultsFile, null, '\t')}\n`);
	fs.writeFileSync(path.join(RESULTS, `${db}.md`), `${benches.map((r) => `## bench/${r.bench}.ts\n\nRun ${r.at}, load average ${r.load.start} at the start, ${r.load.end} at the end.\n\n${r.detail}\n`).join('\n')}`);
	const readme = writeReadmeTable();
	process.stdout.write(`\nResults: ${path.relative(ROOT, file)}; ${readme}\n`);
	process.exit(exit);
}

await main();
