// The deadline surge: USERS people at once, each the lead of their own school,
// signed in through the sign-in form, working on one standard of their school's
// return for DURATION seconds, each sending a request every SAVE_EVERY seconds
// (default 3): their first and every PAGE_EVERY-th (default 10th) opens the
// standard page (its hidden version field is read), the others autosave one
// answer as the page's script does (the JSON POST of src/lib/components/autosave.ts),
// based on the version the last save returned and with a text of its own (the
// person and a sequence number). autocannon paces a connection at one request
// a second at the slowest, so SAVE_EVERY people take turns on each connection:
// USERS / SAVE_EVERY connections at one request a second, started spread over
// the first second, as arrivals are, not in one burst; each makes DURATION
// requests (autocannon's `amount`, so no request is cut off at the end).
// A request unanswered after 10 s is a time-out (autocannon then reconnects).
// Before the surge, one person alone, one request after another, gives what a
// page and a save cost with no queue, and the server's CPU for each.
//
// Afterwards, with the server stopped, the database is checked: every answer
// holds exactly its person's last acknowledged (200) text and version, and the
// audit log has one 'response.save' entry per acknowledged save, with its
// version. Any non-2xx (a 409 too: each person edits only their own answer),
// connection error or time-out is an error.
//
// The issue gives no baseline ("—"); as a floor for this machine, in the same
// run and at the same connection count, GET /healthz paced the same way, and
// flat out. The sign-ins (all at once, before the timed run, through
// tests/helpers/http.ts's Client, each from its own address) are timed too.
//
//   npm run build && npm run bench:surge             (embedded)
//   DATABASE_URL=postgres://… npm run bench:surge    (PostgreSQL; a fresh database)
//   USERS=300 DURATION=60 SAVE_EVERY=3 PAGE_EVERY=10 are the defaults (USERS=50 DURATION=15 for a short run).
//   CPU_PROF=/some/dir writes the server's CPU profile there.
//
// Numbers, not assertions.
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { hashPassword } from '../src/lib/server/auth/passwords';
import { SYSTEM_CONTEXT, type AuditContext } from '../src/lib/server/audit-log';
import { createUser } from '../src/lib/server/users';
import { grantRole } from '../src/lib/server/people';
import { createPartnership } from '../src/lib/server/partnerships';
import { createCycle } from '../src/lib/server/cycles';
import { startCycle } from '../src/lib/server/start-cycle';
import { getReturn, saveResponse } from '../src/lib/server/returns';
import type { Db } from '../src/lib/server/db';
import type { Template } from '../src/lib/domain/template';
import { Client } from '../tests/helpers/http';
import { benchDatabase, load, machine, ms, msText, pct, ROOT, startServer } from './fixtures/measure';
import { begin, database, report, type BenchRow } from './fixtures/report';

const USERS = Number(process.env.USERS ?? 300);
const DURATION = Number(process.env.DURATION ?? 60);
/**
 * Seconds between one person's requests. autocannon paces a connection at one
 * request a second at the slowest, so SAVE_EVERY people take turns on each
 * connection: USERS / SAVE_EVERY connections at one request a second.
 */
const SAVE_EVERY = Math.max(1, Number(process.env.SAVE_EVERY ?? 3));
/** A person's first request, and every PAGE_EVERY-th after it, opens the standard page; the others autosave. */
const PAGE_EVERY = Math.max(2, Number(process.env.PAGE_EVERY ?? 10));
const FLOOR_SECONDS = Math.min(DURATION, 20);
const FLAT_OUT_SECONDS = 10;
/** Requests of each kind timed one after another, for the cost of a request without a queue. */
const SERIAL = 200;
const WARMUP = 30;
const TIMEOUT_S = 10;
const TARGET_P95_MS = 250;
const PASSWORD = 'bench password that is long';
const STANDARD = 'A';
const SEED_NARRATIVE = 'Our safeguarding policy is reviewed every year by the governors and shared with all staff.';

type Kind = 'page' | 'save';

