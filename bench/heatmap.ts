// The heatmap at a region's size: one partnership with 2,000 organisations
// (1,800 schools of every phase and 200 agencies) in a schools cycle of 10
// standards, 85% returned (some twice), a third of those moderated (accepted
// or complete, some with agreed grades) and a tenth with a moderator's draft.
// Times the query alone and the page through the real server, and weighs the
// HTML. `npm run bench:heatmap` (embedded) or `DATABASE_URL=… npm run bench:heatmap`.
// Prints a Markdown table for the README. Numbers, not assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { createPartnership } from '../src/lib/server/partnerships';
import { createUser } from '../src/lib/server/users';
import { grantRole } from '../src/lib/server/people';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { heatmapSources } from '../src/lib/server/reports/heatmap';
import { random } from '../src/lib/server/seed/demo-answers';
import { gradeSummary, type Snapshot } from '../src/lib/domain/snapshot';
import { SCHOOL_PHASES } from '../src/lib/domain/organisations';
import type { Template } from '../src/lib/domain/template';
import { Client } from '../tests/helpers/http';
import { freePort, spawnServer } from '../tests/helpers/test-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'bench password that is long';
const SCHOOLS = 1800;
const AGENCIES = 200;
const STANDARDS = 10;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows: string[] = [];

async function seed(db: Db) {
	const rand = random(12);
	const p = await createPartnership(db, { name: 'Heatmap Bench Partnership', area: 'Bench' });
	if (!p.ok) throw new Error('partnership exists');
	const partnershipId = p.partnership.id;
	const [{ id: templateId, definition }] = await db.query<{ id: string; definition: Template }>(`select id, definition from templates where slug = 'section-175-schools' order by version desc limit 1`);
	const standards = definition.standards.slice(0, STANDARDS);
	const phases = [...SCHOOL_PHASES, null];
	const orgs = await db.query<{ id: string }>(
		`insert into organisations (name, kind, sector, phase)
		 select case when n <= $1::int then 'Bench school ' else 'Bench agency ' end || n,
			case when n <= $1::int then 'school' else 'agency' end,
			case when n <= $1::int then 'education' else (array['police','health','local-authority','voluntary'])[1 + n % 4] end,
			case when n <= $1::int then ($3::text[])[1 + n % $4::int] end
		 from generate_series(1, $1::int + $2::int) n returning id`,
		[SCHOOLS, AGENCIES, phases, phases.length]
	);
	const ids = orgs.map((o) => o.id);
	await db.query('insert into partnership_members (partnership_id, organisation_id) select $1, unnest($2::uuid[])', [partnershipId, ids]);
	const [{ id: cycleId }] = await db.query<{ id: string }>(
		`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Bench schools audit', $3, '2026-09-01', '2026-12-31') returning id`,
		[partnershipId, templateId, standards.map((s) => s.code)]
	);
	await db.query('insert into cycle_participants (cycle_id, organisation_id) select $1, unnest($2::uuid[])', [cycleId, ids]);
	const returns = await db.query<{ id: string; organisation_id: string }>(
		'insert into returns (organisation_id, template_id) select unnest($1::uuid[]), $2 returning id, organisation_id',
		[ids, templateId]
	);
	const values = definition.scale.grades.map((g) => g.value);
	const pick = () => (rand() < 0.05 ? 'na' : values[Math.floor(rand() * values.length)]);
	const narrative = 'What we do, how we know it works and what we will improve next: '.repeat(4);
	let submissions = 0;
	// Submissions in batches, each with its grade summary, as submitting writes them.
	for (let i = 0; i < returns.length; i += 200) {
		const batch = returns.slice(i, i + 200).filter(() => rand() < 0.85).flatMap((r) => (rand() < 0.1 ? [1, 2] : [1]).map((version) => ({ r, version })));
		const records = batch.map(({ r, version }) => {
			const snapshot = { standards: standards.map((s) => ({ code: s.code, title: s.title, requirements: s.requirements.map((q) => ({ code: q.code, text: q.text, grade: pick(), gradeLabel: null, naReason: '', narrative })) })), evidence: {} } as unknown as Snapshot;
			return { return_id: r.id, organisation_id: r.organisation_id, version, snapshot, summary: gradeSummary(snapshot) };
		});
		await db.query(
			`with x as (select * from jsonb_to_recordset($1::jsonb) as x(return_id uuid, organisation_id uuid, version int, snapshot jsonb, summary jsonb)),
			 s as (insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late)
				select return_id, $2, organisation_id, $3, version, snapshot, false from x returning id, organisation_id, version)
			 insert into submission_summaries (submission_id, grades) select s.id, x.summary from s join x on x.organisation_id = s.organisation_id and x.version = s.version`,
			[records, cycleId, partnershipId]
		);
		submissions += records.length;
	}
	// Moderations of the latest submissions: accepted or complete for a third, a draft for a tenth.
	const latest = await db.query<{ id: string; organisation_id: string }>('select distinct on (organisation_id) id, organisation_id from submissions where cycle_id = $1 order by organisation_id, version desc', [cycleId]);
	const chosen = latest.map((s) => ({ s, roll: rand() })).filter((x) => x.roll < 0.43);
	const moderations = chosen.map(({ s, roll }) => ({ submission_id: s.id, organisation_id: s.organisation_id, state: roll < 0.1 ? 'awaiting' : roll < 0.25 ? 'accepted' : 'completed' }));
	const made = await db.query<{ id: string; state: string }>(
		`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id, state)
		 select $2, organisation_id, $3, submission_id, state from jsonb_to_recordset($1::jsonb) as x(submission_id uuid, organisation_id uuid, state text) returning id, state`,
		[moderations, cycleId, partnershipId]
	);
	const grades = made.flatMap((m) => standards.map((s) => ({ moderation_id: m.id, standard_code: s.code, grade: values[Math.floor(rand() * values.length)], agreed_grade: m.state === 'completed' && rand() < 0.5 ? values[Math.floor(rand() * values.length)] : null })));
	await db.query(
		`insert into moderation_standards (moderation_id, standard_code, grade, agreed_grade)
		 select moderation_id, standard_code, grade, agreed_grade from jsonb_to_recordset($1::jsonb) as x(moderation_id uuid, standard_code text, grade text, agreed_grade text)`,
		[grades]
	);
	const bu = await createUser(db, { email: 'bu@heatmap-bench.example.org', name: 'Bench BU', passwordHash: await hashPassword(PASSWORD) });
	await grantRole(db, { userId: bu.id, partnershipId, role: 'business_unit' });
	rows.push(`| Seed: ${ids.length} organisations, ${submissions} submissions (${latest.length} returned), ${made.length} moderations, ${standards.length} standards | | | |`);
	return { partnershipId, cycleId };
}

