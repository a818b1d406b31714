// Migration 0017 fills in, for every submission made before it, the answers by
// requirement code and the action plan's statuses the reports now read from
// the summary: the same as the snapshot says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/lib/server/db/migrate';
import { MIGRATIONS } from '../../helpers/paths';
import { createBlankDb } from '../../helpers/test-db';
import { actionSummary, answerSummary, gradeSummary } from '../../../src/lib/domain/snapshot';

let db: Awaited<ReturnType<typeof createBlankDb>>;
const one = async <T extends object>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params))[0];

const snapshot = {
	standards: [
		{ code: 'A', title: 'A', requirements: [{ code: 'A.1', grade: 'yes', narrative: 'Long' }, { code: 'A.2', grade: null, narrative: '' }] },
		{ code: 'B', title: 'B', requirements: [{ code: 'B.1', grade: 'na', narrative: '' }] }
	],
	actions: [
		{ requirementCode: 'A.1', description: 'First', owner: '', dueOn: '2026-11-30', status: 'in_progress', progress: '' },
		{ requirementCode: 'B.1', description: 'Second', owner: '', dueOn: null, status: 'done', progress: '' }
	],
	evidence: {}
};

beforeAll(async () => {
	db = await createBlankDb();
	const all = loadMigrations(MIGRATIONS);
	await migrate(db, all.filter((m) => m.version < 17));
	const p = await one<{ id: string }>(`insert into partnerships (name) values ('Backfill Partnership') returning id`);
	const o = await one<{ id: string }>(`insert into organisations (name, kind, sector) values ('Backfill School', 'school', 'education') returning id`);
	const t = await one<{ id: string }>(`insert into templates (slug, version, title, kind, definition, status) values ('backfill', 1, 'Backfill audit', 'section-175', '{}', 'draft') returning id`);
	const c = await one<{ id: string }>(`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on) values ($1, $2, 'Backfill cycle', '{A,B}', '2026-09-01', '2026-12-01') returning id`, [p.id, t.id]);
	const r = await one<{ id: string }>(`insert into returns (organisation_id, template_id) values ($1, $2) returning id`, [o.id, t.id]);
	const s = await one<{ id: string }>(
		`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late) values ($1, $2, $3, $4, 1, $5, false) returning id`,
		[r.id, c.id, o.id, p.id, snapshot]
	);
	await db.query('insert into submission_summaries (submission_id, grades) values ($1, $2)', [s.id, gradeSummary(snapshot as never)]);
	await migrate(db, all);
});
afterAll(() => db.drop());

describe('migration 0017', () => {
	it('gives each earlier submission its answers by code and its actions’ statuses and due dates', async () => {
		const row = await one<{ answers: unknown; actions: unknown }>('select answers, actions from submission_summaries');
		expect(row.answers).toEqual({ 'A.1': 'yes', 'A.2': null, 'B.1': 'na' });
		expect(row.answers).toEqual(answerSummary(snapshot as never));
		expect(row.actions).toEqual([{ status: 'in_progress', dueOn: '2026-11-30' }, { status: 'done', dueOn: null }]);
		expect(row.actions).toEqual(actionSummary(snapshot as never));
	});
});
