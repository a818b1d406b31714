// SQL_RECORD_FILE (benchmarks only): every statement the server sends is
// appended as a JSON line, and the lines group back into the waves that were
// in flight together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db, Queryable, Row } from '../../../src/lib/server/db';
import { readRecording, recordingDb, waves, type RecordedLine } from '../../../src/lib/server/db/record';

/** A database that answers `select n` with n rows after a tick, and fails `fail`. */
function fake(): Db {
	const q: Queryable = {
		async query<T extends object = Row>(sql: string) {
			await new Promise((r) => setTimeout(r, 2));
			if (sql === 'fail') throw new Error('refused');
			return Array.from({ length: Number(sql.split(' ')[1]) }, (_, i) => ({ i })) as unknown as T[];
		},
		exec: async () => {},
		transaction: (fn) => fn(q)
	};
	return { kind: 'embedded', ...q, close: async () => {} };
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const scratch = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-record-'));
	dirs.push(dir);
	return path.join(dir, 'sql.jsonl');
};

describe('recording the SQL the server sends', () => {
	it('appends each statement with its parameters, rows and times, transactions included', async () => {
		const file = scratch();
		const db = recordingDb(fake(), file);
		expect(db.kind).toBe('embedded');
		const when = new Date('2026-12-01T10:00:00Z');
		expect(await db.query('select 2', ['a', when, 3n, new Uint8Array([1, 255])])).toHaveLength(2);
		await db.transaction((tx) => tx.query('select 1'));
		await expect(db.query('fail')).rejects.toThrow('refused');
		const lines = readRecording(file);
		expect(lines.map((l) => [l.sql, l.rows])).toEqual([
			['select 2', 2],
			['select 1', 1],
			['fail', -1]
		]);
		expect(lines[0].params).toEqual(['a', '2026-12-01T10:00:00.000Z', '3', '\\x01ff']);
		for (const l of lines) expect(BigInt(l.ended)).toBeGreaterThan(BigInt(l.started));
	});

	it('groups statements in flight together into one wave, and one sent after they were all answered into the next', async () => {
		const file = scratch();
		const db = recordingDb(fake(), file);
		await Promise.all([db.query('select 1'), db.query('select 2'), db.query('select 3')]);
		await db.query('select 4');
		await Promise.all([db.query('select 5'), db.query('select 6')]);
		expect(waves(readRecording(file)).map((w) => w.map((l) => l.sql))).toEqual([['select 1', 'select 2', 'select 3'], ['select 4'], ['select 5', 'select 6']]);
	});

	it('keeps a statement in a wave when it starts before any earlier one of the wave has ended, even after another ended', () => {
		const line = (sql: string, started: number, ended: number): RecordedLine => ({ sql, params: [], rows: 0, started: String(started), ended: String(ended) });
		// b ends at 20, but a is still running when c starts at 25: one wave; d starts after everything ended.
		const lines = [line('d', 60, 70), line('a', 0, 50), line('b', 10, 20), line('c', 25, 55)];
		expect(waves(lines).map((w) => w.map((l) => l.sql))).toEqual([['a', 'b', 'c'], ['d']]);
	});

	it('reads no lines from a file that is not there yet', () => {
		expect(readRecording(scratch())).toEqual([]);
	});
});
