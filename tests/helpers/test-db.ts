// Fresh, migrated databases for tests, cheap enough to give every test file its
// own: a copy of a template directory (PGlite) or CREATE DATABASE … TEMPLATE
// (PostgreSQL). Templates are built once per run by the global setup.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openEmbedded } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import type { Db } from '../../src/lib/server/db';
import { DB_KIND, TEST_DATABASE_URL, TMP } from './paths';

export type Template = 'empty' | 'demo';

export const templateDir = (t: Template) => path.join(TMP, 'embedded', `template-${t}`);
export const templateDatabase = (t: Template) => `portal_template_${t}`;

export function databaseUrl(name: string): string {
	const url = new URL(TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return url.toString();
}

/** A throwaway database (or data directory) created from a template. */
export interface Scratch {
	/** Env for a server process: DATA_DIR (the embedded database and evidence files) and, on PostgreSQL, DATABASE_URL. */
	env: Record<string, string>;
	open(): Promise<Db>;
	drop(): Promise<void>;
}

export async function scratchFrom(template: Template): Promise<Scratch> {
	const id = randomUUID().replaceAll('-', '').slice(0, 16);
	if (DB_KIND === 'embedded') {
		const dir = path.join(TMP, 'embedded', `db-${id}`);
		fs.cpSync(templateDir(template), dir, { recursive: true });
		fs.rmSync(path.join(dir, 'portal.lock'), { force: true });
		return {
			env: { DATA_DIR: dir },
			open: () => openEmbedded(dir),
			drop: async () => fs.rmSync(dir, { recursive: true, force: true })
		};
	}
	const name = `portal_test_${id}`;
	// Evidence files live in DATA_DIR: every server gets its own, as each gets its own database.
	const dataDir = path.join(TMP, 'data', `data-${id}`);
	const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name} template ${templateDatabase(template)}`);
	} finally {
		await admin.end();
	}
	return {
		env: { DATABASE_URL: databaseUrl(name), DATA_DIR: dataDir },
		open: async () => openPostgres(databaseUrl(name), { poolSize: 4 }),
		drop: async () => {
			fs.rmSync(dataDir, { recursive: true, force: true });
			const a = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			try {
				await a.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await a.end();
			}
		}
	};
}

/** A migrated database for one test file; close it in afterAll. */
export async function createTestDb(template: Template = 'empty'): Promise<Db & { drop(): Promise<void> }> {
	const scratch = await scratchFrom(template);
	const db = await scratch.open();
	return Object.assign(db, {
		async drop() {
			await db.close();
			await scratch.drop();
		}
	});
}

/** A database with no migrations applied, for testing the migrator itself. */
export async function createBlankDb(): Promise<Db & { drop(): Promise<void> }> {
	if (DB_KIND === 'embedded') {
		const db = await openEmbedded();
		return Object.assign(db, { drop: () => db.close() });
	}
	const name = `portal_blank_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const db = openPostgres(databaseUrl(name), { poolSize: 2 });
	return Object.assign(db, {
		async drop() {
			await db.close();
			const a = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
			try {
				await a.unsafe(`drop database if exists ${name} with (force)`);
			} finally {
				await a.end();
			}
		}
	});
}
