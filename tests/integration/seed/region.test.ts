// `npm run seed:region` at a small scale, on both databases: every part of the
// region is built through the real functions and holds together (schools with
// phases, agencies shared between partnerships, three cycles each, one return
// per agency for all its partnerships, moderation, the challenge log, evidence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { seedRegion, type RegionSummary } from '../../../src/lib/server/seed/region';
import { REGION_PARTNERSHIPS } from '../../../src/lib/server/seed/region-data';

let db: Awaited<ReturnType<typeof createTestDb>>;
let summary: RegionSummary;

beforeAll(async () => {
	db = await createTestDb('empty');
	summary = await seedRegion(db, 'not a real hash', { today: new Date('2026-12-01T10:00:00Z'), scale: 0.01 });
}, 600_000);
afterAll(() => db.drop());

describe('the region seed', () => {
	it('builds seven partnerships with their staff, each with three cycles, last year’s closed', async () => {
		expect(summary.partnerships.map((p) => p.area)).toEqual(REGION_PARTNERSHIPS.map((p) => p.area));
		const cycles = await db.query<{ partnership_id: string; n: number; closed: number }>(
			'select partnership_id, count(*)::int as n, count(closed_at)::int as closed from cycles group by partnership_id'
		);
		expect(cycles).toHaveLength(7);
		for (const c of cycles) expect([c.n, c.closed]).toEqual([3, 1]);
		const staff = await db.query<{ role: string; n: number }>('select role, count(*)::int as n from partnership_roles group by role order by role');
		expect(staff).toEqual([{ role: 'board_member', n: 7 }, { role: 'business_unit', n: 7 }, { role: 'chair', n: 7 }, { role: 'moderator', n: 7 }]);
	});

	it('gives every school a phase and a local authority, and shares agencies between partnerships', async () => {
		const [schools] = await db.query<{ n: number; phased: number; la: number }>(
			`select count(*)::int as n, count(phase)::int as phased, count(la_code)::int as la from organisations where kind = 'school'`
		);
		expect(schools.n).toBeGreaterThan(10);
		expect([schools.phased, schools.la]).toEqual([schools.n, schools.n]);
		const [police] = await db.query<{ n: number }>(
			`select count(*)::int as n from partnership_members m join organisations o on o.id = m.organisation_id where o.name = 'North Vale Police'`
		);
		expect(police.n).toBe(4);
	});

	it('sends each agency one Section 11 return, to all its partnerships at once', async () => {
		const rows = await db.query<{ returns: number; cycles: number; partnerships: number }>(
			`select count(distinct s.return_id)::int as returns, count(distinct s.cycle_id)::int as cycles,
				(select count(*)::int from partnership_members m where m.organisation_id = o.id) as partnerships
			 from submissions s join organisations o on o.id = s.organisation_id where o.kind = 'agency' group by o.id`
		);
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) expect([r.returns, r.cycles]).toEqual([1, r.partnerships]);
	});

	it('moderates part of last year’s schools audit and keeps a challenge log with overdue entries', async () => {
		const states = await db.query<{ state: string }>('select distinct state from moderations order by state');
		expect(states.map((s) => s.state)).toEqual(expect.arrayContaining(['accepted', 'completed']));
		const [log] = await db.query<{ n: number; overdue: number; steps: number }>(
			`select count(*)::int as n, count(*) filter (where status = 'open' and due_on < date '2026-12-01')::int as overdue,
				(select count(*)::int from challenge_steps) as steps from challenges`
		);
		expect(log.n).toBeGreaterThan(0);
		expect(log.overdue).toBeGreaterThan(0);
		expect(log.steps).toBeGreaterThanOrEqual(log.n);
		expect(summary.submissions).toBeGreaterThan(0);
		const [docs] = await db.query<{ orgs: number; all: number }>(
			'select count(distinct organisation_id)::int as orgs, (select count(*)::int from organisations) as all from evidence_documents'
		);
		expect(docs.orgs).toBe(docs.all);
	});
});
