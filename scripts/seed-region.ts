// `npm run seed:region`: a region's worth of data a person can browse (see
// src/lib/server/seed/region.ts), then the portal on it. Embedded by default, in
// ./data-region (DATA_DIR to choose another directory); on a PostgreSQL server
// with DATABASE_URL (an empty database). `-- --seed-only` stops after seeding. Seeding takes tens of minutes; a second
// run finds the region there and only starts the portal.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { DEMO_PASSWORD } from '../src/lib/server/seed/demo';
import { leadEmail, seedRegion } from '../src/lib/server/seed/region';
import { partnershipName, REGION_PARTNERSHIPS, regionSlug, schoolsOf } from '../src/lib/server/seed/region-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.DATA_DIR ?? path.join(root, 'data-region');
const db = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
await prepareDatabase(db, root, createLogger('warn'));
const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from partnerships');
if (n === 0) {
	const started = Date.now();
	const say = (m: string) => process.stdout.write(`${m} (${Math.round((Date.now() - started) / 1000)} s)\n`);
	say('Building the region: 7 partnerships, ~2,000 organisations, 3 cycles each');
	const summary = await seedRegion(db, await hashPassword(DEMO_PASSWORD), { progress: say });
	say(`Done: ${summary.organisations.toLocaleString('en-GB')} organisations, ${summary.submissions.toLocaleString('en-GB')} submissions, ${summary.responses.toLocaleString('en-GB')} answers`);
} else {
	process.stdout.write(`The database already holds ${n} partnerships: starting the portal on it.\n`);
}
await db.close();

const first = REGION_PARTNERSHIPS[0];
const lines = [`Region sign-ins (password for all: ${DEMO_PASSWORD}):`];
for (const who of ['business.unit', 'chair', 'moderator', 'board']) lines.push(`  ${who.padEnd(13)}  ${who}@${regionSlug(first.area)}.example.org  (${partnershipName(first.area)}; the same for every area: ${REGION_PARTNERSHIPS.map((p) => regionSlug(p.area)).join(', ')})`);
lines.push(`  school lead    ${leadEmail(schoolsOf(first.area, 0, 1)[0].name)}`);
lines.push(`  agency lead    ${leadEmail('North Vale Police')}`, '');
process.stdout.write(`${lines.join('\n')}\n`);
if (process.argv.includes('--seed-only')) process.exit(0);

const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: 'false' }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
