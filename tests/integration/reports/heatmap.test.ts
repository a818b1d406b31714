// The heatmap's query on a small world built here, on both databases: every
// organisation in the cycle (not returned too), only its latest submission's
// self grades (from the grade summary, or the snapshot where a submission has
// none), and the moderated grade only once the moderation is accepted or complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { heatmapSources } from '../../../src/lib/server/reports/heatmap';
import { heatmapRow, type HeatmapSource } from '../../../src/lib/domain/reports/heatmap';
import { gradeSummary, type Snapshot } from '../../../src/lib/domain/snapshot';
import { getTemplate } from '../../../src/lib/server/templates';
import type { Scale } from '../../../src/lib/domain/template';

let db: Awaited<ReturnType<typeof createTestDb>>;
let scale: Scale;
let cycleId: string;
let otherCycleId: string;
const org: Record<string, string> = {};
let sources: HeatmapSource[];

const one = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params))[0].id;

/** A snapshot with these requirement grades per standard (only what the heatmap reads). */
const snapshot = (grades: Record<string, (string | null)[]>) =>
	({ standards: Object.entries(grades).map(([code, gs]) => ({ code, title: `Standard ${code}`, requirements: gs.map((grade, i) => ({ code: `${code}.${i + 1}`, text: 'R', grade, gradeLabel: null, naReason: '', narrative: '' })) })), evidence: {} }) as unknown as Snapshot;

async function submit(name: string, cycle: string, version: number, grades: Record<string, (string | null)[]>, withSummary = true): Promise<string> {
	const templateId = await one('select template_id as id from cycles where id = $1', [cycle]);
	const partnershipId = await one('select partnership_id as id from cycles where id = $1', [cycle]);
	const returnId = await one(
		`insert into returns (organisation_id, template_id) values ($1, $2) on conflict (organisation_id, template_id) do update set template_id = excluded.template_id returning id`,
		[org[name], templateId]
	);
	const snap = snapshot(grades);
	const id = await one(
		`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late) values ($1, $2, $3, $4, $5, $6, false) returning id`,
		[returnId, cycle, org[name], partnershipId, version, snap]
	);
	if (withSummary) await db.query('insert into submission_summaries (submission_id, grades) values ($1, $2)', [id, gradeSummary(snap)]);
	return id;
}

async function moderate(name: string, submissionId: string, state: string, grades: Record<string, { grade: string | null; agreed?: string }>) {
	const id = await one(
		`insert into moderations (cycle_id, organisation_id, partnership_id, submission_id, state) select $1, $2, partnership_id, $3, $4 from cycles where id = $1 returning id`,
		[cycleId, org[name], submissionId, state]
	);
	for (const [code, g] of Object.entries(grades)) {
		await db.query('insert into moderation_standards (moderation_id, standard_code, grade, agreed_grade) values ($1, $2, $3, $4)', [id, code, g.grade, g.agreed ?? null]);
	}
}

const row = (name: string) => {
	const s = sources.find((x) => x.organisationName === name);
	if (!s) throw new Error(`${name} is not in the heatmap`);
	return heatmapRow(scale, ['1', '2'], s);
};

beforeAll(async () => {
	db = await createTestDb('empty');
	const template = await one(`select id from templates where slug = 'west-midlands-section-11' order by version desc limit 1`, []);
	scale = (await getTemplate(db, template))!.definition.scale;
	const partnership = await one(`insert into partnerships (name) values ('Heatmap Partnership') returning id`, []);
	for (const [name, kind, sector, phase] of [
		['Agency resubmitted', 'agency', 'police', null],
		['School accepted', 'school', 'education', 'primary'],
		['School not returned', 'school', 'education', null],
		['Agency draft moderation', 'agency', 'health', null],
		['Agency of another cycle', 'agency', 'fire', null]
	]) {
		org[name!] = await one(`insert into organisations (name, kind, sector, phase) values ($1, $2, $3, $4) returning id`, [name, kind, sector, phase]);
		await db.query('insert into partnership_members (partnership_id, organisation_id) values ($1, $2)', [partnership, org[name!]]);
	}
	const cycle = (title: string) =>
		one(`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, $3, '{1,2}', '2026-01-01', '2026-03-31') returning id`, [partnership, template, title]);
	cycleId = await cycle('Heatmap cycle');
	otherCycleId = await cycle('Another cycle');
	for (const name of ['Agency resubmitted', 'School accepted', 'School not returned', 'Agency draft moderation']) {
		await db.query('insert into cycle_participants (cycle_id, organisation_id) values ($1, $2)', [cycleId, org[name]]);
	}
	await db.query('insert into cycle_participants (cycle_id, organisation_id) values ($1, $2)', [otherCycleId, org['Agency of another cycle']]);

	await submit('Agency resubmitted', cycleId, 1, { '1': ['4', '4'], '2': ['4'] });
	await submit('Agency resubmitted', cycleId, 2, { '1': ['1', '1'], '2': ['na', 'na'] });
	const accepted = await submit('School accepted', cycleId, 1, { '1': ['2', '2', '3'], '2': ['2'] }, false);
	await moderate('School accepted', accepted, 'accepted', { '1': { grade: '3' }, '2': { grade: '4', agreed: '1' } });
	const draft = await submit('Agency draft moderation', cycleId, 1, { '1': ['2'], '2': [null] });
	await moderate('Agency draft moderation', draft, 'awaiting', { '1': { grade: '4' } });
	await submit('Agency of another cycle', otherCycleId, 1, { '1': ['1'], '2': ['1'] });
	sources = await heatmapSources(db, cycleId);
});
afterAll(() => db.drop());

describe('the heatmap query', () => {
	it('has a row for every organisation in the cycle, returned or not, and none for another cycle’s', () => {
		expect(sources.map((s) => s.organisationName)).toEqual(['Agency draft moderation', 'Agency resubmitted', 'School accepted', 'School not returned']);
		expect(row('School not returned').cells).toBeNull();
		expect(row('School not returned')).toMatchObject({ kind: 'school', phase: null, submissionId: null });
	});

	it('reads only the latest submission', async () => {
		const latest = await one(`select id from submissions where organisation_id = $1 and version = 2`, [org['Agency resubmitted']]);
		const r = row('Agency resubmitted');
		expect(r.submissionId).toBe(latest);
		expect(r.cells!['1']).toMatchObject({ self: 'Outstanding', review: null });
		expect(r.cells!['2']).toMatchObject({ self: 'Not applicable', colour: 'grey' });
	});

	it('reads the self grades from the snapshot where a submission has no grade summary', () => {
		const r = row('School accepted');
		expect(r).toMatchObject({ sector: 'education', phase: 'primary' });
		expect(r.cells!['1']).toMatchObject({ self: 'Good', review: { source: 'moderated', label: 'Requires improvement' }, lower: true });
		expect(r.cells!['2']).toMatchObject({ self: 'Good', review: { source: 'agreed', label: 'Outstanding' }, lower: false });
	});

	it('never shows a moderator’s draft', () => {
		const r = row('Agency draft moderation');
		expect(r.cells!['1']).toMatchObject({ self: 'Good', review: null, lower: false });
		expect(r.cells!['2']).toMatchObject({ self: 'Not graded', review: null });
	});

	it('reads the same rows for a cycle with nobody in it as for none: an empty grid', async () => {
		const empty = await one(`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) select partnership_id, template_id, 'Empty cycle', standard_codes, opens_on, closes_on from cycles where id = $1 returning id`, [cycleId]);
		expect(await heatmapSources(db, empty)).toEqual([]);
	});
});
