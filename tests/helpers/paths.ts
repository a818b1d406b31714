import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Scratch space for test databases and servers; removed by the test command. */
export const TMP = process.env.TEST_TMP ? path.resolve(process.env.TEST_TMP) : path.join(ROOT, '.test-tmp');
export const MIGRATIONS = path.join(ROOT, 'migrations');

/** Which database this run tests: PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const DB_KIND = TEST_DATABASE_URL ? 'postgres' : 'embedded';
