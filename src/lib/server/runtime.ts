import path from 'node:path';
import { loadConfig, type Config } from './config.js';
import { connectionProblem, openDatabase, type Db } from './db';
import { recordingDb } from './db/record';
import { CLUSTER_SNAPSHOT } from './db/snapshot';
import { prepareDatabase } from './setup';
import { logger, setLogLevel } from './log';
import { DEMO_PASSWORD, seedDemoIfEmpty, type DemoSignIn } from './seed/demo';
import { onMailQueued, smtpTransport, startMailer } from './mail';
import { startHousekeeping } from './housekeeping';
import { startReminderRunner } from './reminder-jobs';
import { openEvidenceServices, type EvidenceServices } from './evidence/services';
import { issueDemoLetters } from './seed/demo-letters';

/** A failure at start-up that the operator can act on: printed as one line, no stack. */
export class StartupError extends Error {
	override name = 'StartupError';
}

export interface Runtime {
	config: Config;
	db: Db;
	evidence: EvidenceServices;
	demoSignIns: DemoSignIn[];
	stop: () => void;
}

// server.js (outside the bundle) reads this to print the banner and to close
// the database on shutdown.
const HANDOFF = Symbol.for('safeguarding-portal.runtime');

let current: Runtime | undefined;
let starting: Promise<Runtime> | undefined;

async function boot(env: Record<string, string | undefined>): Promise<Runtime> {
	const loaded = loadConfig(env);
	if (!loaded.ok) throw new StartupError(loaded.message);
	const { config } = loaded;
	setLogLevel(config.LOG_LEVEL);
	let db: Db;
	try {
		db = await openDatabase({ ...config, clusterSnapshot: path.join(config.APP_ROOT, CLUSTER_SNAPSHOT) });
		if (config.SQL_RECORD_FILE) {
			logger().warn({ file: config.SQL_RECORD_FILE }, 'SQL_RECORD_FILE is set: every statement and its parameters are written to the file (for benchmarks only)');
			db = recordingDb(db, config.SQL_RECORD_FILE);
		}
	} catch (e) {
		if (e instanceof Error && e.name === 'DataDirectoryLockedError') throw new StartupError(e.message);
		throw e;
	}
	try {
		const result = await prepareDatabase(db, config.APP_ROOT, logger());
		if (result.applied.length) logger().info({ applied: result.applied }, 'migrations applied');
		if (result.templates) logger().info({ installed: result.templates }, 'shipped templates installed');
		if (result.changed.length) {
			logger().warn({ changed: result.changed }, 'applied migration files have changed since they ran');
		}
		const demoSignIns = config.SEED_DEMO ? await seedDemoIfEmpty(db) : [];
		const evidence = await openEvidenceServices(db, config, logger());
		// The demo's letter to the police force is issued here, where storage is open (seed/demo-letters.ts).
		if (config.SEED_DEMO) await issueDemoLetters(db, evidence, config.origin);
		const stops = [startHousekeeping(db, logger(), evidence.storage)];
		if (config.REMINDERS) stops.push(startReminderRunner(db, config.origin, logger(), config.REMINDERS_FIRST_RUN_SECONDS * 1000));
		if (config.SMTP_URL) {
			stops.push(startMailer(db, smtpTransport(config.SMTP_URL), config.MAIL_FROM, logger()).stop);
		} else {
			onMailQueued((mail) => {
				logger().info({ to: mail.to, subject: mail.subject }, 'mail kept in the outbox (SMTP_URL is not set)');
				// In development the whole message goes to the console, links included.
				if (import.meta.env?.DEV) console.info(`\n--- Mail to ${mail.to}: ${mail.subject}\n${mail.text}\n---\n`);
			});
		}
		return { config, db, evidence, demoSignIns, stop: () => stops.forEach((stop) => stop()) };
	} catch (e) {
		await db.close();
		if (e instanceof Error && e.name === 'MigrationError') throw new StartupError(e.message);
		const problem = connectionProblem(e);
		if (problem) throw new StartupError(`Cannot reach the database: ${problem}`);
		throw e;
	}
}

/** Starts once per process: configuration, database, migrations, demo seed. */
export function startRuntime(env: Record<string, string | undefined> = process.env): Promise<Runtime> {
	starting ??= boot(env).then(
		(runtime) => {
			current = runtime;
			(globalThis as Record<symbol, unknown>)[HANDOFF] = {
				demoSignIns: runtime.demoSignIns,
				demoPassword: DEMO_PASSWORD,
				shutdown: stopRuntime
			};
			return runtime;
		},
		(e) => {
			starting = undefined;
			throw e;
		}
	);
	return starting;
}

export function runtime(): Runtime {
	if (!current) throw new Error('The portal runtime has not started');
	return current;
}

export const db = (): Db => runtime().db;
export const config = (): Config => runtime().config;
export const evidenceServices = (): EvidenceServices => runtime().evidence;

export async function stopRuntime(): Promise<void> {
	const running = current;
	current = undefined;
	starting = undefined;
	if (running) {
		running.stop();
		await running.db.close();
	}
}
