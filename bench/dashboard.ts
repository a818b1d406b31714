// The cycle dashboard at a region's size (bench/fixtures/cycle.ts: 2,000
// organisations, 85% returned, a third moderated) against its own raw SQL,
// in the same run. The baseline is recorded, not copied: cycleDashboard()
// runs once through a handle that keeps every statement it sends, and those
// statements are replayed straight through the driver, wave by wave as the
// function sends them (its Promise.all), so the baseline follows the
// dashboard's queries as they change. Then the function itself, the same
// function answered from memory (its JavaScript alone), and the page through
// the real built server signed in as the business unit, with its data alone
// (the same load, serialised as JSON instead of rendered: the difference is
// the rendering). Each is divided by the SQL timed in the same rounds: on
// PostgreSQL the statements are replayed in turn with the function and again
// in turn with the page; on the embedded database, which the server holds
// while it runs, again right after the page.
//
//   npm run build && npm run bench:dashboard            (embedded)
//   DATABASE_URL=postgres://… npm run bench:dashboard   (PostgreSQL)
//   RUNS=30 WARMUPS=3 ORGS=2000 are the defaults; EXPLAIN=1 also prints the plans
//
// Prints a Markdown table for the README. Numbers, not assertions.
import { getCycle, type Cycle } from '../src/lib/server/cycles';
import type { Queryable } from '../src/lib/server/db';
import { cycleDashboard } from '../src/lib/server/reports/cycle-dashboard';
import { ukToday } from '../src/lib/domain/cycles';
import { seedCycle, BENCH_PASSWORD } from './fixtures/cycle';
import { benchDatabase, load, machine, msText, pct, rounds as timeRounds, serverSignedIn } from './fixtures/measure';
import { begin, report } from './fixtures/report';
import { answeredFromMemory, bareDriver, explainAll, firstWords, recorder, replay, type Driver } from './fixtures/recorded-sql';

const RUNS = Number(process.env.RUNS ?? 30);
const WARMUPS = Number(process.env.WARMUPS ?? 3);
const ORGS = Number(process.env.ORGS ?? 2000);
const TARGET_RATIO = 2;
const TARGET_P95_MS = 300;

type Series = Record<'sqlBefore' | 'sqlAfter' | 'fn' | 'js' | 'page' | 'data', number[]>;
const rounds = (series: Series, steps: Partial<Record<keyof Series, () => Promise<unknown>>>) => timeRounds(series, steps, RUNS, WARMUPS);
const ratio = (xs: number[], base: number[], p: number) => pct(xs, p) / pct(base, p);

