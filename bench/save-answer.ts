// Saving one answer through the portal (HTTP, session, access check, version
// check, audit row) from CLIENTS concurrent people, each on a return of their
// own organisation, each saving SAVES times one after another (the next save
// based on the version the last one returned), against two baselines in the
// same run with the same concurrency:
//   (a) the SQL the save runs for its session and its write, recorded from
//       the portal's own functions (validateSessionToken, saveResponse) and
//       replayed straight through the driver: the session look-up, then the
//       version-checked update and the audit insert in one transaction;
//   (b) a bare UPDATE of the row: the floor.
// Reports p50/p95/p99 per save and saves per second, and the ratio to (a).
//   npm run bench:save-answer           (embedded; DATABASE_URL=… for PostgreSQL)
//   CLIENTS=50 SAVES=40 are the defaults. Numbers, not assertions.
import { hashPassword } from '../src/lib/server/auth/passwords';
import { createSession, validateSessionToken } from '../src/lib/server/auth/sessions';
import { SYSTEM_CONTEXT } from '../src/lib/server/audit-log';
import { createUser } from '../src/lib/server/users';
import { grantRole } from '../src/lib/server/people';
import { saveResponse } from '../src/lib/server/returns';
import type { Db, Queryable } from '../src/lib/server/db';
import { Client } from '../tests/helpers/http';
import { recorder, type Statement } from './fixtures/recorded-sql';
import { benchDatabase, load, machine, ms, msText, pct, startServer } from './fixtures/measure';
import { begin, report } from './fixtures/report';

/** Why the save misses its target, from its profile (README, "Saving an answer under load"). */
const SAVE_NOTE =
	'The save sends 10 statements to (a)’s 6: the organisation and the return (read together), the answer with its evidence count (one statement), besides the session, the update and the audit row; and it is an HTTP request through SvelteKit. On PostgreSQL 40% of the server’s CPU profile is socket writes to the database, one per statement, so each round trip costs about as much as the rest of the request. What would be needed: fewer round trips (the session and its user in one statement, the update and its audit row in one), or statements pipelined on one write.';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SAVES = Number(process.env.SAVES ?? 40);
const PASSWORD = 'bench password that is long';
const CODE = '1.1';
const SETTINGS = { idleMinutes: 60, absoluteHours: 12 };

interface Person {
	email: string;
	userId: string;
	returnId: string;
	organisationId: string;
}

async function seed(db: Db): Promise<Person[]> {
	const [{ id: templateId }] = await db.query<{ id: string }>(`select id from templates where slug = 'west-midlands-section-11' order by version desc limit 1`);
	const passwordHash = await hashPassword(PASSWORD);
	const people: Person[] = [];
	for (let i = 0; i < CLIENTS; i++) {
		const [org] = await db.query<{ id: string }>(`insert into organisations (name, kind, sector) values ($1, 'agency', 'health') returning id`, [`Save bench trust ${i}`]);
		const email = `lead${i}@save-bench.example.org`;
		const user = await createUser(db, { email, name: `Lead ${i}`, passwordHash });
		await grantRole(db, { userId: user.id, organisationId: org.id, role: 'lead' });
		const [ret] = await db.query<{ id: string }>('insert into returns (organisation_id, template_id) values ($1, $2) returning id', [org.id, templateId]);
		await db.query(`insert into responses (return_id, requirement_code, grade, narrative) values ($1, $2, '2', 'First answer')`, [ret.id, CODE]);
		people.push({ email, userId: user.id, returnId: ret.id, organisationId: org.id });
	}
	return people;
}

/** What one save sends for its session and its write, recorded from the portal's own functions. */
async function recordSave(db: Db, p: Person): Promise<{ session: Statement[]; write: Statement[] }> {
	const { token } = await createSession(db, p.userId, { ip: '10.0.0.1', userAgent: 'bench' }, SETTINGS);
	const s = recorder(db);
	await validateSessionToken(s.handle, token, SETTINGS);
	const w = recorder(db);
	const [{ version }] = await db.query<{ version: number }>('select version from responses where return_id = $1 and requirement_code = $2', [p.returnId, CODE]);
	const ctx = { ...SYSTEM_CONTEXT, actorId: p.userId, actorEmail: p.email };
	const saved = await saveResponse(w.handle, ctx, { id: p.returnId, organisationId: p.organisationId }, CODE, { grade: '2', naReason: '', narrative: 'Recorded save' }, version);
	if (!saved.ok) throw new Error('the recorded save was refused');
	return { session: s.recording.statements(), write: w.recording.statements() };
}

/** Runs `op(person, n)` SAVES times per person, all people at once; each op's time and the whole run's. */
async function concurrently(people: Person[], op: (p: Person, i: number, n: number) => Promise<void>) {
	const times: number[] = [];
	const started = process.hrtime.bigint();
	await Promise.all(
		people.map(async (p, i) => {
			for (let n = 0; n < SAVES; n++) {
				const t = process.hrtime.bigint();
				await op(p, i, n);
				times.push(ms(t));
			}
		})
	);
	return { times, wall: ms(started) };
}

