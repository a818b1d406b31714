// Bringing a database up to date: migrations, then the shipped templates. The
// server does this at start; tests and scripts call the same function.
import path from 'node:path';
import type { Queryable } from './db';
import type { Logger } from './log';
import { loadMigrations, migrate, type MigrationResult } from './db/migrate';
import { installShippedTemplates } from './templates';
import { loadShippedTemplates } from './template-files';

export async function prepareDatabase(db: Queryable, appRoot: string, log: Logger): Promise<MigrationResult & { templates: number }> {
	const result = await migrate(db, loadMigrations(path.resolve(appRoot, 'migrations')));
	const templates = await installShippedTemplates(db, loadShippedTemplates(path.resolve(appRoot, 'templates')), log);
	return { ...result, templates };
}
