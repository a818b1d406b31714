#!/usr/bin/env node
// The whole test suite, as CI and a newcomer run it: `npm test`.
//
// 1. installs what the tests need from Debian when missing (chromium, postgresql, clamav-daemon, poppler-utils, nginx)
// 2. type-checks, runs the unit tests, builds the app
// 3. runs the integration tests against the embedded database (PGlite)
// 4. starts a throwaway PostgreSQL cluster and runs them again against it
// 5. runs the browser tests (Playwright + axe) against both databases
// and ends with one "N passed, N failed" line; the exit code is non-zero on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.test-tmp');
const REPORTS = path.join(TMP, 'reports');
const CHROMIUM = '/usr/bin/chromium';
const CLAMD = '/usr/sbin/clamd';
const NGINX = '/usr/sbin/nginx';
const only = process.argv.slice(2); // e.g. `npm test -- unit integration:embedded`

const log = (/** @type {string} */ line) => process.stdout.write(`\n\u001b[1m▶ ${line}\u001b[0m\n`);

function findPostgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return null;
	const versions = fs
		.readdirSync(base)
		.map(Number)
		.filter((v) => v >= 15 && fs.existsSync(path.join(base, String(v), 'bin', 'initdb')))
		.sort((a, b) => b - a);
	return versions.length ? path.join(base, String(versions[0]), 'bin') : null;
}

