// Both adapters must hand the application the same JS values, so nothing
// above the Db interface ever depends on which database answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { sqlState, SQLSTATE } from '../../../src/lib/server/db';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
	db = await createTestDb();
	await db.exec(`create table type_probe (id int primary key, doc jsonb, day date, at timestamptz, big bigint, amount numeric)`);
});
afterAll(() => db.drop());

describe('type normalisation', () => {
	it('returns bigint, numeric, date, timestamptz, jsonb, arrays and bytea as the same JS types', async () => {
		const [row] = await db.query<Record<string, unknown>>(
			`select 9007199254740991::int8 as i8, 42::int4 as i4, 1.25::numeric as num, '2026-03-31'::date as day,
				'2026-03-31T23:30:00Z'::timestamptz as at, '{"a":[1,"x",null]}'::jsonb as doc,
				array[1,2,3]::int8[] as ints, array['a','b'] as texts, '\\x0aff'::bytea as bytes,
				count(*) as n, avg(x)::numeric(4,2) as mean, true as flag, null::text as nothing
			 from (values (1), (2)) v(x)`
		);
		expect(row).toEqual({
			i8: 9007199254740991,
			i4: 42,
			num: 1.25,
			day: '2026-03-31',
			at: new Date('2026-03-31T23:30:00Z'),
			doc: { a: [1, 'x', null] },
			ints: [1, 2, 3],
			texts: ['a', 'b'],
			bytes: Buffer.from([0x0a, 0xff]),
			n: 2,
			mean: 1.5,
			flag: true,
			nothing: null
		});
		expect(Buffer.isBuffer(row.bytes)).toBe(true);
	});

	it('refuses an int8 beyond the safe integer range instead of rounding it', async () => {
		await expect(db.query('select 9007199254740993::int8 as big')).rejects.toThrow(/safe integer range/);
	});

	it('stores objects passed for jsonb as JSON objects, and dates as calendar dates', async () => {
		await db.query('insert into type_probe (id, doc, day, at, big, amount) values ($1, $2, $3, $4, $5, $6)', [
			1,
			{ grade: 'good', list: [1, 2] },
			'2026-12-01',
			new Date('2026-12-01T00:15:00Z'),
			123,
			'2.50'
		]);
		const [row] = await db.query<Record<string, unknown>>(
			'select doc, jsonb_typeof(doc) as kind, day, at, big, amount from type_probe where id = 1'
		);
		expect(row).toEqual({
			doc: { grade: 'good', list: [1, 2] },
			kind: 'object',
			day: '2026-12-01',
			at: new Date('2026-12-01T00:15:00Z'),
			big: 123,
			amount: 2.5
		});
	});
});

describe('transactions', () => {
	it('commits together, rolls back together, and a nested call joins the outer transaction', async () => {
		await db.transaction(async (tx) => {
			await tx.query('insert into type_probe (id) values (10)');
			await tx.transaction((inner) => inner.query('insert into type_probe (id) values (11)'));
		});
		await expect(
			db.transaction(async (tx) => {
				await tx.query('insert into type_probe (id) values (12)');
				await tx.transaction((inner) => inner.query('insert into type_probe (id) values (10)'));
			})
		).rejects.toSatisfy((e) => sqlState(e) === SQLSTATE.uniqueViolation);
		const ids = await db.query<{ id: number }>('select id from type_probe where id >= 10 order by id');
		expect(ids.map((r) => r.id)).toEqual([10, 11]);
	});

	it('reports SQLSTATE codes the same way on both databases', async () => {
		const error = await db.query('insert into type_probe (id) values (1)').catch((e: unknown) => e);
		expect(sqlState(error)).toBe(SQLSTATE.uniqueViolation);
	});
});
