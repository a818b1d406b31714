// The heatmap at a region's size: one partnership with 2,000 organisations
// (1,800 schools of every phase and 200 agencies) in a schools cycle of 10
// standards, 85% returned (some twice), a third of those moderated (accepted
// or complete, some with agreed grades) and a tenth with a moderator's draft.
// Times the query alone and the page through the real server, and weighs the
// HTML. `npm run bench:heatmap` (embedded) or `DATABASE_URL=… npm run bench:heatmap`.
// Prints a Markdown table for the README. Numbers, not assertions.
import { heatmapSources } from '../src/lib/server/reports/heatmap';
import { seedCycle, BENCH_PASSWORD } from './fixtures/cycle';
import { benchDatabase, ms, pct, serverSignedIn, machine } from './fixtures/measure';

const rows: string[] = [];

async function time(label: string, n: number, fn: () => Promise<number | undefined>) {
	const times: number[] = [];
	let size: number | undefined;
	for (let i = 0; i < n; i++) {
		const t = process.hrtime.bigint();
		size = await fn();
		times.push(ms(t));
	}
	const weight = size === undefined ? '' : ` · HTML ${(size / 1024).toFixed(0)} KB`;
	rows.push(`| ${label}${weight} | p50 ${pct(times, 50).toFixed(0)} ms | p95 ${pct(times, 95).toFixed(0)} ms | max ${Math.max(...times).toFixed(0)} ms |`);
}

async function main() {
	const bench = await benchDatabase('heatmap');
	const { db } = bench;
	const fixture = await seedCycle(db, { organisations: 2000 });
	const { partnershipId, cycleId } = fixture;
	rows.push(`| Seed: ${fixture.organisations} organisations, ${fixture.submissions} submissions (${fixture.returned} returned), ${fixture.moderations} moderations, ${fixture.standards} standards | | | |`);
	await time('The heatmap’s query alone: every organisation’s row', 20, async () => void (await heatmapSources(db, cycleId)));
	await db.close();

	const server = await serverSignedIn(bench.env, fixture.businessUnitEmail, BENCH_PASSWORD);
	try {
		const bu = server.client;
		const page = (query: string) => async () => {
			const res = await bu.get(`/partnerships/${partnershipId}/cycles/${cycleId}/heatmap${query}`);
			const body = await res.text();
			if (res.status !== 200) throw new Error(`heatmap${query}: HTTP ${res.status}`);
			return Buffer.byteLength(body);
		};
		await time('Heatmap page, first page by name (business unit)', 20, page(''));
		await time('Heatmap page, sorted by the gap on a standard', 20, page('?sort=gap&standard=C'));
		await time('Heatmap page, primary schools only, page 3', 20, page('?phase=primary&page=3'));
	} finally {
		await server.stop();
		bench.remove();
	}
	process.stdout.write(`\n### ${machine()}\n\n| What | p50 | p95 | max |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}

await main();
