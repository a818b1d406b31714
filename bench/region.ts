// A region's worth of data, then the pages people use, timed through the real
// server: `npm run bench:region` (embedded) or `DATABASE_URL=… npm run bench:region`.
// 14 partnerships (one of 450 schools, the largest local authorities' size),
// ~1,800 schools and 200 agencies (each agency in 1 to 5 partnerships), every
// school answering the 64-item schools return, 60% of them submitted.
// Prints a Markdown table for the README. Numbers, not assertions.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { SYSTEM_CONTEXT } from '../src/lib/server/audit-log';
import { createPartnership } from '../src/lib/server/partnerships';
import { createUser } from '../src/lib/server/users';
import { grantRole } from '../src/lib/server/people';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { createCycle } from '../src/lib/server/cycles';
import { bulkSaveResponses, getReturn } from '../src/lib/server/returns';
import { startCycle } from '../src/lib/server/start-cycle';
import { signReturn, submitReturn } from '../src/lib/server/submissions';
import { demoAnswers, random } from '../src/lib/server/seed/demo-answers';
import { Client } from '../tests/helpers/http';
import { freePort } from '../tests/helpers/test-server';
import { seedManyDocuments } from '../tests/helpers/library';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'bench password that is long';
const SCHOOLS = [450, 250, 180, 150, 130, 120, 100, 90, 90, 80, 60, 50, 40, 30];
const AGENCIES = 200;
const SUBMITTED_SHARE = 0.6;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const today = new Date().toISOString().slice(0, 10);
const rows: string[] = [];

async function seed(db: Db) {
	const t0 = process.hrtime.bigint();
	const rand = random(42);
	const hash = await hashPassword(PASSWORD);
	const s175 = (await db.query<{ id: string }>(`select id from templates where slug = 'section-175-schools'`))[0].id;
	const partnerships: string[] = [];
	for (const [i] of SCHOOLS.entries()) {
		const p = await createPartnership(db, { name: `Bench Partnership ${i + 1}`, area: `Area ${i + 1}` });
		if (!p.ok) throw new Error('partnership exists');
		partnerships.push(p.partnership.id);
	}
	// Organisations and memberships in bulk: one statement each.
	const orgs = await db.query<{ id: string; n: number }>(
		`insert into organisations (name, kind, sector, urn)
		 select 'Bench school ' || n, 'school', 'education', (800000 + n)::text from generate_series(1, $1) n
		 returning id, (substring(name from 14))::int as n`,
		[SCHOOLS.reduce((a, b) => a + b, 0)]
	);
	const schoolsOf: string[][] = [];
	let next = 0;
	for (const [i, count] of SCHOOLS.entries()) {
		schoolsOf.push(orgs.slice(next, next + count).map((o) => o.id));
		next += count;
		await db.query(`insert into partnership_members (partnership_id, organisation_id) select $1, unnest($2::uuid[])`, [partnerships[i], schoolsOf[i]]);
	}
	const agencies = await db.query<{ id: string }>(
		`insert into organisations (name, kind, sector) select 'Bench agency ' || n, 'agency', 'health' from generate_series(1, $1) n returning id`,
		[AGENCIES]
	);
	for (const a of agencies) {
		const share = 1 + Math.floor(rand() * 5);
		const chosen = [...partnerships].sort(() => rand() - 0.5).slice(0, share);
		await db.query(`insert into partnership_members (partnership_id, organisation_id) select unnest($1::uuid[]), $2`, [chosen, a.id]);
	}
	const bu = await createUser(db, { email: 'bu@bench.example.org', name: 'Bench BU', passwordHash: hash });
	await grantRole(db, { userId: bu.id, partnershipId: partnerships[0], role: 'business_unit' });
	const seeded = ms(t0);

	// Every school in a cycle, answering the whole return; 60% submit through the real code.
	const t1 = process.hrtime.bigint();
	const template = (await db.query<{ definition: { standards: { code: string }[] } }>('select definition from templates where id = $1', [s175]))[0].definition;
	let submitted = 0;
	const submitTimes: number[] = [];
	let sampleSchool = '';
	for (const [i, p] of partnerships.entries()) {
		const cycle = await createCycle(db, SYSTEM_CONTEXT, {
			partnershipId: p,
			templateId: s175,
			title: `Schools audit ${i + 1}`,
			standardCodes: template.standards.map((s) => s.code),
			opensOn: today,
			closesOn: '2099-12-31',
			organisationIds: schoolsOf[i]
		});
		for (const [j, school] of schoolsOf[i].entries()) {
			const started = await startCycle(db, SYSTEM_CONTEXT, school, cycle);
			const ret = (await getReturn(db, started.returnId))!;
			const answers = demoAnswers(ret.template.definition, 'mixed', i * 1000 + j, 'DSL', today);
			await bulkSaveResponses(db, SYSTEM_CONTEXT, ret, answers.responses);
			if (i === 0 && j === 0) {
				sampleSchool = school;
				const lead = await createUser(db, { email: 'dsl@bench.example.org', name: 'Bench DSL', passwordHash: hash });
				await grantRole(db, { userId: lead.id, organisationId: school, role: 'lead' });
			}
			if (rand() < SUBMITTED_SHARE) {
				for (const capacity of ['headteacher', 'governor'] as const) {
					await signReturn(db, SYSTEM_CONTEXT, ret, { userId: bu.id, capacity, name: 'Bench signer', role: '' });
				}
				const s0 = process.hrtime.bigint();
				const result = await submitReturn(db, SYSTEM_CONTEXT, ret, `School ${j}`, [cycle.id], { name: 'Bench', email: 'bench@example.org' });
				submitTimes.push(ms(s0));
				if (!result.ok) throw new Error(result.problems.map((x) => x.message).join('; '));
				submitted++;
			}
		}
	}
	const counts = (await db.query<{ o: number; r: number; s: number }>(
		'select (select count(*) from organisations) as o, (select count(*) from responses) as r, (select count(*) from submissions) as s'
	))[0];
	rows.push(`| Seed: ${counts.o} organisations, ${counts.r.toLocaleString('en-GB')} answers, ${counts.s} submissions | total ${Math.round((seeded + ms(t1)) / 1000)} s | submit (sign-off checked, snapshot) p50 ${pct(submitTimes, 50).toFixed(0)} ms, p95 ${pct(submitTimes, 95).toFixed(0)} ms | |`);
	return { partnership: partnerships[0], sampleSchool, submitted };
}

