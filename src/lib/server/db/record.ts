// For benchmarks only: every statement the server sends, appended to a file
// as one JSON line {sql, params, rows, started, ended} (process.hrtime in
// nanoseconds, as strings), so a bench can replay exactly what a page sent
// straight through the driver (bench/pages.ts). Switched on by
// SQL_RECORD_FILE; parameters can be personal data, so never in production.
import fs from 'node:fs';
import type { Db, Queryable, Row } from './types';

export interface RecordedLine {
	sql: string;
	params: unknown[];
	/** Rows answered; -1 when the statement failed. */
	rows: number;
	/** process.hrtime.bigint() when sent and when answered, in nanoseconds. */
	started: string;
	ended: string;
}

/** Parameters as JSON can carry them: bytes as hex, bigints as text (Dates become ISO text through JSON itself). */
function portable(value: unknown): unknown {
	if (typeof value === 'bigint') return String(value);
	if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
	if (Array.isArray(value)) return value.map(portable);
	return value;
}

/** `db` with every statement (transactions' too) appended to `file` as it is answered. */
export function recordingDb(db: Db, file: string): Db {
	const write = (line: RecordedLine) => fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
	const wrap = (q: Queryable): Queryable => ({
		async query<T extends object = Row>(sql: string, params: readonly unknown[] = []) {
			const started = process.hrtime.bigint();
			let rows = -1;
			try {
				const answer = await q.query<T>(sql, params);
				rows = answer.length;
				return answer;
			} finally {
				write({ sql, params: params.map(portable), rows, started: String(started), ended: String(process.hrtime.bigint()) });
			}
		},
		exec: (text) => q.exec(text),
		transaction: (fn) => q.transaction((tx) => fn(wrap(tx)))
	});
	return { kind: db.kind, ...wrap(db), close: () => db.close() };
}

const byStart = (a: RecordedLine, b: RecordedLine) => (BigInt(a.started) < BigInt(b.started) ? -1 : BigInt(a.started) > BigInt(b.started) ? 1 : 0);

/** The lines of a recording file, in the order the statements were sent. */
export function readRecording(file: string): RecordedLine[] {
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	return text
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as RecordedLine)
		.sort(byStart);
}

/**
 * The statements grouped into waves, as they were in flight together: one
 * sent before an earlier statement of the wave had been answered joins it;
 * one sent after all of them were answered starts the next.
 */
export function waves(lines: readonly RecordedLine[]): RecordedLine[][] {
	const out: RecordedLine[][] = [];
	let lastEnded = -1n;
	for (const line of [...lines].sort(byStart)) {
		if (!out.length || BigInt(line.started) >= lastEnded) {
			out.push([]);
			lastEnded = -1n;
		}
		out[out.length - 1].push(line);
		if (BigInt(line.ended) > lastEnded) lastEnded = BigInt(line.ended);
	}
	return out;
}
