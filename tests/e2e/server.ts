// Playwright's web server: a fresh database (PGlite directory, or a new
// database on TEST_DATABASE_URL), migrated and seeded with the demo data,
// whose ids are written for the specs; then the real built server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openEmbedded } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { prepareDatabase } from '../../src/lib/server/setup';
import { createLogger } from '../../src/lib/server/log';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { readDemoIds } from '../helpers/demo-ids';
import { ROOT, TEST_DATABASE_URL, TMP } from '../helpers/paths';
import { databaseUrl } from '../helpers/test-db';
import { E2E_IDS_FILE, E2E_PORT } from './config';

const dir = path.join(TMP, 'e2e');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

let env: Record<string, string>;
if (TEST_DATABASE_URL) {
	const name = `portal_e2e_${Date.now()}`;
	const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	env = { DATABASE_URL: databaseUrl(name), DATA_DIR: path.join(dir, 'data') };
} else {
	env = { DATA_DIR: path.join(dir, 'data') };
}
const db = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : await openEmbedded(env.DATA_DIR);
await prepareDatabase(db, ROOT, createLogger('warn'));
await seedDemo(db);
fs.writeFileSync(E2E_IDS_FILE, JSON.stringify(await readDemoIds(db)));
await db.close();

const child = spawn(process.execPath, [path.join(ROOT, 'server.js')], {
	cwd: ROOT,
	stdio: 'inherit',
	env: { ...process.env, ...env, PORT: String(E2E_PORT), ORIGIN: `http://127.0.0.1:${E2E_PORT}`, LOG_LEVEL: 'warn', SESSION_IDLE_MINUTES: '60', REMINDERS: 'false' }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
