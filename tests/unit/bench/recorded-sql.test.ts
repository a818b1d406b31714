// The benchmarks' baseline is the SQL a report sends, recorded and replayed:
// it must keep what ran at once together, and replay exactly what was sent.
import { describe, expect, it } from 'vitest';
import type { Queryable, Row } from '../../../src/lib/server/db';
import { answeredFromMemory, recorder, replay, type Driver } from '../../../bench/fixtures/recorded-sql';

/** A database that answers `select n` with n rows, after a tick. */
function fake(log: string[] = []): Queryable {
	const db: Queryable = {
		async query<T extends object = Row>(sql: string, params: readonly unknown[] = []) {
			log.push(sql);
			await new Promise((r) => setTimeout(r, 1));
			return Array.from({ length: Number(sql.split(' ')[1]) }, (_, i) => ({ i, params })) as unknown as T[];
		},
		exec: async () => {},
		transaction: (fn) => fn(db)
	};
	return db;
}

describe('recording a report’s SQL', () => {
	it('keeps the statements sent at once (a Promise.all) in one wave, and those sent after an answer in the next', async () => {
		const { handle, recording } = recorder(fake());
		await Promise.all([handle.query('select 1'), handle.query('select 2', ['x'])]);
		await handle.query('select 3');
		await handle.transaction((tx) => tx.query('select 4'));
		expect(recording.waves.map((w) => w.map((s) => s.sql))).toEqual([['select 1', 'select 2'], ['select 3'], ['select 4']]);
		expect(recording.statements().map((s) => s.rows)).toEqual([1, 2, 3, 4]);
		expect(recording.waves[0][1].params).toEqual(['x']);
	});

	it('answers the same statements again from memory, and refuses one it did not see', async () => {
		const { handle, recording } = recorder(fake());
		const rows = await handle.query('select 2', ['y']);
		const memory = answeredFromMemory(recording);
		expect(await memory.query('select 2', ['y'])).toEqual(rows);
		await expect(memory.query('select 2', ['z'])).rejects.toThrow(/not recorded/);
	});

	it('replays every statement, wave by wave, and fails when one answers a different number of rows', async () => {
		const { handle, recording } = recorder(fake());
		await Promise.all([handle.query('select 1'), handle.query('select 2')]);
		await handle.query('select 3');
		const sent: string[] = [];
		const driver: Driver = { name: 'fake', run: async (sql) => (sent.push(sql), Number(sql.split(' ')[1])), close: async () => {} };
		await replay(driver, recording);
		expect(sent).toEqual(['select 1', 'select 2', 'select 3']);
		const wrong: Driver = { ...driver, run: async () => 0 };
		await expect(replay(wrong, recording)).rejects.toThrow(/replay answered 0 rows, recorded 1/);
	});
});
