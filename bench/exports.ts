// A cycle's XLSX workbook at region scale: 2,000 organisations × 60
// requirements (120,000 response rows, each with a 400-character narrative),
// five actions each and a moderation, streamed through the same code the
// download uses (src/lib/server/exports), rows read from the embedded database
// a hundred organisations at a time, into a sink that counts bytes. Prints the
// time, the file size, and the process's resident memory before and at its
// peak (sampled every 50 ms): with streaming, the growth stays the same
// whatever the cycle's size. `npm run bench:exports` (ORGS=500 for a smaller
// cycle, to compare). Numbers, not assertions.
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openEmbedded } from '../src/lib/server/db/pglite';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { getCycle } from '../src/lib/server/cycles';
import { cycleSheets } from '../src/lib/server/exports/cycle-downloads';
import { workbookStream } from '../src/lib/server/exports/write';
import { CYCLE_SHEETS } from '../src/lib/domain/exports';
import type { Template } from '../src/lib/domain/template';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORGS = Number(process.env.ORGS ?? 2000);
const STANDARDS = 6;
const PER_STANDARD = 10;

const db = await openEmbedded();
await prepareDatabase(db, ROOT, createLogger('warn'));
const [template] = await db.query<{ id: string; definition: Template }>(`select id, definition from templates where slug = 'west-midlands-section-11' order by version desc limit 1`);
const grade = template.definition.scale.grades[1].value;
const [{ id: partnershipId }] = await db.query<{ id: string }>(`insert into partnerships (name) values ('Bench partnership') returning id`);
const [{ id: cycleId }] = await db.query<{ id: string }>(
	`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Bench audit', array['1'], current_date - 30, current_date + 30) returning id`,
	[partnershipId, template.id]
);
const seedStart = process.hrtime.bigint();
await db.query(`insert into organisations (name, kind, sector, urn) select 'Bench school ' || lpad(n::text, 5, '0'), 'school', 'education', (200000 + n)::text from generate_series(1, $1) n`, [ORGS]);
await db.query(`insert into cycle_participants (cycle_id, organisation_id) select $1, id from organisations where name like 'Bench school %'`, [cycleId]);
await db.query(`insert into returns (organisation_id, template_id) select id, $1 from organisations where name like 'Bench school %'`, [template.id]);
await db.query(
	`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, late, snapshot)
	 select r.id, $1, r.organisation_id, $2, 1, false, jsonb_build_object(
		'standards', (select jsonb_agg(jsonb_build_object('code', s::text, 'title', 'Standard ' || s, 'requirements',
			(select jsonb_agg(jsonb_build_object('code', s || '.' || q, 'text', 'Requirement ' || s || '.' || q || ': the organisation can show it meets this',
				'grade', $4::text, 'gradeLabel', 'Good', 'naReason', '', 'narrative', repeat('Staff are trained at induction; the lead reviews the log. ', 7)))
			 from generate_series(1, $6::int) q))) from generate_series(1, $5::int) s),
		'actions', (select jsonb_agg(jsonb_build_object('requirementCode', '1.' || a, 'description', 'Audit the records and report to governors', 'owner', 'DSL',
			'dueOn', '2027-03-31', 'status', 'in_progress', 'progress', '')) from generate_series(1, 5) a),
		'evidence', '{}'::jsonb, 'signOffs', '[]'::jsonb)
	 from returns r where r.template_id = $3`,
	[cycleId, partnershipId, template.id, grade, STANDARDS, PER_STANDARD]
);
await db.query(
	`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id, state) select cycle_id, organisation_id, partnership_id, id, 'accepted' from submissions where cycle_id = $1`,
	[cycleId]
);
const seeded = Number(process.hrtime.bigint() - seedStart) / 1e9;

const cycle = (await getCycle(db, cycleId))!;
let bytes = 0;
const sink = new Writable({
	write(chunk: Buffer, _e, cb) {
		bytes += chunk.length;
		cb();
	}
});
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const start = process.hrtime.bigint();
const sheets = cycleSheets(db, cycle, template.definition.scale, new Date().toISOString().slice(0, 10));
await pipeline(workbookStream(CYCLE_SHEETS.map((s) => sheets[s])), sink);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(sampler);
await db.close();
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
const rows = ORGS * STANDARDS * PER_STANDARD;
console.log(
	`cycle workbook: ${ORGS} organisations, ${rows.toLocaleString('en-GB')} responses (seeded in ${seeded.toFixed(0)} s) written in ${seconds.toFixed(1)} s ` +
		`= ${Math.round(rows / seconds).toLocaleString('en-GB')} responses/s, ${mb(bytes)} MB; resident memory ${mb(before)} MB before, peak ${mb(peak)} MB (growth ${mb(peak - before)} MB)`
);
