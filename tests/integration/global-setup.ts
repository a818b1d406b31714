// Once per integration run: build the app if needed (HTTP tests run the real
// server), then the migrated templates every test file copies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openEmbedded } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import type { Db } from '../../src/lib/server/db';
import { prepareDatabase } from '../../src/lib/server/setup';
import { createLogger } from '../../src/lib/server/log';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DB_KIND, ROOT, TEST_DATABASE_URL, TMP } from '../helpers/paths';
import { databaseUrl, templateDatabase, templateDir, type Template } from '../helpers/test-db';
import { readDemoIds, type DemoIds } from '../helpers/demo-ids';

declare module 'vitest' {
	export interface ProvidedContext {
		demoIds: DemoIds;
	}
}

function ensureBuild() {
	// The test command always builds first; a bare `vitest` run builds only if there is no build.
	if (fs.existsSync(path.join(ROOT, 'build', 'handler.js'))) return;
	execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BUILD_LOG_LEVEL: 'warn' } });
}

async function prepare(db: Db, template: Template) {
	await prepareDatabase(db, ROOT, createLogger('warn'));
	if (template === 'demo') await seedDemo(db);
}

async function buildEmbedded(template: Template): Promise<DemoIds | null> {
	const dir = templateDir(template);
	fs.rmSync(dir, { recursive: true, force: true });
	const db = await openEmbedded(dir);
	try {
		await prepare(db, template);
		return template === 'demo' ? await readDemoIds(db) : null;
	} finally {
		await db.close();
	}
}

async function buildPostgres(template: Template): Promise<DemoIds | null> {
	const name = templateDatabase(template);
	const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const db = openPostgres(databaseUrl(name), { poolSize: 2 });
	try {
		await prepare(db, template);
		return template === 'demo' ? await readDemoIds(db) : null;
	} finally {
		await db.close();
	}
}

export default async function setup(project: TestProject) {
	ensureBuild();
	fs.mkdirSync(path.join(TMP, 'embedded'), { recursive: true });
	const build = DB_KIND === 'embedded' ? buildEmbedded : buildPostgres;
	await build('empty');
	const ids = await build('demo');
	project.provide('demoIds', ids!);
}
