// `npm run migrate`: brings the database (DATABASE_URL, or the embedded one in
// DATA_DIR) up to date and installs the shipped templates, without starting
// the server. Refuses a data directory another portal process is using.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/lib/server/config.js';
import { connectionProblem, openDatabase } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loaded = loadConfig(process.env);
if (!loaded.ok) {
	process.stderr.write(`${loaded.message}\n`);
	process.exit(1);
}
try {
	const db = await openDatabase(loaded.config);
	try {
		const result = await prepareDatabase(db, root, createLogger(loaded.config.LOG_LEVEL));
		process.stdout.write(
			result.applied.length ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}\n` : 'The database is up to date.\n'
		);
		if (result.templates) process.stdout.write(`Installed ${result.templates} shipped template(s).\n`);
	} finally {
		await db.close();
	}
} catch (e) {
	const problem = connectionProblem(e);
	process.stderr.write(`${problem ? `Cannot reach the database: ${problem}` : (e as Error).message}\n`);
	process.exit(1);
}
