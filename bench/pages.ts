// The busiest pages, each through the real built server signed in, against
// its own SQL in the same run: the heatmap and the moderation workspace of a
// 2,000-organisation cycle (bench/fixtures/cycle.ts, as the business unit),
// and one school's live return in that cycle, every requirement answered
// through the portal's own code (bulkSaveResponses, addAction), as its
// safeguarding lead: the task list, a standard, check your answers.
//
// A page's own SQL is every statement the server sent while serving it, the
// session look-up and access checks included, recorded by the server itself:
// a server started with SQL_RECORD_FILE (src/lib/server/db/record.ts) serves
// each page a few times to warm up, then once more with the file emptied
// first; the lines it writes are grouped into the waves that were in flight
// together. That server stops, a normal one starts for the timed rounds, and
// the recordings are replayed straight through the bare driver, wave by
// wave (bench/fixtures/recorded-sql.ts replay(), which checks each statement
// answers the rows it answered for the page). On PostgreSQL each page's SQL
// is replayed in turn with the page; on the embedded database, which the
// server holds while it runs, in blocks between the server's: the SQL, a
// server for a third of the page runs, the SQL again, … (BLOCKS=3), so a
// change in the machine's load falls on both.
//
//   npm run build && npm run bench:pages            (embedded)
//   DATABASE_URL=postgres://… npm run bench:pages   (PostgreSQL; a fresh database)
//   RUNS=30 WARMUPS=5 ORGS=2000 BLOCKS=3 are the defaults; EXPLAIN=1 also prints every plan
//
// Numbers, not assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYSTEM_CONTEXT } from '../src/lib/server/audit-log';
import { addAction } from '../src/lib/server/actions';
import type { Db } from '../src/lib/server/db';
import { readRecording, waves } from '../src/lib/server/db/record';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { grantRole } from '../src/lib/server/people';
import { bulkSaveResponses, getReturn } from '../src/lib/server/returns';
import { demoAnswers } from '../src/lib/server/seed/demo-answers';
import { createUser } from '../src/lib/server/users';
import { ukToday } from '../src/lib/domain/cycles';
import { Client } from '../tests/helpers/http';
import { BENCH_PASSWORD, seedCycle } from './fixtures/cycle';
import { benchDatabase, load, machine, msText, pct, rounds, startServer } from './fixtures/measure';
import { bareDriver, explainAll, firstWords, replay, type Driver, type Recording, type Statement } from './fixtures/recorded-sql';
import { begin, report, type BenchRow } from './fixtures/report';

const RUNS = Number(process.env.RUNS ?? 30);
const WARMUPS = Number(process.env.WARMUPS ?? 5);
/** On the embedded database: how many times the server starts, its rounds split between them, with the SQL's before, between and after. */
const BLOCKS = Number(process.env.BLOCKS ?? 3);
const ORGS = Number(process.env.ORGS ?? 2000);
const TARGET_RATIO = 2;
const HEATMAP_P95_MS = 300;
const LEAD_EMAIL = 'dsl@pages-bench.example.org';

interface Page {
	key: string;
	what: string;
	who: 'bu' | 'lead';
	path: string;
	/** A p95 ceiling besides the ratio. */
	p95?: number;
}

/** The statements of one request, as the server wrote them, grouped into the waves that were in flight together. */
function recordingOf(file: string): Recording {
	const grouped: Statement[][] = waves(readRecording(file)).map((w) => w.map((l) => ({ sql: l.sql, params: l.params, rows: l.rows, answer: [] })));
	return { waves: grouped, statements: () => grouped.flat() };
}

/** A page's HTML, refusing anything but 200; its size in bytes. */
async function fetchPage(client: Client, url: string): Promise<number> {
	const res = await client.get(url);
	const body = await res.text();
	if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
	return Buffer.byteLength(body);
}

/** One school of the cycle that has not sent its return yet, its return answered in full through the portal's code, and its lead. */
async function schoolReturn(db: Db) {
	const [row] = await db.query<{ return_id: string; organisation_id: string }>(
		`select r.id as return_id, r.organisation_id from returns r join organisations o on o.id = r.organisation_id
		 where o.kind = 'school' and not exists (select 1 from submissions s where s.return_id = r.id) order by o.name limit 1`
	);
	const ret = (await getReturn(db, row.return_id))!;
	const today = ukToday();
	const answers = demoAnswers(ret.template.definition, 'mixed', 7, 'Designated safeguarding lead', today);
	await bulkSaveResponses(db, SYSTEM_CONTEXT, ret, answers.responses);
	for (const a of answers.actions) await addAction(db, SYSTEM_CONTEXT, ret, a.requirementCode, a);
	const lead = await createUser(db, { email: LEAD_EMAIL, name: 'Bench DSL', passwordHash: await hashPassword(BENCH_PASSWORD) });
	await grantRole(db, { userId: lead.id, organisationId: row.organisation_id, role: 'lead' });
	// The standard with the most requirements: the heaviest standard page.
	const standard = [...ret.template.definition.standards].sort((a, b) => b.requirements.length - a.requirements.length)[0];
	const requirements = ret.template.definition.standards.reduce((n, s) => n + s.requirements.length, 0);
	return { organisationId: row.organisation_id, returnId: ret.id, standard: standard.code, standardRequirements: standard.requirements.length, requirements, standards: ret.template.definition.standards.length, actions: answers.actions.length };
}