interface Person {
	n: number;
	email: string;
	organisationId: string;
	returnId: string;
	/** Cookie and X-Forwarded-For, once signed in. */
	headers: Record<string, string>;
	seq: number;
	/** What the next save is based on: the last acknowledged save's version, or the page's before the first. */
	version: number;
	acked: { narrative: string; version: number };
	ackedNarratives: Set<string>;
	ackedVersions: number[];
	pending: string | null;
	/** Saves sent whose answer never came (a time-out or a dropped connection). */
	unanswered: Set<string>;
	/** Page loads showing an older version than the last acknowledged save's, and a newer one (from a save whose answer never came). */
	stalePages: number;
	newerPages: number;
	last: Kind;
	/** The request on the wire, and those whose answer never came (by kind). */
	inFlight: Kind | null;
	dropped: Record<Kind, number>;
}

const narrativeFor = (p: Person, seq: number) =>
	`Surge user ${p.n}, save ${seq}: the designated safeguarding lead and two deputies are trained every two years, staff every year, and the training log is checked each term by the safeguarding governor.`;

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** A school, its lead and its live return to a schools cycle (started through the real start code), the standard's answers given. */
async function seed(db: Db): Promise<{ people: Person[]; code: string; grade: string; requirements: number }> {
	const passwordHash = await hashPassword(PASSWORD);
	const partnership = await createPartnership(db, { name: 'Surge Bench Partnership', area: 'Bench' });
	if (!partnership.ok) throw new Error('the bench partnership exists: use a fresh database');
	const partnershipId = partnership.partnership.id;
	const [template] = await db.query<{ id: string; definition: Template }>(`select id, definition from templates where slug = 'section-175-schools' order by version desc limit 1`);
	const orgs = await db.query<{ id: string }>(
		`insert into organisations (name, kind, sector) select 'Surge bench school ' || n, 'school', 'education' from generate_series(1, $1::int) n returning id`,
		[USERS]
	);
	await db.query('insert into partnership_members (partnership_id, organisation_id) select $1, unnest($2::uuid[])', [partnershipId, orgs.map((o) => o.id)]);
	const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
	const cycle = await createCycle(db, SYSTEM_CONTEXT, {
		partnershipId,
		templateId: template.id,
		title: 'Surge bench schools audit',
		standardCodes: template.definition.standards.map((s) => s.code),
		opensOn: day(-60),
		closesOn: day(2),
		organisationIds: orgs.map((o) => o.id)
	});
	const standard = template.definition.standards.find((s) => s.code === STANDARD)!;
	const grade = template.definition.scale.grades[0].value;
	const people: Person[] = [];
	for (const [n, org] of orgs.entries()) {
		const email = `lead${n}@surge-bench.example.org`;
		const user = await createUser(db, { email, name: `Surge lead ${n}`, passwordHash });
		await grantRole(db, { userId: user.id, organisationId: org.id, role: 'lead' });
		const ctx: AuditContext = { ...SYSTEM_CONTEXT, actorId: user.id, actorEmail: email };
		const { returnId } = await startCycle(db, ctx, org.id, cycle);
		const ret = (await getReturn(db, returnId))!;
		for (const r of standard.requirements) {
			const saved = await saveResponse(db, ctx, ret, r.code, { grade, naReason: '', narrative: SEED_NARRATIVE }, 0);
			if (!saved.ok) throw new Error('seeding an answer failed');
		}
		people.push({
			n, email, organisationId: org.id, returnId, headers: {}, seq: 0, version: 1, acked: { narrative: SEED_NARRATIVE, version: 1 },
			ackedNarratives: new Set(), ackedVersions: [], pending: null, unanswered: new Set(), stalePages: 0, newerPages: 0, last: 'page', inFlight: null, dropped: { page: 0, save: 0 }
		});
	}
	return { people, code: standard.requirements[0].code, grade, requirements: standard.requirements.length };
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Every process's CPU seconds so far and its name, by pid (those that end between two readings are missed). */
function processCpu(): Map<number, { name: string; cpu: number }> {
	const all = new Map<number, { name: string; cpu: number }>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			all.set(Number(entry), { name, cpu: cpuSeconds(Number(entry)) });
		} catch {
			// gone meanwhile
		}
	}
	return all;
}

/** CPU seconds used between two readings: PostgreSQL's processes (any on the machine) and everything else. */
function cpuBetween(before: Map<number, { name: string; cpu: number }>, after: Map<number, { name: string; cpu: number }>, own: number[]) {
	let postgres = 0;
	let others = 0;
	for (const [pid, p] of after) {
		if (own.includes(pid)) continue;
		const used = p.cpu - (before.get(pid)?.cpu ?? 0);
		if (p.name === 'postgres') postgres += used;
		else others += used;
	}
	return { postgres, others };
}