async function main() {
	const finish = begin('save-answer');
	const loadAtStart = load();
	const bench = await benchDatabase('save-answer');
	let db: Db = bench.db;
	const people = await seed(db);
	const shape = await recordSave(db, people[0]);
	const versions = new Map<string, number>();
	const current = async () => {
		for (const p of people) versions.set(p.returnId, (await db.query<{ version: number }>('select version from responses where return_id = $1 and requirement_code = $2', [p.returnId, CODE]))[0].version);
	};

	// (a) the session look-up, then the update (version-checked) and the audit row in one transaction, through the driver.
	const update = shape.write.find((s) => s.sql.trimStart().startsWith('update responses'))!;
	const audit = shape.write.find((s) => s.sql.trimStart().startsWith('insert into audit_log'))!;
	const sessionSql = shape.session;
	await current();
	const baseline = await concurrently(people, async (p) => {
		for (const st of sessionSql) await db.query(st.sql, st.params);
		const v = versions.get(p.returnId)!;
		await db.transaction(async (tx: Queryable) => {
			const params = [...update.params];
			params[0] = p.returnId;
			params[params.length - 1] = v;
			const rows = await tx.query(update.sql, params);
			if (rows.length !== 1) throw new Error('baseline update missed');
			await tx.query(audit.sql, audit.params);
		});
		versions.set(p.returnId, v + 1);
	});
	// (b) a bare UPDATE of the row.
	const floor = await concurrently(people, async (p) => {
		await db.query(`update responses set narrative = $3, version = version + 1 where return_id = $1 and requirement_code = $2`, [p.returnId, CODE, 'Bare update']);
	});

	// Through the portal: the built server, everyone signed in, each saving their own answer.
	await current();
	await db.close();
	const server = await startServer(bench.env);
	let portal: Awaited<ReturnType<typeof concurrently>>;
	const statuses = new Map<number, number>();
	try {
		const clients: Client[] = [];
		for (const p of people) clients.push(await new Client(server.url).signIn(p.email, PASSWORD));
		portal = await concurrently(people, async (p, i) => {
			const res = await clients[i].request(`/organisations/${p.organisationId}/returns/${p.returnId}/responses/${CODE}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ grade: '2', naReason: '', narrative: `Save at ${process.hrtime.bigint()}`, version: versions.get(p.returnId) })
			});
			statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
			const body = (await res.json()) as { version?: number };
			if (res.status === 200 && body.version) versions.set(p.returnId, body.version);
		});
	} finally {
		await server.stop();
	}
	db = await bench.reopen();
	const [{ n: audited }] = await db.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'response.save'`);
	await db.close();
	bench.remove();

	const total = CLIENTS * SAVES;
	const row = (what: string, r: { times: number[]; wall: number }, ratio: boolean) =>
		`| ${what} | ${msText(pct(r.times, 50))} | ${msText(pct(r.times, 95))} | ${msText(pct(r.times, 99))} | ${Math.round((total / r.wall) * 1000)} | ${ratio ? `${(pct(r.times, 50) / pct(baseline.times, 50)).toFixed(2)}× / ${(pct(r.times, 95) / pct(baseline.times, 95)).toFixed(2)}×` : ''} |`;
	const ok = statuses.get(200) ?? 0;
	const ratio = pct(portal!.times, 50) / pct(baseline.times, 50);
	const met = ratio <= 2;
	const auditedAll = audited === 1 + total + ok;
	const lines = [
		`### ${machine()}, load average ${loadAtStart} at the start, ${load()} at the end`,
		'',
		`${CLIENTS} clients at once, each saving its own organisation's answer ${SAVES} times in a row (${total} saves each way); statements of (a): ${sessionSql.length} for the session, then ${update ? 1 : 0} update and ${audit ? 1 : 0} audit insert in a transaction.`,
		'',
		'| What | p50 | p95 | p99 | saves/s | ÷ (a) (p50 / p95) |',
		'|---|---|---|---|---|---|',
		row('(b) a bare `UPDATE` of the row, the floor', floor, true),
		row('(a) the session look-up, the version-checked update and the audit insert through the driver', baseline, false),
		row('**The portal**: HTTP, session, access check, version check, audit row', portal!, true),
		'',
		`Portal answers: ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}; audit entries for saves: ${audited} (expected the recorded one, ${total} from (a) and ${ok} through the portal: ${auditedAll ? 'yes' : 'NO'}).`,
		`Target (the portal within 2× of (a) per save, at the median): **${met ? 'met' : 'missed'}**.`
	];
	const p = (r: { times: number[] }, q: number) => pct(r.times, q);
	report(
		finish(
			[
				{
					what: `Saving one answer through the portal, ${CLIENTS} clients on their own returns`,
					measured: `p50 ${msText(p(portal!, 50))} · p95 ${msText(p(portal!, 95))} · p99 ${msText(p(portal!, 99))} · ${Math.round((total / portal!.wall) * 1000)} saves/s; ${ok} of ${total} saved, ${auditedAll ? 'each with its audit entry' : 'AUDIT ENTRIES MISSING'}`,
					baseline: `(a) its SQL through the driver p50 ${msText(p(baseline, 50))}; (b) a bare UPDATE p50 ${msText(p(floor, 50))}`,
					ratio,
					target: '≤ 2× (a) per save',
					met: met && ok === total && auditedAll,
					...(!met && { note: SAVE_NOTE }),
					numbers: {
						clients: CLIENTS,
						saves: total,
						acknowledged: ok,
						portalP50: p(portal!, 50),
						portalP95: p(portal!, 95),
						portalP99: p(portal!, 99),
						sqlP50: p(baseline, 50),
						sqlP95: p(baseline, 95),
						sqlP99: p(baseline, 99),
						bareP50: p(floor, 50),
						bareP95: p(floor, 95),
						bareP99: p(floor, 99),
						portalPerSecond: (total / portal!.wall) * 1000
					}
				}
			],
			lines.join('\n')
		)
	);
}

await main();