async function signedIn(url: string, bu: string): Promise<Record<Page['who'], Client>> {
	return { bu: await new Client(url).signIn(bu, BENCH_PASSWORD), lead: await new Client(url).signIn(LEAD_EMAIL, BENCH_PASSWORD) };
}

/** Each statement's EXPLAIN ANALYZE execution time (NaN where a statement cannot be explained). */
async function plans(db: Db, recording: Recording) {
	const out: { sql: string; rows: number; ms: number; plan: string }[] = [];
	for (const s of recording.statements()) {
		const one: Recording = { waves: [[s]], statements: () => [s] };
		const [p] = await explainAll(db, one).catch(() => [{ sql: s.sql, plan: '', executionMs: NaN }]);
		out.push({ sql: s.sql, rows: s.rows, ms: p.executionMs, plan: p.plan });
	}
	return out;
}

async function main() {
	const finish = begin('pages');
	const loadAtStart = load();
	const bench = await benchDatabase('pages');
	let db: Db = bench.db;
	const fixture = await seedCycle(db, { organisations: ORGS, name: 'Pages Bench Partnership' });
	const school = await schoolReturn(db);
	const cycle = `/partnerships/${fixture.partnershipId}/cycles/${fixture.cycleId}`;
	const ret = `/organisations/${school.organisationId}/returns/${school.returnId}`;
	const pages: Page[] = [
		{ key: 'heatmap', what: `Heatmap page, ${ORGS.toLocaleString('en-GB')} organisations (business unit)`, who: 'bu', path: `${cycle}/heatmap`, p95: HEATMAP_P95_MS },
		{ key: 'moderation', what: `Moderation workspace, ${ORGS.toLocaleString('en-GB')}-organisation cycle (business unit)`, who: 'bu', path: `${cycle}/moderation` },
		{ key: 'tasks', what: `Return task list, ${school.requirements} requirements answered (school lead)`, who: 'lead', path: ret },
		{ key: 'standard', what: `A standard page, ${school.standardRequirements} of the return’s ${school.requirements} requirements (school lead)`, who: 'lead', path: `${ret}/standards/${school.standard}` },
		{ key: 'check', what: `Check your answers, ${school.requirements} requirements (school lead)`, who: 'lead', path: `${ret}/check` }
	];
	const embedded = db.kind === 'embedded';

	// 1. What each page sends, recorded by a server of its own.
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-pages-sql-'));
	const file = path.join(scratch, 'sql.jsonl');
	const recordings = new Map<string, Recording>();
	if (embedded) await db.close();
	const recordingServer = await startServer({ ...bench.env, SQL_RECORD_FILE: file });
	try {
		const clients = await signedIn(recordingServer.url, fixture.businessUnitEmail);
		for (const page of pages) {
			for (let i = 0; i < WARMUPS; i++) await fetchPage(clients[page.who], page.path);
			fs.writeFileSync(file, '');
			await fetchPage(clients[page.who], page.path);
			await new Promise((r) => setTimeout(r, 50));
			recordings.set(page.key, recordingOf(file));
		}
	} catch (e) {
		throw new Error(`${e instanceof Error ? e.message : e}\n${recordingServer.output()}`);
	} finally {
		await recordingServer.stop();
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	if (embedded) db = await bench.reopen();

	// 2. The pages through a normal server, and their SQL through the driver in the same run: on PostgreSQL in
	// turn with the pages; on the embedded database, which the server holds while it runs, in blocks between the
	// server's (SQL, pages, SQL, pages, …, SQL), so a change in the machine's load falls on both.
	const series: Record<string, number[]> = {};
	for (const p of pages) for (const k of [`page:${p.key}`, `sql:${p.key}`]) series[k] = [];
	let driver: Driver = bareDriver(db);
	const sqlSteps = () => Object.fromEntries(pages.map((p) => [`sql:${p.key}`, () => replay(driver, recordings.get(p.key)!)]));
	const sizes = new Map<string, number>();
	const explained = new Map<string, Awaited<ReturnType<typeof plans>>>();
	const blocks = embedded ? BLOCKS : 1;
	const perBlock = Math.ceil(RUNS / blocks);
	const pageRounds = async () => {
		const server = await startServer(bench.env);
		try {
			const clients = await signedIn(server.url, fixture.businessUnitEmail);
			const steps: Record<string, () => Promise<unknown>> = embedded ? {} : sqlSteps();
			for (const p of pages) steps[`page:${p.key}`] = async () => sizes.set(p.key, await fetchPage(clients[p.who], p.path));
			await rounds(series, steps, perBlock, WARMUPS);
		} catch (e) {
			throw new Error(`${e instanceof Error ? e.message : e}\n${server.output()}`);
		} finally {
			await server.stop();
		}
	};
	try {
		for (let b = 0; b < blocks; b++) {
			if (embedded) {
				await rounds(series, sqlSteps(), perBlock, WARMUPS);
				await db.close();
			}
			await pageRounds();
			if (embedded) {
				db = await bench.reopen();
				driver = bareDriver(db);
			}
		}
		if (embedded) await rounds(series, sqlSteps(), perBlock, WARMUPS);
		for (const p of pages) explained.set(p.key, await plans(db, recordings.get(p.key)!));
	} finally {
		await driver.close();
		await db.close();
		bench.remove();
	}

	// 3. The rows, and the detail.
	const rows: BenchRow[] = [];
	const table = [
		'| Page | Statements (waves) | Page p50 | Page p95 | Its SQL p50 | Its SQL p95 | ÷ SQL (p50) | HTML |',
		'|---|---|---|---|---|---|---|---|'
	];
	const statementTables: string[] = [];
	for (const p of pages) {
		const recording = recordings.get(p.key)!;
		const page = series[`page:${p.key}`];
		const sql = series[`sql:${p.key}`];
		const ratio = pct(page, 50) / pct(sql, 50);
		const met = ratio <= TARGET_RATIO && (p.p95 === undefined || pct(page, 95) < p.p95);
		const n = recording.statements().length;
		const shape = recording.waves.map((w) => w.length).join('+');
		const plan = explained.get(p.key)!;
		const executed = plan.reduce((t, s) => t + (Number.isFinite(s.ms) ? s.ms : 0), 0);
		table.push(`| ${p.what} | ${n} (${recording.waves.length} waves: ${shape}) | ${msText(pct(page, 50))} | ${msText(pct(page, 95))} | ${msText(pct(sql, 50))} | ${msText(pct(sql, 95))} | ${ratio.toFixed(2)}× | ${((sizes.get(p.key) ?? 0) / 1024).toFixed(0)} KB |`);
		let at = 0;
		statementTables.push(
			'',
			`${p.what}: ${n} statements, ${msText(executed)} of execution by EXPLAIN ANALYZE`,
			'',
			'| Wave | Statement | Rows | Execution |',
			'|---|---|---|---|',
			...recording.waves.flatMap((w, i) => w.map(() => plan[at++]).map((s) => `| ${i + 1} | \`${firstWords(s.sql, 90).replaceAll('|', '\\|')}\` | ${s.rows} | ${Number.isFinite(s.ms) ? msText(s.ms) : 'not explained'} |`))
		);
		rows.push({
			what: p.what,
			measured: `p50 ${msText(pct(page, 50))} · p95 ${msText(pct(page, 95))}`,
			baseline: `its ${n} statements through the driver: p50 ${msText(pct(sql, 50))}`,
			ratio,
			target: `≤ ${TARGET_RATIO}×${p.p95 ? `; p95 < ${p.p95} ms` : ''}`,
			met,
			note: met
				? undefined
				: `${n} statements in ${recording.waves.length} waves, ${msText(executed)} of execution by EXPLAIN ANALYZE; the rest of the page's time is the server's own work (loading, JavaScript, rendering ${((sizes.get(p.key) ?? 0) / 1024).toFixed(0)} KB of HTML)`,
			numbers: {
				p50: pct(page, 50),
				p95: pct(page, 95),
				sqlP50: pct(sql, 50),
				sqlP95: pct(sql, 95),
				statements: n,
				waves: recording.waves.length,
				explainedMs: executed,
				htmlBytes: sizes.get(p.key) ?? 0
			}
		});
	}
	const detail = [
		`### ${machine()}, load average ${loadAtStart} at the start, ${load()} at the end`,
		'',
		`Seed: ${fixture.organisations} organisations, ${fixture.submissions} submissions (${fixture.returned} returned), ${fixture.moderations} moderations, ${fixture.standards} standards in the cycle; one school's live return with all ${school.requirements} requirements of its ${school.standards} standards answered and ${school.actions} actions. ${embedded ? `${blocks} blocks of ${perBlock} page runs (each server started afresh) between ${blocks + 1} blocks of ${perBlock} SQL runs, each block after ${WARMUPS} warm-ups` : `${RUNS} runs of each after ${WARMUPS} warm-ups`}. Each page's SQL is what the server sent while serving it (session and access checks included), recorded by a server started with SQL_RECORD_FILE and replayed through ${driver.name}, each wave's statements at once, ${embedded ? 'in the blocks between the server’s (which holds the embedded database while it runs)' : 'in turn with the page'}.`,
		'',
		...table,
		'',
		`Target: each page within ${TARGET_RATIO}× its own SQL at the median; the heatmap's p95 under ${HEATMAP_P95_MS} ms.`,
		'',
		'Each page’s statements, wave by wave (those in one wave were in flight together):',
		...statementTables
	].join('\n');
	if (process.env.EXPLAIN) for (const [key, plan] of explained) for (const s of plan) process.stdout.write(`\n[${key}] ${s.sql}\n${s.plan}\n`);
	report(finish(rows, detail));
}

await main();