async function main() {
	const finish = begin('dashboard');
	const loadAtStart = load();
	const bench = await benchDatabase('dashboard');
	let db = bench.db;
	const fixture = await seedCycle(db, { organisations: ORGS, name: 'Dashboard Bench Partnership' });
	const cycle = (await getCycle(db, fixture.cycleId)) as Cycle;
	const today = ukToday();
	const dashboard = (q: Queryable) => cycleDashboard(q, cycle, today, 'all');

	// What the dashboard sends, recorded once.
	const { handle, recording } = recorder(db);
	await dashboard(handle);
	const statements = recording.statements();
	const memory = answeredFromMemory(recording);
	const series: Series = { sqlBefore: [], sqlAfter: [], fn: [], js: [], page: [], data: [] };
	let driver: Driver = bareDriver(db);
	const sql = () => replay(driver, recording);
	// PGlite allows one process on its directory: while the server holds it, the SQL waits until after the page.
	const inTurnWithPage = db.kind === 'postgres';
	let plans: Awaited<ReturnType<typeof explainAll>> = [];
	let html = 0;
	let json = 0;
	try {
		await rounds(series, { sqlBefore: sql, fn: () => dashboard(db), js: () => dashboard(memory) });
		plans = await explainAll(db, recording);
		if (!inTurnWithPage) await db.close();
		const server = await serverSignedIn(bench.env, fixture.businessUnitEmail, BENCH_PASSWORD);
		try {
			const path = `/partnerships/${fixture.partnershipId}/cycles/${fixture.cycleId}/dashboard`;
			const get = async (url: string) => {
				const res = await server.client.get(url);
				const body = await res.text();
				if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
				return Buffer.byteLength(body);
			};
			await rounds(series, {
				page: async () => (html = await get(path)),
				data: async () => (json = await get(`${path}/__data.json`)),
				...(inTurnWithPage && { sqlAfter: sql })
			});
		} finally {
			await server.stop();
		}
		if (!inTurnWithPage) {
			db = await bench.reopen();
			driver = bareDriver(db);
			await rounds(series, { sqlAfter: sql });
		}
	} finally {
		await driver.close();
		await db.close();
		bench.remove();
	}

	// Each is divided by the SQL timed in the same rounds (A with the function, B with the page), or on the
	// embedded database, where the server holds the database while it runs, right after the page.
	const row = (what: string, xs: number[], base?: number[]) =>
		`| ${what} | ${msText(pct(xs, 50))} | ${msText(pct(xs, 95))} | ${base ? `${ratio(xs, base, 50).toFixed(2)}× / ${ratio(xs, base, 95).toFixed(2)}×` : ''} |`;
	const waves = recording.waves.map((w) => w.length).join(' then ');
	const pageRatio = ratio(series.page, series.sqlAfter, 50);
	const met = pageRatio <= TARGET_RATIO && pct(series.page, 95) < TARGET_P95_MS;
	const out = [
		`### ${machine()}, load average ${loadAtStart} at the start, ${load()} at the end`,
		'',
		`Seed: ${fixture.organisations} organisations, ${fixture.submissions} submissions (${fixture.returned} returned), ${fixture.moderations} moderations, ${fixture.standards} standards. ${RUNS} runs of each after ${WARMUPS} warm-ups.`,
		'',
		'| What | p50 | p95 | ÷ the SQL (p50 / p95) |',
		'|---|---|---|---|',
		row(`Baseline: the dashboard’s ${statements.length} statements (${waves} at once) through ${driver.name}, in turn with the function (A)`, series.sqlBefore),
		row(`The same statements ${inTurnWithPage ? 'in turn with the page' : 'right after the page'} (B), ÷ A`, series.sqlAfter, series.sqlBefore),
		row('`cycleDashboard()` in the process, ÷ A', series.fn, series.sqlBefore),
		row('… its JavaScript alone (the same answers from memory), ÷ A', series.js, series.sqlBefore),
		row(`The page over HTTP, business unit · HTML ${(html / 1024).toFixed(0)} KB, ÷ B`, series.page, series.sqlAfter),
		row(`… its data alone, no HTML (SvelteKit’s \`__data.json\`) · ${(json / 1024).toFixed(0)} KB, ÷ B`, series.data, series.sqlAfter),
		'',
		`Target (the page within ${TARGET_RATIO}× its SQL (B) at the median, p95 < ${TARGET_P95_MS} ms): **${met ? 'met' : 'missed'}** (${pageRatio.toFixed(2)}×, p95 ${msText(pct(series.page, 95))}).`,
		'',
		'| Statement | Rows | EXPLAIN ANALYZE execution |',
		'|---|---|---|',
		...plans.map((p, i) => `| \`${firstWords(p.sql)}\` | ${statements[i].rows} | ${msText(p.executionMs)} |`)
	];
	const pageP95 = pct(series.page, 95);
	report(
		finish(
			[
				{
					what: `Cycle dashboard page, ${fixture.organisations} organisations (business unit)`,
					measured: `p50 ${msText(pct(series.page, 50))} · p95 ${msText(pageP95)}`,
					baseline: `its ${statements.length} statements through the driver p50 ${msText(pct(series.sqlAfter, 50))}`,
					ratio: pageRatio,
					target: `≤ ${TARGET_RATIO}× its SQL; p95 < ${TARGET_P95_MS} ms`,
					met,
					...(!met && db.kind !== 'postgres' && pageRatio <= TARGET_RATIO && { note: 'PGlite runs one statement at a time in the server’s own process, so the page waits for its queries in turn.' }),
					numbers: { organisations: fixture.organisations, statements: statements.length, pageP50: pct(series.page, 50), pageP95, sqlP50: pct(series.sqlAfter, 50), sqlP95: pct(series.sqlAfter, 95), functionP50: pct(series.fn, 50), htmlBytes: html, dataBytes: json }
				}
			],
			out.join('\n')
		)
	);
	if (process.env.EXPLAIN) for (const p of plans) process.stdout.write(`\n${p.sql}\n${p.plan}\n`);
}

await main();