async function time(label: string, n: number, fn: () => Promise<number | undefined>) {
	const times: number[] = [];
	let size: number | undefined;
	for (let i = 0; i < n; i++) {
		const t = process.hrtime.bigint();
		size = await fn();
		times.push(ms(t));
	}
	const weight = size === undefined ? '' : ` · HTML ${(size / 1024).toFixed(0)} KB`;
	rows.push(`| ${label}${weight} | p50 ${pct(times, 50).toFixed(0)} ms | p95 ${pct(times, 95).toFixed(0)} ms | max ${Math.max(...times).toFixed(0)} ms |`);
}

async function main() {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-heatmap-'));
	const env: Record<string, string> = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: dataDir };
	const db = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
	await prepareDatabase(db, ROOT, createLogger('warn'));
	const { partnershipId, cycleId } = await seed(db);
	await time('The heatmap’s query alone: every organisation’s row', 20, async () => void (await heatmapSources(db, cycleId)));
	await db.close();

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const server = spawnServer({ ...env, PORT: String(port), ORIGIN: url });
	try {
		for (let i = 0; i < 600 && !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
		const bu = await new Client(url).signIn('bu@heatmap-bench.example.org', PASSWORD);
		const page = (query: string) => async () => {
			const res = await bu.get(`/partnerships/${partnershipId}/cycles/${cycleId}/heatmap${query}`);
			const body = await res.text();
			if (res.status !== 200) throw new Error(`heatmap${query}: HTTP ${res.status}`);
			return Buffer.byteLength(body);
		};
		await time('Heatmap page, first page by name (business unit)', 20, page(''));
		await time('Heatmap page, sorted by the gap on a standard', 20, page('?sort=gap&standard=C'));
		await time('Heatmap page, primary schools only, page 3', 20, page('?phase=primary&page=3'));
	} finally {
		server.child.kill('SIGTERM');
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	const kind = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
	process.stdout.write(`\n### ${kind}, ${os.cpus().length} cores, Node ${process.version}\n\n| What | p50 | p95 | max |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}

await main();