/** The machine's CPU time so far, busy and in all, in seconds summed over cores (from /proc/stat). */
function machineCpu(): { busy: number; total: number } {
	const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
	return { busy: (total - ticks[3] - ticks[4]) / 100, total: total / 100 };
}

interface Outcome {
	times: Record<Kind, number[]>;
	statuses: Record<Kind, Map<number, number>>;
	errors: number;
	timeouts: number;
	wall: number;
}

/** What one autocannon instance sends (one connection): its requests in turn, and the kind of the request answered last. */
interface Unit {
	requests: autocannon.Request[];
	last: () => Kind;
}

const alone = (people: Person[], requests: (p: Person) => autocannon.Request[]): Unit[] => people.map((p) => ({ requests: requests(p), last: () => p.last }));

/**
 * One autocannon instance per unit (one connection, at `rate` requests a second or
 * else one after another), started spread over a second; resolves when all are done.
 */
async function perUnit(units: Unit[], amount: number, url: string, rate?: number): Promise<Outcome> {
	const out: Outcome = { times: { page: [], save: [] }, statuses: { page: new Map(), save: new Map() }, errors: 0, timeouts: 0, wall: 0 };
	const started = process.hrtime.bigint();
	const runs: Promise<unknown>[] = [];
	for (const unit of units) {
		let instance!: autocannon.Instance;
		runs.push(
			new Promise((resolve, reject) => {
				instance = autocannon({ url, connections: 1, ...(rate && { connectionRate: rate }), amount, timeout: TIMEOUT_S, requests: unit.requests }, (e, result) => (e ? reject(e) : resolve(result)));
			})
		);
		instance.on('response', (_client, status, _bytes, time) => {
			const kind = unit.last();
			out.times[kind].push(time);
			out.statuses[kind].set(status, (out.statuses[kind].get(status) ?? 0) + 1);
		});
		instance.on('reqError', (e) => {
			out.errors++;
			if (/timed out/.test(e.message)) out.timeouts++;
		});
		if (units.length > 1) await sleep(1000 / units.length);
	}
	await Promise.all(runs);
	out.wall = ms(started) / 1000;
	return out;
}

type Setup = (req: autocannon.Request, context: object) => autocannon.Request;
type Answered = (status: number, body: string, context: object, headers?: Record<string, string | string[] | undefined>) => void;

/**
 * The surge's unit: SAVE_EVERY people on one connection at one request a
 * second, taking turns, so each sends a request every SAVE_EVERY seconds. A
 * person's first request and every PAGE_EVERY-th after it opens the standard
 * page; the others autosave.
 */
function turns(group: Person[], code: string, grade: string, origin: string): Unit {
	let answered: Person = group[0];
	const requests = group.map((p): autocannon.Request => {
		const [page, save] = surgeRequests(p, code, grade, origin);
		let n = 0;
		let kind: Kind = 'page';
		return {
			method: 'GET',
			path: page.path,
			setupRequest: (req, context) => {
				kind = n++ % PAGE_EVERY === 0 ? 'page' : 'save';
				const chosen = kind === 'page' ? page : save;
				const base = { ...req, method: chosen.method, path: chosen.path, headers: chosen.headers ?? {}, body: undefined };
				return (chosen.setupRequest as Setup)(base, context);
			},
			onResponse: (status, body, context, headers) => {
				((kind === 'page' ? page : save).onResponse as Answered)(status, body, context, headers);
				answered = p;
			}
		};
	});
	return { requests, last: () => answered.last };
}

/** Notes what goes on the wire next; one still there had no answer (autocannon sends the next request after a time-out). */
function sending(p: Person, kind: Kind) {
	if (p.inFlight) p.dropped[p.inFlight]++;
	p.inFlight = kind;
}

