// The school register import at the national file's size: 50,000 rows of about
// 140 columns (~60 MB, as GIAS's establishment file), read as a stream keeping
// two local authorities (1,000 schools), kept as a preview, then applied to an
// empty partnership (all 1,000 schools added). Peak memory is sampled while it
// runs. `npm run bench:register` (embedded PGlite, or DATABASE_URL). Numbers, not assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { SYSTEM_CONTEXT } from '../src/lib/server/audit-log';
import { createPartnership } from '../src/lib/server/partnerships';
import { readRegisterFile } from '../src/lib/server/import/gias-csv';
import { saveImport } from '../src/lib/server/register-imports';
import { applyImport } from '../src/lib/server/register-apply';
import { writeLargeGiasFile } from '../tests/helpers/gias';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.ROWS ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-register-'));

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
	const m = process.memoryUsage();
	peakRss = Math.max(peakRss, m.rss);
	peakHeap = Math.max(peakHeap, m.heapUsed);
};
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	peakRss = 0;
	peakHeap = 0;
	const timer = setInterval(sample, 20);
	const start = process.hrtime.bigint();
	try {
		return await fn();
	} finally {
		clearInterval(timer);
		sample();
		console.log(`${label}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s, peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`);
	}
}

try {
	const file = path.join(dir, 'edubasealldata.csv');
	await writeLargeGiasFile(file, ROWS, 116);
	const db = await openDatabase({ DATA_DIR: path.join(dir, 'data'), DATABASE_URL: process.env.DATABASE_URL });
	await prepareDatabase(db, ROOT, createLogger('warn'));
	const created = await createPartnership(db, { name: `Register bench ${Date.now()}`, area: 'Bench' });
	if (!created.ok) throw new Error('no partnership');
	const partnershipId = created.partnership.id;
	sample();
	console.log(`${ROWS} rows, ${mb(fs.statSync(file).size)} file; before reading: RSS ${mb(process.memoryUsage().rss)}`);
	const read = await timed('read and filter (stream)', () => readRegisterFile(file, ['805', '806']));
	if (!read.ok) throw new Error(read.error);
	const importId = await timed(`keep the preview (${read.rows.length} rows)`, () => saveImport(db, { partnershipId, uploadedBy: null, fileName: 'edubasealldata.csv', laCodes: ['805', '806'], ...read }));
	const applied = await timed('apply', () => applyImport(db, partnershipId, importId, { ctx: SYSTEM_CONTEXT, origin: 'http://localhost' }));
	console.log('outcome', applied);
	await db.close();
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