function ensureSystemPackages() {
	/** @type {string[]} */
	const missing = [];
	if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
	if (!findPostgresBin()) missing.push('postgresql');
	// The virus-scanning tests start a real ClamAV daemon with a signature file they write.
	if (!fs.existsSync(CLAMD)) missing.push('clamav-daemon');
	// The PDF tests read back what the portal draws with poppler's pdftotext and pdfinfo.
	if (!fs.existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');
	// The scale-out test puts two instances behind nginx, started by the test with deploy/nginx.conf.example.
	// Debian's package may start its own service on install: it listens on port 80, which no test uses.
	if (!fs.existsSync(NGINX)) missing.push('nginx');
	if (!missing.length) return;
	log(`Installing Debian packages: ${missing.join(', ')}`);
	const isRoot = process.getuid?.() === 0;
	const sudo = isRoot ? [] : ['sudo', '-n'];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (/** @type {string[]} */ args) => {
		const [cmd, ...rest] = [...sudo, ...args];
		const result = spawnSync(cmd, rest, { stdio: 'inherit', env });
		if (result.status !== 0) {
			console.error(`Could not run: ${args.join(' ')}. Install ${missing.join(' and ')} with apt-get (as root), then run npm test again.`);
			process.exit(2);
		}
	};
	run(['apt-get', 'update', '-qq']);
	run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

/** A throwaway PostgreSQL cluster in a temporary directory; PostgreSQL refuses to run as root, so it runs as `postgres`. */
async function startPostgres() {
	const bin = findPostgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pg-'));
	const port = await freePort();
	const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
	if (asPostgres.length) execFileSync('chown', ['postgres', dir]);
	const data = path.join(dir, 'data');
	const exec = (/** @type {string} */ tool, /** @type {string[]} */ args) => {
		const [cmd, ...rest] = [...asPostgres, path.join(/** @type {string} */ (bin), tool), ...args];
		execFileSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
	};
	exec('initdb', ['-D', data, '--auth=trust', '--no-sync', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
	exec('pg_ctl', [
		'-D', data, '-l', path.join(dir, 'server.log'), '-w',
		'-o', `-p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c max_connections=200`,
		'start'
	]);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			try {
				exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// already stopped
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** @typedef {{ passed: number, failed: number, skipped: number, checks?: boolean, failures?: string[], flaky?: string[] }} Counts */
/** @typedef {Counts & { name: string, ok: boolean, seconds: number }} StepResult */

/** @type {StepResult[]} */
const results = [];

/**
 * Runs one step; `report` reads its pass/fail counts from a JSON report when the tool writes one.
 * @param {string} name
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, report?: () => Counts }} [options]
 */
function step(name, cmd, args, { env = {}, report } = {}) {
	if (only.length && !only.some((o) => name.startsWith(o))) return;
	log(name);
	const started = Date.now();
	const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
	const seconds = Math.round((Date.now() - started) / 1000);
	const counts = report ? report() : null;
	const ok = result.status === 0;
	results.push({ name, ok, seconds, ...(counts ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, checks: true }) });
}

/** @param {string} file @returns {() => Counts} */
function vitestCounts(file) {
	return () => {
		try {
			const r = JSON.parse(fs.readFileSync(file, 'utf8'));
			/** @type {string[]} */
			const failures = [];
			for (const suite of r.testResults ?? []) {
				const file = path.relative(ROOT, suite.name ?? '');
				const failed = (suite.assertionResults ?? []).filter((/** @type {any} */ a) => a.status === 'failed');
				for (const a of failed) failures.push(`${file} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
				if (suite.status === 'failed' && !failed.length) failures.push(`${file}: ${firstLine(suite.message)}`);
			}
			return { passed: r.numPassedTests, failed: r.numFailedTests + suitesThatDidNotLoad(r), skipped: r.numPendingTests + r.numTodoTests, failures };
		} catch {
			return { passed: 0, failed: 1, skipped: 0 };
		}
	};
}

/** The first line of an error, without colour codes, short enough for the summary. @param {unknown} text */
function firstLine(text) {
	// eslint-disable-next-line no-control-regex
	const line = String(text ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n')[0];
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * A file that failed to load (or whose hooks failed) has no failed test: count it once so it is not silent.
 * @param {{ testResults?: { status: string, assertionResults?: { status: string }[] }[] }} r
 */
function suitesThatDidNotLoad(r) {
	return (r.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}

/** @param {string} file @returns {() => Counts} */
function playwrightCounts(file) {
	return () => {
		try {
			const r = JSON.parse(fs.readFileSync(file, 'utf8'));
			const s = r.stats;
			/** @type {string[]} */
			const failures = (r.errors ?? []).map((/** @type {any} */ e) => firstLine(e.message));
			/** @type {string[]} */
			const flaky = [];
			/** @param {any} suite */
			const walk = (suite) => {
				for (const spec of suite.specs ?? []) {
					for (const t of spec.tests ?? []) {
						if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
						// The first error: for a test that passed on a retry, what went wrong the first time.
						const error = (t.results ?? []).find((/** @type {any} */ x) => x.error)?.error;
						(t.status === 'flaky' ? flaky : failures).push(`tests/e2e/${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error?.message)}`);
					}
				}
				for (const child of suite.suites ?? []) walk(child);
			};
			for (const suite of r.suites ?? []) walk(suite);
			return { passed: s.expected + s.flaky, failed: s.unexpected + (r.errors?.length ? 1 : 0), skipped: s.skipped, failures, flaky };
		} catch {
			return { passed: 0, failed: 1, skipped: 0 };
		}
	};
}

async function main() {
	fs.rmSync(TMP, { recursive: true, force: true });
	fs.mkdirSync(REPORTS, { recursive: true });
	ensureSystemPackages();
	const npx = 'npx';

	step('types (svelte-check)', npx, ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']);
	step('unit', npx, ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/unit.json`], {
		report: vitestCounts(`${REPORTS}/unit.json`)
	});
	step('build', process.execPath, ['scripts/build.js'], { env: { BUILD_LOG_LEVEL: 'error' } });

	const integration = (/** @type {string} */ db, /** @type {Record<string, string>} */ env) =>
		step(`integration:${db}`, npx, ['vitest', 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/integration-${db}.json`], {
			env,
			report: vitestCounts(`${REPORTS}/integration-${db}.json`)
		});
	const e2e = (/** @type {string} */ db, /** @type {Record<string, string>} */ env) =>
		step(`e2e:${db}`, npx, ['playwright', 'test'], {
			env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/e2e-${db}.json` },
			report: playwrightCounts(`${REPORTS}/e2e-${db}.json`)
		});

	integration('embedded', { TEST_DATABASE_URL: '' });
	e2e('embedded', { TEST_DATABASE_URL: '' });

	const needsPostgres = !only.length || only.some((o) => o.endsWith('postgres'));
	if (needsPostgres) {
		log('Starting a throwaway PostgreSQL cluster');
		let pg;
		try {
			pg = await startPostgres();
			integration('postgres', { TEST_DATABASE_URL: pg.url });
			e2e('postgres', { TEST_DATABASE_URL: pg.url });
		} catch (e) {
			console.error(e);
			results.push({ name: 'postgres cluster', ok: false, seconds: 0, passed: 0, failed: 1, skipped: 0 });
		} finally {
			pg?.stop();
		}
	}

	const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
	const width = Math.max(...results.map((r) => r.name.length));
	process.stdout.write('\n── Summary ─────────────────────────────────────────\n');
	for (const r of results) {
		const status = r.ok && !r.failed ? 'ok  ' : 'FAIL';
		const detail = r.checks ? '' : `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
		process.stdout.write(`${status}  ${r.name.padEnd(width)}  ${detail.padEnd(34)} ${r.seconds}s\n`);
	}
	const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `${r.name}  ${f}`));
	if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
	const flaky = results.flatMap((r) => (r.flaky ?? []).map((f) => `${r.name}  ${f}`));
	if (flaky.length) process.stdout.write(`\nPassed only when run again (fix these):\n${flaky.map((f) => `  ${f}`).join('\n')}\n`);
	const failedSteps = results.filter((r) => !r.ok || r.failed).length;
	process.stdout.write(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}${failedSteps ? ` (${failedSteps} step${failedSteps === 1 ? '' : 's'} failed)` : ''}\n`);
	if (!failedSteps) fs.rmSync(TMP, { recursive: true, force: true });
	process.exit(failedSteps ? 1 : 0);
}

await main();