/** The surge's loop for one person: the standard page, then the autosave. */
function surgeRequests(p: Person, code: string, grade: string, origin: string): autocannon.Request[] {
	const base = `/organisations/${p.organisationId}/returns/${p.returnId}`;
	const versionField = new RegExp(`name="version-${code.replace('.', '\\.')}" value="(\\d+)"`);
	return [
		{
			method: 'GET',
			path: `${base}/standards/${STANDARD}`,
			headers: { ...p.headers, accept: 'text/html' },
			setupRequest: (req) => {
				sending(p, 'page');
				return req;
			},
			onResponse: (status, body) => {
				p.last = 'page';
				p.inFlight = null;
				const m = status === 200 ? versionField.exec(body) : null;
				if (!m || Number(m[1]) < p.acked.version) p.stalePages++;
				else if (Number(m[1]) > p.acked.version) p.newerPages++;
				if (m && p.ackedVersions.length === 0) p.version = Number(m[1]);
			}
		},
		{
			method: 'POST',
			path: `${base}/responses/${code}`,
			setupRequest: (req) => {
				sending(p, 'save');
				if (p.pending) p.unanswered.add(p.pending);
				const narrative = narrativeFor(p, ++p.seq);
				p.pending = narrative;
				return {
					...req,
					headers: { ...p.headers, 'content-type': 'application/json', accept: 'application/json', origin },
					body: JSON.stringify({ grade, naReason: '', narrative, version: p.version, confirm: false })
				};
			},
			onResponse: (status, body) => {
				p.last = 'save';
				p.inFlight = null;
				const narrative = p.pending!;
				p.pending = null;
				let answer: { version?: number } = {};
				try {
					answer = JSON.parse(body);
				} catch {
					// counted by its status
				}
				if (status === 200 && typeof answer.version === 'number') {
					p.acked = { narrative, version: answer.version };
					p.ackedNarratives.add(narrative);
					p.ackedVersions.push(answer.version);
					p.version = answer.version;
				} else if (typeof answer.version === 'number') {
					// A 409: carry on from the version it names, as a person resolving it would.
					p.version = answer.version;
				}
			}
		}
	];
}

const count = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const ok = (m: Map<number, number>) => m.get(200) ?? 0;
const statusText = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b).map(([s, n]) => `${n} × ${s}`).join(', ') || 'none';