async function time(label: string, n: number, fn: () => Promise<Response>) {
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const t = process.hrtime.bigint();
		const res = await fn();
		await res.arrayBuffer();
		if (res.status >= 400) throw new Error(`${label}: HTTP ${res.status}`);
		times.push(ms(t));
	}
	rows.push(`| ${label} | p50 ${pct(times, 50).toFixed(0)} ms | p95 ${pct(times, 95).toFixed(0)} ms | max ${Math.max(...times).toFixed(0)} ms |`);
}

async function main() {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
	const env = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: dataDir };
	const db = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
	await prepareDatabase(db, ROOT, createLogger('warn'));
	const { partnership, sampleSchool } = await seed(db);
	const cycleId = (await db.query<{ id: string }>('select id from cycles where partnership_id = $1', [partnership]))[0].id;
	const returnId = (await db.query<{ id: string }>('select id from returns where organisation_id = $1', [sampleSchool]))[0].id;
	const submissionId = (await db.query<{ id: string }>('select id from submissions where partnership_id = $1 limit 1', [partnership]))[0].id;
	await seedManyDocuments(db, sampleSchool, 5000);
	await db.close();

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [path.join(ROOT, 'server.js')], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), ORIGIN: url, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
	try {
		for (let i = 0; i < 300 && !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
		const bu = await new Client(url).signIn('bu@bench.example.org', PASSWORD);
		const dsl = await new Client(url).signIn('dsl@bench.example.org', PASSWORD);
		const p = `/partnerships/${partnership}`;
		const r = `/organisations/${sampleSchool}/returns/${returnId}`;
		await time('Cycle page, 450 schools with their states (business unit)', 20, () => bu.get(`${p}/cycles/${cycleId}`));
		await time('Partnership overview, open cycles with their progress (business unit)', 20, () => bu.get(p));
		await time('Member organisations, first page of 450+ (business unit)', 20, () => bu.get(`${p}/organisations`));
		await time('Member search by name', 20, () => bu.get(`${p}/organisations?q=school+12`));
		await time('A submission, 64 answers (business unit)', 20, () => bu.get(`${p}/submissions/${submissionId}`));
		await time('Moderation workspace, every submission of the 450-school cycle (business unit)', 20, () => bu.get(`${p}/cycles/${cycleId}/moderation`));
		await time('Moderation workspace, sorted by a standard’s self grade and filtered by a flag', 20, () => bu.get(`${p}/cycles/${cycleId}/moderation?sort=standard:B&flag=thin_evidence`));
		await time('Moderation page of a submission, 64 answers (business unit)', 20, () => bu.get(`${p}/submissions/${submissionId}/moderation`));
		await time('Organisation page: cycles, what was sent, changed since (school DSL)', 20, () => dsl.get(`/organisations/${sampleSchool}`));
		const lib = `/organisations/${sampleSchool}/evidence`;
		await time('Evidence library, first page of 5,000 documents (school DSL)', 20, () => dsl.get(lib));
		await time('Evidence library, page 100 of 200', 20, () => dsl.get(`${lib}?page=100`));
		await time('Evidence library, overdue for review / personal data found', 20, () => dsl.get(`${lib}?flag=${Math.random() < 0.5 ? 'overdue' : 'flagged'}`));
		await time('Evidence library, title search', 20, () => dsl.get(`${lib}?q=document+12`));
		await time('Return task list (school DSL)', 20, () => dsl.get(r));
		await time('Standard page with its answers (school DSL)', 20, () => dsl.get(`${r}/standards/A`));
		await time('Check your answers, 64 items (school DSL)', 20, () => dsl.get(`${r}/check`));
		let version = Number(/name="version-A\.1" value="(\d+)"/.exec(await (await dsl.get(`${r}/standards/A`)).text())![1]);
		await time('Autosave one answer (JSON)', 50, async () => {
			const res = await dsl.request(`${r}/responses/A.1`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ grade: 'yes', naReason: '', narrative: `Bench narrative ${version}`, version })
			});
			version++;
			return res;
		});
	} finally {
		server.kill('SIGTERM');
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	const kind = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
	process.stdout.write(`\n### ${kind}, ${os.cpus().length} cores, Node ${process.version}\n\n| What | p50 | p95 | max |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}

await main();