async function main() {
	const finish = begin('surge');
	const loadAtStart = load();
	const bench = await benchDatabase('surge');
	let db: Db = bench.db;
	const seedStart = process.hrtime.bigint();
	const { people, code, grade, requirements } = await seed(db);
	const seedSeconds = ms(seedStart) / 1000;
	await db.close();

	// CPU_PROF=dir: the server writes a V8 CPU profile there when it stops (bench/fixtures/cpu-profile.mjs).
	const profile: Record<string, string> = process.env.CPU_PROF ? { CPU_PROF: process.env.CPU_PROF, NODE_OPTIONS: `--import ${path.join(ROOT, 'bench/fixtures/cpu-profile.mjs')}` } : {};
	const server = await startServer({ ...bench.env, ...profile });
	let signIns: number[] = [];
	let signInWall = 0;
	let connections = 0;
	let floor: Outcome;
	let flatOut: autocannon.Result;
	let surge: Outcome;
	const serial = {} as { pages: Outcome; pagesCpu: number; saves: Outcome; savesCpu: number };
	const cpu = { server: 0, bench: 0, machineBusy: 0, machineTotal: 0, postgres: 0, others: 0 };
	try {
		// Everyone signs in at once, each from their own address, through the sign-in form.
		const t = process.hrtime.bigint();
		signIns = await Promise.all(
			people.map(async (p) => {
				const started = process.hrtime.bigint();
				const client = await new Client(server.url).signIn(p.email, PASSWORD);
				p.headers = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': client.address };
				return ms(started);
			})
		);
		signInWall = ms(t) / 1000;
		const units: Unit[] = [];
		for (let i = 0; i < people.length; i += SAVE_EVERY) units.push(turns(people.slice(i, i + SAVE_EVERY), code, grade, server.url));
		connections = units.length;

		// The floor: GET /healthz from as many connections, paced the same way, then flat out.
		floor = await perUnit(units.map((u) => ({ requests: u.requests.map(() => ({ method: 'GET', path: '/healthz' })), last: () => 'page' })), FLOOR_SECONDS, server.url, 1);
		flatOut = await autocannon({ url: `${server.url}/healthz`, connections: USERS, duration: FLAT_OUT_SECONDS, timeout: TIMEOUT_S });

		// What each request costs with no queue: one person, one request after another (after a warm-up), pages alone then saves alone.
		const loop = (p: Person) => surgeRequests(p, code, grade, server.url);
		await perUnit(alone([people[0]], loop), WARMUP * 2, server.url);
		let c = cpuSeconds(server.pid);
		serial.pages = await perUnit(alone([people[0]], (p) => [loop(p)[0]]), SERIAL, server.url);
		serial.pagesCpu = cpuSeconds(server.pid) - c;
		c = cpuSeconds(server.pid);
		serial.saves = await perUnit(alone([people[0]], (p) => [loop(p)[1]]), SERIAL, server.url);
		serial.savesCpu = cpuSeconds(server.pid) - c;

		// The surge.
		const cpuStart = { server: cpuSeconds(server.pid), bench: process.cpuUsage(), machine: machineCpu(), processes: processCpu() };
		surge = await perUnit(units, DURATION, server.url, 1);
		cpu.server = cpuSeconds(server.pid) - cpuStart.server;
		const b = process.cpuUsage(cpuStart.bench);
		cpu.bench = (b.user + b.system) / 1e6;
		const m = machineCpu();
		cpu.machineBusy = m.busy - cpuStart.machine.busy;
		cpu.machineTotal = m.total - cpuStart.machine.total;
		Object.assign(cpu, cpuBetween(cpuStart.processes, processCpu(), [server.pid, process.pid]));
	} catch (e) {
		process.stderr.write(server.output());
		throw e;
	} finally {
		await server.stop();
	}

	// What the database holds afterwards.
	db = await bench.reopen();
	const ids = people.map((p) => p.returnId);
	const stored = new Map(
		(await db.query<{ return_id: string; narrative: string; version: number }>('select return_id, narrative, version from responses where return_id = any($1::uuid[]) and requirement_code = $2', [ids, code])).map((r) => [r.return_id, r])
	);
	const audited = new Map<string, number[]>();
	for (const r of await db.query<{ subject_id: string; version: number }>(
		`select subject_id, (detail->>'version')::int as version from audit_log
		 where action = 'response.save' and subject_id = any($1::text[]) and detail->>'requirement' = $2 and (detail->>'version')::int > 1`,
		[ids, code]
	)) {
		audited.set(r.subject_id, [...(audited.get(r.subject_id) ?? []), r.version]);
	}
	await db.close();
	bench.remove();

	const check = { held: 0, lost: 0, overwritten: 0, appliedUnanswered: 0, auditMatched: 0, auditRows: 0, auditMissing: 0, auditUnexplained: 0 };
	for (const p of people) {
		const row = stored.get(p.returnId);
		if (row && row.narrative === p.acked.narrative && row.version === p.acked.version) check.held++;
		else if (row && (p.unanswered.has(row.narrative) || row.narrative === p.pending) && row.version > p.acked.version) check.appliedUnanswered++;
		else if (!row || row.version < p.acked.version || p.ackedNarratives.has(row.narrative) || row.narrative === SEED_NARRATIVE) check.lost++;
		else check.overwritten++;
		// One entry per acknowledged save, with its version; any other entry is a save whose answer never came.
		const versions = audited.get(p.returnId) ?? [];
		check.auditRows += versions.length;
		const missing = p.ackedVersions.filter((v) => versions.filter((x) => x === v).length !== 1).length;
		const others = versions.length - (p.ackedVersions.length - missing);
		const unexplained = Math.max(0, others - p.unanswered.size - (p.pending ? 1 : 0));
		check.auditMissing += missing;
		check.auditUnexplained += unexplained;
		if (!missing && !unexplained) check.auditMatched++;
	}

	const acked = people.reduce((a, p) => a + p.ackedVersions.length, 0);
	const stale = people.reduce((a, p) => a + p.stalePages, 0);
	const newer = people.reduce((a, p) => a + p.newerPages, 0);
	const unanswered = people.reduce((a, p) => a + p.unanswered.size + (p.pending ? 1 : 0), 0);
	const all = [...surge!.times.page, ...surge!.times.save];
	const dropped = (k: Kind) => people.reduce((a, p) => a + p.dropped[k] + (p.inFlight === k ? 1 : 0), 0);
	const saveErrors = count(surge!.statuses.save) - ok(surge!.statuses.save) + dropped('save');
	const pageErrors = count(surge!.statuses.page) - ok(surge!.statuses.page) + dropped('page');
	const errors = count(surge!.statuses.save) - ok(surge!.statuses.save) + count(surge!.statuses.page) - ok(surge!.statuses.page) + surge!.errors;
	const expectedRequests = connections * DURATION;
	const floorTimes = floor!.times.page;
	const p = (xs: number[], q: number) => (xs.length ? pct(xs, q) : NaN);
	const line = (what: string, xs: number[], perSecond: number | null, errs: string) =>
		`| ${what} | ${xs.length} | ${msText(p(xs, 50))} | ${msText(p(xs, 95))} | ${msText(p(xs, 99))} | ${msText(Math.max(...xs))} | ${perSecond === null ? '' : perSecond.toFixed(0)} | ${errs} |`;
	const wall = surge!.wall;
	const errorsOf = (o: Outcome) => o.errors + count(o.statuses.page) - ok(o.statuses.page) + count(o.statuses.save) - ok(o.statuses.save);
	// Server CPU per request, from the runs one request after another.
	const cpuPage = (serial.pagesCpu / SERIAL) * 1000;
	const cpuSave = (serial.savesCpu / SERIAL) * 1000;
	const demand = ((USERS / SAVE_EVERY) * (cpuPage + (PAGE_EVERY - 1) * cpuSave)) / PAGE_EVERY / 1000;
	const flat = flatOut!;
	const detail = [
		`### ${machine()}, load average ${loadAtStart} at the start, ${load()} at the end`,
		'',
		`${USERS} school leads, each on their own school's live return (${requirements} answers on standard ${STANDARD}, seeded in ${seedSeconds.toFixed(0)} s), signed in all at once through the sign-in form, then for ${DURATION} s each person sends a request every ${SAVE_EVERY} s (${connections} autocannon connections at one request a second, ${SAVE_EVERY} people taking turns on each, starting spread over a second): the first and every ${PAGE_EVERY}th opens the standard page, the others autosave answer ${code} with a new text based on the version the last save returned. The surge took ${wall.toFixed(1)} s.`,
		'',
		'| What | requests | p50 | p95 | p99 | max | per second | errors |',
		'|---|---|---|---|---|---|---|---|',
		line(`Sign-in, ${USERS} at once (before the timed run)`, signIns, USERS / signInWall, '0'),
		line(`Floor: \`GET /healthz\`, ${connections} connections paced the same way (${FLOOR_SECONDS} s)`, floorTimes, floorTimes.length / floor!.wall, String(count(floor!.statuses.page) - ok(floor!.statuses.page) + floor!.errors)),
		`| Floor: \`GET /healthz\`, ${USERS} connections flat out (${FLAT_OUT_SECONDS} s) | ${flat.requests.total} | ${msText(flat.latency.p50)} | ${msText(flat.latency.p97_5)} (p97.5) | ${msText(flat.latency.p99)} | ${msText(flat.latency.max)} | ${flat.requests.average.toFixed(0)} | ${flat.errors + flat.non2xx} |`,
		line('**Surge: standard page loads**', surge!.times.page, surge!.times.page.length / wall, String(pageErrors)),
		line('**Surge: autosaves**', surge!.times.save, surge!.times.save.length / wall, String(saveErrors)),
		line('Surge: all requests', all, all.length / wall, String(errors)),
		line('One person alone, one request after another: the standard page', serial.pages.times.page, null, String(errorsOf(serial.pages))),
		line('One person alone, one request after another: the autosave', serial.saves.times.save, null, String(errorsOf(serial.saves))),
		'',
		`Surge answers: pages ${statusText(surge!.statuses.page)}; saves ${statusText(surge!.statuses.save)}; connection errors ${surge!.errors} (of which time-outs at ${TIMEOUT_S} s: ${surge!.timeouts}; page loads ${dropped('page')}, saves ${dropped('save')}); ${all.length} of ${expectedRequests} requests answered. Page loads showing an older version than the last acknowledged save's: ${stale}; a newer one (a save whose answer never came): ${newer}.`,
		`In the database afterwards: ${check.held} of ${USERS} answers hold exactly their person's last acknowledged text and version; lost saves ${check.lost}; overwritten ${check.overwritten}; a later unanswered save applied ${check.appliedUnanswered}. Audit: ${check.auditRows} 'response.save' entries for ${acked} acknowledged saves and ${unanswered} sent but unanswered; acknowledged saves without exactly one entry of their version: ${check.auditMissing}; entries no sent save explains: ${check.auditUnexplained} (all in order for ${check.auditMatched} of ${USERS} people).`,
		`CPU during the surge: the server ${cpu.server.toFixed(1)} s (${((cpu.server / wall) * 100).toFixed(0)}% of one core; Node answers on one thread), the load generator (this process) ${cpu.bench.toFixed(1)} s (${((cpu.bench / wall) * 100).toFixed(0)}%); the whole machine's ${machine().split(', ')[1]} were ${((cpu.machineBusy / cpu.machineTotal) * 100).toFixed(0)}% busy (${(cpu.machineBusy / wall).toFixed(2)} cores: besides the server and the load generator, PostgreSQL processes ${(cpu.postgres / wall).toFixed(2)} cores${database() === 'postgres' ? '' : ' (none of them this bench\'s)'}, everything else on the machine ${(cpu.others / wall).toFixed(2)}, not put down to a process still running at the end ${((cpu.machineBusy - cpu.server - cpu.bench - cpu.postgres - cpu.others) / wall).toFixed(2)}: the kernel's loopback networking, processes that ended meanwhile). Alone, the server spends about ${msText(cpuPage)} of CPU on a page and ${msText(cpuSave)} on a save (${SERIAL} of each, one after another${database() === 'postgres' ? "; PostgreSQL's own processes not counted" : ', the embedded database included'}): ${USERS} people at a request every ${SAVE_EVERY} s ask for ${demand.toFixed(2)} s of CPU a second, ${demand > 1 ? 'more than the one core a Node process answers on' : 'within one core'}.`
	].join('\n');

	const what = `Deadline surge: ${USERS} users, ${DURATION} s`;
	const floorP95 = p(floorTimes, 95);
	const floorWords = `\`GET /healthz\` at ${connections} connections, paced the same: p95 ${msText(floorP95)}`;
	const target = `0 errors; p95 < ${TARGET_P95_MS} ms`;
	const kindRow = (label: string, xs: number[], errs: number): BenchRow => ({
		what: `${what} — ${label}`,
		measured: `p50 ${msText(p(xs, 50))} · p95 ${msText(p(xs, 95))} · p99 ${msText(p(xs, 99))}; ${(xs.length / wall).toFixed(0)}/s; ${errs} errors`,
		baseline: floorWords,
		ratio: p(xs, 95) / floorP95,
		target,
		met: errs === 0 && p(xs, 95) < TARGET_P95_MS,
		note:
			p(xs, 95) < TARGET_P95_MS && errs === 0
				? undefined
				: `the load asks for ${demand.toFixed(2)} s of server CPU a second (${msText(cpuPage)} a page, ${msText(cpuSave)} a save, measured alone) from one Node process; it used ${((cpu.server / wall) * 100).toFixed(0)}% of a core, the machine's cores were ${((cpu.machineBusy / cpu.machineTotal) * 100).toFixed(0)}% busy, and requests queued`,
		numbers: { p50: p(xs, 50), p95: p(xs, 95), p99: p(xs, 99), requests: xs.length, perSecond: xs.length / wall, errors: errs, floorP95, users: USERS, seconds: DURATION }
	});
	const rows: BenchRow[] = [
		kindRow('saves', surge!.times.save, saveErrors),
		kindRow('page loads', surge!.times.page, pageErrors),
		{
			what: `${what} — lost or overwritten saves`,
			measured: `${check.lost} lost, ${check.overwritten} overwritten of ${acked} acknowledged saves; audit entries missing ${check.auditMissing}, unexplained ${check.auditUnexplained}`,
			baseline: '',
			ratio: null,
			target: '0 lost or silently overwritten saves (checked in the database afterwards)',
			met: check.lost === 0 && check.overwritten === 0 && check.auditMissing === 0 && check.auditUnexplained === 0,
			numbers: { acknowledged: acked, lost: check.lost, overwritten: check.overwritten, appliedUnanswered: check.appliedUnanswered, auditRows: check.auditRows, auditMissing: check.auditMissing, auditUnexplained: check.auditUnexplained, unanswered, stalePages: stale, newerPages: newer }
		}
	];
	report(finish(rows, detail));
}

await main();
